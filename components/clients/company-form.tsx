"use client";

/**
 * The client company form (issue 6 §1), for adding and for editing. The kind comes
 * first, as three large choices (fixed once the client exists), then the fields that
 * kind needs (design.md §3). The same schema as the server checks the credit code as
 * the user leaves the field: a wrong check character is a warning that needs a reason,
 * never a silent pass. What the user typed stays after a refusal; an edit that someone
 * else's save overtook shows both versions side by side.
 */
import { Building2, Globe, LoaderCircle, Lock, TriangleAlert, UserRound } from "lucide-react";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { createCompanyAction } from "@/app/(app)/[agency]/clients/new/actions";
import { updateCompanyAction, type UpdateCompanyFailure } from "@/app/(app)/[agency]/clients/[id]/actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { companyKinds, type CompanyKind } from "@/lib/clients/kinds";
import { CLIENT_MESSAGES, companyScales, subjectTypesByKind } from "@/lib/clients/schemas";
import type { SerialisedCompany } from "@/lib/clients/service";
import { usccSchema } from "@/lib/validation/schemas";
import { CompanyFormConflict, type StaleCompany } from "./company-form-conflict";
import {
  companyFieldNames,
  emptyValues,
  fieldLabel,
  fieldsByKind,
  legacyScaleOf,
  valuesOf,
  type AssigneeChoice,
  type CompanyFieldName,
  type CompanyValues,
} from "./company-form-fields";

type UsccCheck = { expected: string } | null;

/** The credit code's check-character warning, or a field message key, or nothing (blank or fine). */
function checkUsccValue(value: string): { warning: UsccCheck; error: string | null } {
  if (!value.trim()) return { warning: null, error: null };
  const parsed = usccSchema.safeParse(value);
  if (!parsed.success) return { warning: null, error: parsed.error.issues[0]?.message ?? "validation.uscc.format" };
  return { warning: parsed.data.warning ? { expected: parsed.data.warning.expected } : null, error: null };
}

const kindIcons = { cn_org: Building2, cn_individual: UserRound, overseas: Globe } as const;

export function CompanyForm({
  agencySlug,
  assignees,
  company,
  timeZone,
  otherLanguage,
}: {
  agencySlug: string;
  assignees: readonly AssigneeChoice[];
  /** The kinds' names in the other language (ux.md §3 gives both), and its tag. */
  otherLanguage: { locale: string; kinds: Record<CompanyKind, string> };
  /** The agency's, for "changed at" times. */
  timeZone: string;
  /** Editing this company; adding a new one when absent. */
  company?: SerialisedCompany;
}) {
  const t = useTranslations("clientForm");
  const say = useCatalogue();
  const locale = useLocale();
  const editing = company !== undefined;
  const legacyScale = legacyScaleOf(company);
  const [kind, setKind] = useState<CompanyKind | null>(company?.kind ?? null);
  const [values, setValues] = useState<CompanyValues>(company ? valuesOf(company) : emptyValues);
  const [version, setVersion] = useState(company?.version ?? 1);
  const [usccWarning, setUsccWarning] = useState<UsccCheck>(() => checkUsccValue(company?.uscc ?? "").warning);
  const [errors, setErrors] = useState<Partial<Record<CompanyFieldName | "kind", string>>>({});
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<StaleCompany | null>(null);
  const [kept, setKept] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  // After a refusal: focus the first field it names, in form order, else the form's message.
  useEffect(() => {
    const form = formRef.current;
    if (!form || focusRequest === 0) return;
    const first = companyFieldNames.find((name) => errors[name]);
    const target = first
      ? form.querySelector<HTMLElement>(`[name="${first === "uscc" && usccWarning ? "usccOverrideReason" : first}"]`)
      : form.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
    // Only when a new refusal arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const countryName = useMemo(() => {
    const code = values.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) return null;
    try {
      const name = new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(code);
      return name && name !== code ? name : null;
    } catch {
      return null;
    }
  }, [values.country, locale]);

  function set(name: CompanyFieldName, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
  }

  function onUsccBlur() {
    const { warning, error } = checkUsccValue(values.uscc);
    setUsccWarning(warning);
    setErrors((current) => ({ ...current, uscc: error ?? undefined }));
  }

  const error = (name: CompanyFieldName): string | undefined => {
    const key = errors[name];
    // The missing reason is shown on the reason field, next to the warning.
    if (name === "uscc" && key === CLIENT_MESSAGES.usccOverride) return undefined;
    if (name === "usccOverrideReason" && !key && errors.uscc === CLIENT_MESSAGES.usccOverride) {
      return say(CLIENT_MESSAGES.usccOverride);
    }
    return key ? say(key) : undefined;
  };

  const needsReason = usccWarning !== null || errors.uscc === CLIENT_MESSAGES.usccOverride;
  const shown = (name: CompanyFieldName) =>
    kind !== null && fieldsByKind[kind].includes(name) && (name !== "usccOverrideReason" || needsReason);

  function inputOf(chosen: CompanyKind): Record<string, unknown> {
    const input: Record<string, unknown> = { kind: chosen };
    for (const name of fieldsByKind[chosen]) {
      if (name === "usccOverrideReason" && !needsReason) continue;
      if (name === "assigneeUserId") input[name] = values[name] || null;
      // A blank choice is no choice: an edit then clears what was there.
      else if (values[name].trim() !== "") input[name] = values[name];
    }
    // The subject type select starts on the kind's first type.
    input.subjectType = (chosen === "cn_org" && values.subjectType) || subjectTypesByKind[chosen][0];
    return input;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!kind) {
      setErrors({ kind: "clientForm.errors.kindRequired" });
      setFormMessage(null);
      return;
    }
    // The credit code may have changed without leaving the field: its warning (and so the
    // reason field) shows with whatever else the server says needs attention.
    const usccCheck = kind === "cn_org" ? checkUsccValue(values.uscc) : { warning: null, error: null };
    setUsccWarning(usccCheck.warning);
    const input = inputOf(kind);
    setFormMessage(null);
    startTransition(async () => {
      let failure: UpdateCompanyFailure;
      try {
        failure = editing
          ? await updateCompanyAction(agencySlug, company.id, { ...input, version })
          : await createCompanyAction(agencySlug, input);
      } catch (caught) {
        // A redirect (saved) is Next's to follow; anything else: the network or the server failed.
        unstable_rethrow(caught);
        failure = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      setErrors(failure.fields ?? {});
      setFormMessage(failure.message);
      if (failure.stale) {
        setStale(failure.stale);
        setKept(false);
      }
      setFocusRequest((n) => n + 1);
    });
  }

  function reloadLatest() {
    if (!stale) return;
    setValues(valuesOf(stale.current));
    setVersion(stale.current.version);
    setUsccWarning(checkUsccValue(stale.current.uscc ?? "").warning);
    setErrors({});
    setFormMessage(null);
    setStale(null);
  }

  function keepMine() {
    if (!stale) return;
    setVersion(stale.current.version);
    setKept(true);
    setFormMessage(null);
  }

  const cancelHref = editing ? `/${agencySlug}/clients/${company.id}` : `/${agencySlug}/clients`;
  const label = (name: CompanyFieldName) => fieldLabel(t, name, kind);

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-8">
      {stale && kind && (
        <CompanyFormConflict
          stale={stale}
          kept={kept}
          fields={fieldsByKind[kind].filter((name) => name !== "usccOverrideReason" || needsReason)}
          values={values}
          kind={kind}
          assignees={assignees}
          timeZone={timeZone}
          onReload={reloadLatest}
          onKeep={keepMine}
        />
      )}

      {editing ? (
        <section aria-labelledby="company-kind-heading">
          <h2 id="company-kind-heading" className="mb-3 text-sm font-semibold">
            {t("kindLegend")}
          </h2>
          <KindSummary kind={company.kind} otherLanguage={otherLanguage} />
        </section>
      ) : (
        <fieldset>
          <legend className="mb-3 text-sm font-semibold">{t("kindLegend")}</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            {companyKinds.map((choice) => {
              const Icon = kindIcons[choice];
              return (
                <label
                  key={choice}
                  className={cn(
                    "relative flex cursor-pointer flex-col gap-2 rounded-xl border p-4 transition-colors hover:bg-accent/60",
                    "has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:checked]:ring-1 has-[:checked]:ring-primary",
                    "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                  )}
                >
                  <input
                    type="radio"
                    name="kind"
                    value={choice}
                    checked={kind === choice}
                    onChange={() => {
                      setKind(choice);
                      setErrors({});
                      setFormMessage(null);
                    }}
                    aria-describedby={`kind-${choice}-body`}
                    className="absolute top-4 right-4 size-4 accent-[var(--primary)]"
                  />
                  <Icon aria-hidden="true" className="size-6 text-primary" />
                  <span className="pr-6 font-medium">{t(`kinds.${choice}.title`)}</span>
                  <span className="text-xs text-muted-foreground" lang={otherLanguage.locale}>
                    {otherLanguage.kinds[choice]}
                  </span>
                  <span id={`kind-${choice}-body`} className="text-xs text-muted-foreground">
                    {t(`kinds.${choice}.body`)}
                  </span>
                </label>
              );
            })}
          </div>
          {errors.kind && (
            <p className="mt-2 text-sm text-destructive" role="alert">
              {say(errors.kind)}
            </p>
          )}
        </fieldset>
      )}

      {kind && (
        <>
          <FormSection title={t("sections.identity")}>
            {shown("subjectType") && (
              <Field label={label("subjectType")} error={error("subjectType")}>
                {(ids) => (
                  <select
                    id={ids.id}
                    name="subjectType"
                    value={values.subjectType || subjectTypesByKind.cn_org[0]}
                    onChange={(event) => set("subjectType", event.target.value)}
                    aria-describedby={ids.describedBy}
                    aria-invalid={ids.invalid}
                    className={inputClass}
                  >
                    {subjectTypesByKind.cn_org.map((type) => (
                      <option key={type} value={type}>
                        {t(`subjectTypes.${type}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {fieldsByKind[kind]
              .filter((name) => name === "legalNameZh" || name === "nameEn")
              .map((name) => (
                <TextField
                  key={name}
                  name={name}
                  label={label(name)}
                  hint={t(`hints.${name}.${kind}`)}
                  value={values[name]}
                  error={error(name)}
                  onChange={set}
                  lang={name === "legalNameZh" ? "zh-CN" : undefined}
                  autoComplete="organization"
                />
              ))}
            {shown("uscc") && (
              <div className="sm:col-span-2">
                <Field label={label("uscc")} hint={t("hints.uscc")} error={error("uscc")}>
                  {(ids) => (
                    <input
                      id={ids.id}
                      name="uscc"
                      value={values.uscc}
                      onChange={(event) => set("uscc", event.target.value)}
                      onBlur={onUsccBlur}
                      autoComplete="off"
                      autoCapitalize="characters"
                      spellCheck={false}
                      aria-describedby={[ids.describedBy, usccWarning ? "uscc-warning" : null].filter(Boolean).join(" ") || undefined}
                      aria-invalid={ids.invalid}
                      className={cn(inputClass, "font-mono tracking-wide sm:max-w-sm")}
                    />
                  )}
                </Field>
                {usccWarning && (
                  <div
                    id="uscc-warning"
                    role="status"
                    className="mt-3 flex items-start gap-2 rounded-lg border border-amber-600/40 bg-amber-500/10 px-3 py-2.5 text-sm"
                  >
                    <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" />
                    <div>
                      <p className="font-medium">{t("usccWarning.title")}</p>
                      <p className="mt-0.5 text-muted-foreground">{say("validation.uscc.checkCharacter")}</p>
                      <p className="mt-0.5 text-muted-foreground">{t("usccWarning.expected", { expected: usccWarning.expected })}</p>
                    </div>
                  </div>
                )}
              </div>
            )}
            {shown("usccOverrideReason") && (
              <div className="sm:col-span-2">
                <Field label={label("usccOverrideReason")} hint={t("hints.usccOverrideReason")} error={error("usccOverrideReason")}>
                  {(ids) => (
                    <textarea
                      id={ids.id}
                      name="usccOverrideReason"
                      value={values.usccOverrideReason}
                      onChange={(event) => {
                        set("usccOverrideReason", event.target.value);
                        if (errors.uscc === CLIENT_MESSAGES.usccOverride) setErrors((current) => ({ ...current, uscc: undefined }));
                      }}
                      required
                      rows={2}
                      aria-required="true"
                      aria-describedby={ids.describedBy}
                      aria-invalid={ids.invalid}
                      className={cn(inputClass, "h-auto py-2")}
                    />
                  )}
                </Field>
              </div>
            )}
            {shown("orgCode") && (
              <TextField name="orgCode" label={label("orgCode")} hint={t("hints.orgCode")} value={values.orgCode} error={error("orgCode")} onChange={set} mono />
            )}
            {shown("registrationNumber") && (
              <TextField
                name="registrationNumber"
                label={label("registrationNumber")}
                hint={t("hints.registrationNumber")}
                value={values.registrationNumber}
                error={error("registrationNumber")}
                onChange={set}
                mono
                inputMode="numeric"
              />
            )}
            {shown("country") && (
              <TextField
                name="country"
                label={label("country")}
                hint={countryName ?? t("hints.country")}
                value={values.country}
                error={error("country")}
                onChange={(name, value) => set(name, value.toUpperCase())}
                mono
                maxLength={2}
                autoComplete="country"
              />
            )}
            {shown("foreignRegistrationNumber") && (
              <TextField
                name="foreignRegistrationNumber"
                label={label("foreignRegistrationNumber")}
                value={values.foreignRegistrationNumber}
                error={error("foreignRegistrationNumber")}
                onChange={set}
                mono
              />
            )}
          </FormSection>

          <FormSection title={t("sections.business")}>
            {shown("industry") && (
              <TextField name="industry" label={label("industry")} value={values.industry} error={error("industry")} onChange={set} />
            )}
            {shown("scale") && (
              <Field
                label={label("scale")}
                hint={legacyScale && !values.scale ? t("hints.legacyScale", { scale: legacyScale }) : undefined}
                error={error("scale")}
              >
                {(ids) => (
                  <select
                    id={ids.id}
                    name="scale"
                    value={values.scale}
                    onChange={(event) => set("scale", event.target.value)}
                    aria-describedby={ids.describedBy}
                    aria-invalid={ids.invalid}
                    className={inputClass}
                  >
                    <option value="">{t("scaleNone")}</option>
                    {companyScales.map((scale) => (
                      <option key={scale} value={scale}>
                        {t(`scales.${scale}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {shown("address") && (
              <div className="sm:col-span-2">
                <TextField name="address" label={label("address")} value={values.address} error={error("address")} onChange={set} autoComplete="street-address" />
              </div>
            )}
            {shown("assigneeUserId") && (
              <Field label={label("assigneeUserId")} hint={t("hints.assigneeUserId")} error={error("assigneeUserId")}>
                {(ids) => (
                  <select
                    id={ids.id}
                    name="assigneeUserId"
                    value={values.assigneeUserId}
                    onChange={(event) => set("assigneeUserId", event.target.value)}
                    aria-describedby={ids.describedBy}
                    aria-invalid={ids.invalid}
                    className={inputClass}
                  >
                    <option value="">{t("assigneeNone")}</option>
                    {assignees.map((assignee) => (
                      <option key={assignee.id} value={assignee.id}>
                        {assignee.name}
                      </option>
                    ))}
                    {/* A former assignee stays visible until someone changes it. */}
                    {company?.assignee && !assignees.some((a) => a.id === company.assignee?.id) && (
                      <option value={company.assignee.id}>{company.assignee.name}</option>
                    )}
                  </select>
                )}
              </Field>
            )}
          </FormSection>
        </>
      )}

      {formMessage && (
        <div data-form-message tabIndex={-1} className="outline-none">
          <FormAlert>{say(formMessage)}</FormAlert>
        </div>
      )}

      <div className="flex flex-col-reverse gap-2 border-t pt-5 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonClass.secondary}>
          {t("cancel")}
        </Link>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? t("saving") : editing ? t("save") : t("create")}
        </button>
      </div>
    </form>
  );
}

function KindSummary({ kind, otherLanguage }: { kind: CompanyKind; otherLanguage: { locale: string; kinds: Record<CompanyKind, string> } }) {
  const t = useTranslations("clientForm");
  const Icon = kindIcons[kind];
  return (
    <div className="flex max-w-md items-start gap-3 rounded-xl border bg-muted/40 p-4">
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {t(`kinds.${kind}.title`)}
          <span className="ml-2 text-sm font-normal text-muted-foreground" lang={otherLanguage.locale}>
            {otherLanguage.kinds[kind]}
          </span>
        </p>
        <p className="mt-1 flex items-center gap-1.5 text-xs text-muted-foreground">
          <Lock aria-hidden="true" className="size-3.5" />
          {t("kindFixed")}
        </p>
      </div>
    </div>
  );
}

function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t pt-6">
      <h2 className="mb-4 text-sm font-semibold">{title}</h2>
      <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">{children}</div>
    </section>
  );
}

function TextField({
  name,
  label,
  hint,
  value,
  error,
  onChange,
  mono = false,
  lang,
  inputMode,
  maxLength,
  autoComplete = "off",
}: {
  name: CompanyFieldName;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange: (name: CompanyFieldName, value: string) => void;
  mono?: boolean;
  lang?: string;
  inputMode?: "numeric" | "text";
  maxLength?: number;
  autoComplete?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(ids) => (
        <input
          id={ids.id}
          name={name}
          value={value}
          onChange={(event) => onChange(name, event.target.value)}
          lang={lang}
          inputMode={inputMode}
          maxLength={maxLength}
          autoComplete={autoComplete}
          spellCheck={mono ? false : undefined}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
          className={cn(inputClass, mono && "font-mono")}
        />
      )}
    </Field>
  );
}
