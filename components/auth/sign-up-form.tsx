"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PasswordInput } from "@/components/ui/password-input";
import { suggestSlug } from "@/lib/agencies/slug";
import { VERIFY_EMAIL_PATH } from "@/lib/auth/paths";
import { defaultTimeZone, type Locale } from "@/lib/i18n/config";
import { type FieldErrors, fieldErrorsOf, newPasswordSchema, signUpSchema } from "@/lib/members/schemas";

const MIN_PASSWORD_LENGTH = newPasswordSchema.minLength ?? 1;

/** In the order they appear: the first one with an error takes the focus. */
const fields = ["name", "email", "password", "agencyName", "slug", "defaultLocale", "timeZone"] as const;
type Field = (typeof fields)[number];

/** Where most agencies are; the browser's own zone is added when it isn't one of them. */
const commonTimeZones = [
  defaultTimeZone,
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Sydney",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "UTC",
];

const inputClass =
  "block h-10 w-full rounded-md border border-input bg-background px-3 text-base shadow-xs transition-colors placeholder:text-muted-foreground sm:text-sm aria-[invalid=true]:border-destructive";
const slugInputClass =
  "block h-10 min-w-0 flex-1 rounded-r-md border border-input bg-background px-3 text-base shadow-xs transition-colors sm:text-sm aria-[invalid=true]:border-destructive";
const selectClass = cn(inputClass, "pr-8");

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-xs text-destructive">
      <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
      {children}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="mt-1.5 text-xs text-muted-foreground">
      {children}
    </p>
  );
}

/** "Asia/Hong Kong (GMT+8)", in the UI's language. */
function timeZoneLabel(zone: string, locale: string, now: Date): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(now)
    .find((part) => part.type === "timeZoneName")?.value;
  const name = zone.replaceAll("_", " ");
  return offset && offset !== name ? `${name} (${offset})` : name;
}

const noSubscription = () => () => {};
/** The browser's time zone; null while server-rendering, so the first paint matches. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
    () => null,
  );
}

/**
 * A new agency and its owner. Checks the fields with the same schema as the server
 * action, then calls it; the answer is either "check your inbox" (no session yet) or
 * messages per field (a taken address, for one). The address follows the agency's name
 * until the person edits it.
 */
export function SignUpForm({
  host,
  languages,
}: {
  /** The site's host, shown before the agency address. */
  host: string;
  languages: { locale: Locale; label: string }[];
}) {
  const t = useTranslations("signUp");
  const tMessages = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // A new key per failed attempt, so the same message is announced again.
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [agencyName, setAgencyName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | HTMLSelectElement | null>>>({});
  const baseId = useId();
  const idOf = (field: Field, part: "input" | "error" | "hint" = "input") => `${baseId}-${field}-${part}`;

  const browserZone = useBrowserTimeZone();
  const timeZones = useMemo(() => {
    const now = new Date();
    const zones =
      browserZone && !commonTimeZones.includes(browserZone)
        ? [commonTimeZones[0]!, browserZone, ...commonTimeZones.slice(1)]
        : commonTimeZones;
    return zones.map((zone) => ({ zone, label: timeZoneLabel(zone, locale, now) }));
  }, [browserZone, locale]);

  /** A catalogue key from the schema or the server; anything unknown reads as a general failure. */
  function message(key: string): string {
    const typed = key as Parameters<typeof tMessages>[0];
    return tMessages.has(typed) ? tMessages(typed) : tMessages("errors.codes.INTERNAL");
  }

  function showFieldErrors(errors: FieldErrors) {
    setFieldErrors(errors);
    const first = fields.find((field) => errors[field]);
    if (first) refs.current[first]?.focus();
  }

  function clearError(field: Field) {
    if (!fieldErrors[field]) return;
    setFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field)));
  }

  function fail(error: string) {
    setFormError(error);
    setAttempt((value) => value + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const input = Object.fromEntries(fields.map((field) => [field, String(data.get(field) ?? "")]));
    setFormError(null);
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) {
      showFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const result = await signUpAction(input);
      if (result.ok) {
        // Stays busy until the next page is there.
        router.push(`${VERIFY_EMAIL_PATH}?sent=${encodeURIComponent(result.data.email)}`);
        return;
      }
      const known = Object.fromEntries(
        Object.entries(result.fields ?? {}).filter(([field]) => (fields as readonly string[]).includes(field)),
      );
      if (Object.keys(known).length > 0) showFieldErrors(known);
      else fail(result.message);
    } catch {
      fail("network");
    }
    setPending(false);
  }

  function describedBy(field: Field, hasHint = false): string | undefined {
    const ids = [hasHint ? idOf(field, "hint") : null, fieldErrors[field] ? idOf(field, "error") : null].filter(Boolean);
    return ids.length > 0 ? ids.join(" ") : undefined;
  }

  function errorOf(field: Field) {
    const key = fieldErrors[field];
    return key ? <FieldError id={idOf(field, "error")}>{message(key)}</FieldError> : null;
  }

  const labelClass = "mb-1.5 block text-sm font-medium";
  const legendClass = "mb-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase";

  return (
    <form
      method="post"
      noValidate
      onSubmit={onSubmit}
      className="mt-6 flex flex-col gap-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6"
    >
      <fieldset className="flex min-w-0 flex-col gap-4">
        <legend className={legendClass}>{t("aboutYou")}</legend>
        <div>
          <label htmlFor={idOf("name")} className={labelClass}>
            {t("name")}
          </label>
          <input
            ref={(element) => {
              refs.current.name = element;
            }}
            id={idOf("name")}
            name="name"
            type="text"
            autoComplete="name"
            maxLength={100}
            required
            aria-invalid={fieldErrors.name ? true : undefined}
            aria-describedby={describedBy("name")}
            onInput={() => clearError("name")}
            className={inputClass}
          />
          {errorOf("name")}
        </div>
        <div>
          <label htmlFor={idOf("email")} className={labelClass}>
            {t("email")}
          </label>
          <input
            ref={(element) => {
              refs.current.email = element;
            }}
            id={idOf("email")}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={254}
            required
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={describedBy("email")}
            onInput={() => clearError("email")}
            className={inputClass}
          />
          {errorOf("email")}
        </div>
        <div>
          <label htmlFor={idOf("password")} className={labelClass}>
            {t("password")}
          </label>
          <PasswordInput
              ref={(element) => {
                refs.current.password = element;
              }}
              id={idOf("password")}
              name="password"
              autoComplete="new-password"
              minLength={MIN_PASSWORD_LENGTH}
              required
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy("password", true)}
              onInput={() => clearError("password")}
              className={inputClass}
          />
          <Hint id={idOf("password", "hint")}>{t("passwordHint", { min: MIN_PASSWORD_LENGTH })}</Hint>
          {errorOf("password")}
        </div>
      </fieldset>

      {/* The rule sits on a wrapper: on the fieldset itself the legend would cut through it. */}
      <div className="border-t pt-5">
        <fieldset className="flex min-w-0 flex-col gap-4">
          <legend className={legendClass}>{t("aboutAgency")}</legend>
          <div>
            <label htmlFor={idOf("agencyName")} className={labelClass}>
              {t("agencyName")}
            </label>
            <input
              ref={(element) => {
                refs.current.agencyName = element;
              }}
              id={idOf("agencyName")}
              name="agencyName"
              type="text"
              autoComplete="organization"
              maxLength={120}
              required
              value={agencyName}
              aria-invalid={fieldErrors.agencyName ? true : undefined}
              aria-describedby={describedBy("agencyName")}
              onChange={(event) => {
                const value = event.target.value;
                setAgencyName(value);
                clearError("agencyName");
                if (!slugEdited) {
                  setSlug(suggestSlug(value));
                  clearError("slug");
                }
              }}
              className={inputClass}
            />
            {errorOf("agencyName")}
          </div>
          <div>
            <label htmlFor={idOf("slug")} className={labelClass}>
              {t("slug")}
            </label>
            <div className="flex">
              <span
                aria-hidden="true"
                className="inline-flex max-w-[55%] items-center truncate rounded-l-md border border-r-0 border-input bg-muted px-3 text-sm text-muted-foreground"
              >
                {host}/
              </span>
              <input
                ref={(element) => {
                  refs.current.slug = element;
                }}
                id={idOf("slug")}
                name="slug"
                type="text"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={40}
                required
                value={slug}
                aria-invalid={fieldErrors.slug ? true : undefined}
                aria-describedby={describedBy("slug", true)}
                onChange={(event) => {
                  const value = event.target.value.toLowerCase();
                  setSlug(value);
                  // Emptied: the name leads again.
                  setSlugEdited(value !== "");
                  clearError("slug");
                }}
                className={slugInputClass}
              />
            </div>
            <Hint id={idOf("slug", "hint")}>{t("slugHint")}</Hint>
            {errorOf("slug")}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor={idOf("defaultLocale")} className={labelClass}>
                {t("defaultLocale")}
              </label>
              <select
                ref={(element) => {
                  refs.current.defaultLocale = element;
                }}
                id={idOf("defaultLocale")}
                name="defaultLocale"
                defaultValue={locale}
                aria-invalid={fieldErrors.defaultLocale ? true : undefined}
                aria-describedby={describedBy("defaultLocale", true)}
                onChange={() => clearError("defaultLocale")}
                className={selectClass}
              >
                {languages.map((language) => (
                  <option key={language.locale} value={language.locale} lang={language.locale}>
                    {language.label}
                  </option>
                ))}
              </select>
              <Hint id={idOf("defaultLocale", "hint")}>{t("defaultLocaleHint")}</Hint>
              {errorOf("defaultLocale")}
            </div>
            <div>
              <label htmlFor={idOf("timeZone")} className={labelClass}>
                {t("timeZone")}
              </label>
              <select
                ref={(element) => {
                  refs.current.timeZone = element;
                }}
                id={idOf("timeZone")}
                name="timeZone"
                defaultValue={defaultTimeZone}
                aria-invalid={fieldErrors.timeZone ? true : undefined}
                aria-describedby={describedBy("timeZone", true)}
                onChange={() => clearError("timeZone")}
                className={selectClass}
              >
                {timeZones.map(({ zone, label }) => (
                  <option key={zone} value={zone}>
                    {label}
                  </option>
                ))}
              </select>
              <Hint id={idOf("timeZone", "hint")}>{t("timeZoneHint")}</Hint>
              {errorOf("timeZone")}
            </div>
          </div>
        </fieldset>
      </div>

      {formError && (
        <div
          key={attempt}
          role="alert"
          className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2.5 text-sm text-destructive"
        >
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{formError === "network" ? t("errors.network") : message(formError)}</span>
        </div>
      )}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
