"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { inviteMemberAction } from "@/app/(app)/[agency]/settings/members/actions";
import type { Locale } from "@/lib/i18n/config";
import { Dialog } from "./dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "./form-controls";
import { CompanyField, RoleField } from "./member-fields";
import type { CompanyOption, LanguageOption, RoleChoice } from "./types";
import { useAction } from "./use-action";

export function InviteDialog({
  agencySlug,
  companies,
  companyLimit,
  languages,
  defaultLocale,
  invitationDays,
  onClose,
  onDone,
}: {
  agencySlug: string;
  companies: readonly CompanyOption[];
  companyLimit: number;
  languages: readonly LanguageOption[];
  defaultLocale: Locale;
  invitationDays: number;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("members");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [role, setRole] = useState<RoleChoice>("staff");
  const [companyId, setCompanyId] = useState("");
  const [locale, setLocale] = useState<Locale>(defaultLocale);
  const error = (field: string) => {
    const key = fieldError(field);
    return key ? say(key) : undefined;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const input = { email, role, clientCompanyId: role === "client_admin" ? companyId || null : null, locale };
    run(
      () => inviteMemberAction(agencySlug, input),
      (data) => onDone(t("done.invited", { email: data.email })),
    );
  }

  return (
    <Dialog title={t("invite.title")} description={t("invite.description", { days: invitationDays })} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field label={t("fields.email")} error={error("email")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              data-autofocus
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        <RoleField value={role} onChange={setRole} error={error("role")} />
        {role === "client_admin" && (
          <CompanyField
            companies={companies}
            limit={companyLimit}
            value={companyId}
            onChange={setCompanyId}
            error={error("clientCompanyId")}
          />
        )}
        <Field label={t("fields.language")} hint={t("invite.languageHint")} error={error("locale")}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="locale"
              value={locale}
              onChange={(event) => setLocale(event.target.value as Locale)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            >
              {languages.map((language) => (
                <option key={language.value} value={language.value} lang={language.value}>
                  {language.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("invite.submit")} />
      </form>
    </Dialog>
  );
}
