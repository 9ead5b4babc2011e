"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "./form-controls";
import { assignableRoleChoices, type CompanyOption, heirsFor, type MemberRow, type RoleChoice } from "./types";

export function RoleField({
  value,
  onChange,
  error,
  autoFocus = false,
}: {
  value: RoleChoice;
  onChange: (role: RoleChoice) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  return (
    <Field label={t("fields.role")} hint={t(`roleHints.${value}`)} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name="role"
          value={value}
          onChange={(event) => onChange(event.target.value as RoleChoice)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          data-autofocus={autoFocus || undefined}
          className={inputClass}
        >
          {assignableRoleChoices.map((role) => (
            <option key={role} value={role}>
              {tRoles(role)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The company a client administrator belongs to: a search box narrowing a select of the
 * companies the page loaded (the first `limit`, by name).
 */
export function CompanyField({
  companies,
  limit,
  value,
  onChange,
  error,
}: {
  companies: readonly CompanyOption[];
  limit: number;
  value: string;
  onChange: (companyId: string) => void;
  error?: string;
}) {
  const t = useTranslations("members");
  const searchId = useId();
  const [search, setSearch] = useState("");
  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    const matching = needle ? companies.filter((company) => company.name.toLocaleLowerCase().includes(needle)) : companies;
    // The chosen company stays in the list while the search hides the others.
    const chosen = companies.find((company) => company.id === value);
    return chosen && !matching.includes(chosen) ? [chosen, ...matching] : matching;
  }, [companies, search, value]);

  if (companies.length === 0) {
    return (
      <Field label={t("fields.company")} hint={t("company.none")} error={error}>
        {({ id, describedBy, invalid }) => (
          <select id={id} name="clientCompanyId" disabled aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
            <option value="">{t("company.choose")}</option>
          </select>
        )}
      </Field>
    );
  }

  return (
    <div className="rounded-lg border bg-muted/30 p-3">
      <label htmlFor={searchId} className="mb-1.5 block text-xs font-medium text-muted-foreground">
        {t("company.search")}
      </label>
      <input
        id={searchId}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        autoComplete="off"
        className={cn(inputClass, "mb-3")}
      />
      <Field
        label={t("fields.company")}
        hint={companies.length >= limit ? t("company.limited", { count: limit }) : undefined}
        error={error}
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="clientCompanyId"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            <option value="">{visible.length === 0 ? t("company.noMatch") : t("company.choose")}</option>
            {visible.map((company) => (
              <option key={company.id} value={company.id}>
                {company.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/**
 * Where a member's clients and registrations go before they are disabled, removed or
 * given a role that cannot hold them: says how many move, then asks to whom.
 */
export function ReassignField({
  member,
  members,
  value,
  onChange,
  error,
}: {
  member: MemberRow;
  members: readonly MemberRow[];
  value: string;
  onChange: (userId: string) => void;
  error?: string;
}) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const heirs = heirsFor(member, members);
  return (
    <div className="rounded-lg border bg-muted/30 p-3">
      <p className="mb-3 text-sm">
        {t("reassign.summary", {
          name: member.name,
          clients: member.assignedClients,
          registrations: member.assignedRegistrations,
        })}
      </p>
      <Field label={t("fields.reassignTo")} hint={heirs.length === 0 ? t("reassign.nobody") : undefined} error={error}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="reassignTo"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-autofocus
            className={inputClass}
          >
            <option value="">{t("reassign.choose")}</option>
            {heirs.map((heir) => (
              <option key={heir.userId} value={heir.userId}>
                {heir.name} — {tRoles(heir.role)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
