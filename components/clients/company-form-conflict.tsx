"use client";

import { RefreshCw, TriangleAlert } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button-styles";
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
 * Someone saved the company while this user was editing it: who and when, and, field by
 * field, what they saved next to what this user has typed. The user loads the latest
 * (their edits go) or keeps theirs (the next save replaces the newer version, knowingly).
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
  const format = useFormatter();
  const ref = useRef<HTMLDivElement>(null);
  const theirs = valuesOf(stale.current);

  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [stale]);

  function shown(name: CompanyFieldName, value: string): string {
    if (!value.trim()) return t("conflict.empty");
    if (name === "subjectType") return t(`subjectTypes.${value}` as never);
    if (name === "scale") return t(`scales.${value}` as never);
    if (name === "assigneeUserId") {
      return assignees.find((a) => a.id === value)?.name ?? (stale.current.assignee?.id === value ? stale.current.assignee.name : value);
    }
    return value;
  }

  const same = (a: string, b: string) => a.trim().replace(/\s+/g, " ").toUpperCase() === b.trim().replace(/\s+/g, " ").toUpperCase();
  const differing = fields.filter((name) => !same(values[name], theirs[name]));
  const when = stale.changedAt
    ? format.dateTime(new Date(stale.changedAt), { dateStyle: "medium", timeStyle: "short", timeZone })
    : null;
  const title =
    stale.changedBy && when
      ? t("conflict.title", { name: stale.changedBy, time: when })
      : when
        ? t("conflict.titleAt", { time: when })
        : t("conflict.titleUnknown");

  return (
    <div
      ref={ref}
      role="alert"
      data-testid="company-conflict"
      className="rounded-xl border border-amber-600/40 bg-amber-500/10 p-4 text-sm"
    >
      <div className="flex items-start gap-2">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{title}</p>
          <p className="mt-1 text-muted-foreground">{kept ? t("conflict.kept") : t("conflict.body")}</p>
        </div>
      </div>
      {differing.length > 0 ? (
        <div className="mt-3 overflow-x-auto rounded-lg border bg-background">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <caption className="sr-only">{t("conflict.caption")}</caption>
            <thead className="bg-muted text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("conflict.field")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("conflict.yours")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("conflict.theirs")}
                </th>
              </tr>
            </thead>
            <tbody>
              {differing.map((name) => (
                <tr key={name} data-field={name} className="border-t align-top">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {fieldLabel(t, name, kind)}
                  </th>
                  <td className="px-3 py-2 break-words">{shown(name, values[name])}</td>
                  <td className="px-3 py-2 break-words">{shown(name, theirs[name])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 text-muted-foreground">{t("conflict.noDifferences")}</p>
      )}
      {!kept && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" onClick={onReload} className={buttonClass.secondary}>
            <RefreshCw aria-hidden="true" className="size-4" />
            {t("conflict.reload")}
          </button>
          <button type="button" onClick={onKeep} className={buttonClass.secondary}>
            {t("conflict.keep")}
          </button>
        </div>
      )}
    </div>
  );
}
