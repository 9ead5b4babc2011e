"use client";

import { Building2, Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { createWecomCorpAction } from "@/app/(app)/[agency]/accounts/actions";
import type { CompanyKind } from "@/lib/clients/kinds";
import type { WecomAdminChoice } from "@/lib/wecom/queries";
import { wecomScales, wecomTiers, wecomWarningsFor, type WecomScale, type WecomTier } from "@/lib/wecom/schemas";

export type NewWecomProps = {
  agencySlug: string;
  clientCompanyId: string;
  companyKind: CompanyKind;
  /** The company's Chinese and English names: the corp name starts as the first. */
  companyNames: (string | null)[];
  industry: string | null;
  hasVerifiedOfficialAccount: boolean;
  admins: WecomAdminChoice[];
};

/**
 * "New WeCom corp" on a client's page: the administrator (one of the company's people, or
 * later), the corp's name (the client's, as on its licence), short name, industry, scale,
 * tier and region. What domain.md says that does not stop it (no administrator yet, no
 * mobile, no licence for an individual, over 200 members unverified…) shows as the user
 * types, before anything is sent.
 */
export function NewWecomButton(props: NewWecomProps) {
  const t = useTranslations("wecomForm");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass.secondary} onClick={() => setOpen(true)}>
        <Building2 aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {open && <NewWecomDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function NewWecomDialog({
  agencySlug,
  clientCompanyId,
  companyKind,
  companyNames,
  industry: companyIndustry,
  hasVerifiedOfficialAccount,
  admins,
  onClose,
}: NewWecomProps & { onClose: () => void }) {
  const t = useTranslations("wecomForm");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [adminPersonId, setAdminPersonId] = useState(admins[0]?.id ?? "");
  const [corpName, setCorpName] = useState(companyNames.find(Boolean) ?? "");
  const [shortName, setShortName] = useState("");
  const [industry, setIndustry] = useState(companyIndustry ?? "");
  const [scale, setScale] = useState<WecomScale | "">("");
  const [tier, setTier] = useState<WecomTier>("free");
  const [region, setRegion] = useState("");
  const admin = admins.find((choice) => choice.id === adminPersonId) ?? null;
  const warnings = wecomWarningsFor(
    { corpName, scale: scale || null, adminPersonId: admin?.id ?? null },
    { companyKind, companyNames, admin, hasVerifiedOfficialAccount },
  );
  // A field's message goes once the field is changed: it speaks of the value that was sent.
  const [edited, setEdited] = useState<{ failure: typeof failure; fields: ReadonlySet<string> }>({ failure: null, fields: new Set() });
  const changed = (field: string) => setEdited((current) => ({ failure, fields: new Set(current.failure === failure ? current.fields : []).add(field) }));
  const error = (field: string) => {
    const key = fieldError(field);
    if (!key || (edited.failure === failure && edited.fields.has(field))) return undefined;
    return message(key);
  };
  const text = (name: string, value: string, set: (value: string) => void, label: string, hint?: string) => (
    <Field label={label} hint={hint} error={error(name)}>
      {(ids) => (
        <input
          id={ids.id}
          name={name}
          value={value}
          onChange={(event) => {
            set(event.target.value);
            changed(name);
          }}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose} busy={pending}>
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () =>
              createWecomCorpAction(agencySlug, {
                clientCompanyId,
                adminPersonId: adminPersonId || null,
                corpName,
                shortName,
                industry,
                scale: scale || undefined,
                tier,
                region,
              }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <Field label={t("admin")} hint={admins.length === 0 ? t("noPeople") : t("adminHint")} error={error("adminPersonId")}>
          {(ids) => (
            <select
              id={ids.id}
              name="adminPersonId"
              data-autofocus
              value={adminPersonId}
              onChange={(event) => setAdminPersonId(event.target.value)}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              className={inputClass}
            >
              {admins.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.idMask ? `${choice.name} · ${choice.idMask}` : choice.name}
                </option>
              ))}
              <option value="">{t("adminNone")}</option>
            </select>
          )}
        </Field>
        {text("corpName", corpName, setCorpName, t("corpName"), t("corpNameHint"))}
        <div className="grid gap-4 sm:grid-cols-2">
          {text("shortName", shortName, setShortName, t("shortName"), t("shortNameHint"))}
          {text("industry", industry, setIndustry, t("industry"))}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("scale")} error={error("scale")}>
            {(ids) => (
              <select
                id={ids.id}
                name="scale"
                value={scale}
                onChange={(event) => setScale(event.target.value as WecomScale | "")}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                className={inputClass}
              >
                <option value="">{t("scaleNone")}</option>
                {wecomScales.map((value) => (
                  <option key={value} value={value}>
                    {t(`scales.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium">{t("tier")}</legend>
            <div className="flex h-9 flex-wrap items-center gap-4">
              {wecomTiers.map((value) => (
                <label key={value} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="tier" value={value} checked={tier === value} onChange={() => setTier(value)} />
                  {t(`tiers.${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {text("region", region, setRegion, t("region"), t("regionHint"))}
        {warnings.length > 0 && (
          <section aria-labelledby="wecom-warnings" role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
            <h3 id="wecom-warnings" className="flex items-center gap-1.5 font-medium">
              <Info aria-hidden="true" className="size-4" />
              {t("warningsTitle")}
            </h3>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {warnings.map((warning) => (
                <li key={warning} data-warning={warning}>
                  {t(`warnings.${warning}`)}
                </li>
              ))}
            </ul>
          </section>
        )}
        {failure && !failure.fields && <FormAlert>{message(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
