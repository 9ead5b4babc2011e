"use client";

import { useTranslations } from "next-intl";
import { FormConflict } from "@/components/forms/form-conflict";
import type { CompanyKind } from "@/lib/clients/kinds";
import type { SerialisedCompany } from "@/lib/clients/service";
import {
  fieldLabel,
  valuesOf,
  type AssigneeChoice,
  type CompanyFieldName,
  type CompanyValues,
} from "./company-form-fields";

export type StaleCompany = { current: SerialisedCompany; changedBy: string | null; changedAt: string | null };

/**
 * The company form's conflict panel (FormConflict): choices read as their labels, the
 * assignee as a name, and values compared regardless of case (a USCC is upper case).
 */
export function CompanyFormConflict({
  stale,
  kept,
  fields,
  values,
  kind,
  assignees,
  timeZone,
  onReload,
  onKeep,
}: {
  stale: StaleCompany;
  kept: boolean;
  fields: readonly CompanyFieldName[];
  values: CompanyValues;
  kind: CompanyKind;
  assignees: readonly AssigneeChoice[];
  timeZone: string;
  onReload: () => void;
  onKeep: () => void;
}) {
  const t = useTranslations("clientForm");
  const tConflict = useTranslations("clientForm.conflict");

  function display(name: CompanyFieldName, value: string): string {
    if (name === "subjectType") return t(`subjectTypes.${value}` as never);
    if (name === "scale") return t(`scales.${value}` as never);
    if (name === "assigneeUserId") {
      return assignees.find((a) => a.id === value)?.name ?? (stale.current.assignee?.id === value ? stale.current.assignee.name : value);
    }
    return value;
  }

  return (
    <FormConflict
      t={tConflict}
      testId="company-conflict"
      stale={stale}
      kept={kept}
      fields={fields}
      yours={values}
      theirs={valuesOf(stale.current)}
      label={(name) => fieldLabel(t, name, kind)}
      display={display}
      ignoreCase
      tableClassName="w-full min-w-[32rem] text-left text-sm"
      timeZone={timeZone}
      onReload={onReload}
      onKeep={onKeep}
    />
  );
}
