"use client";

import { CircleAlert, Eye, EyeOff, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { SIGN_IN_API_PATH, type SignInError } from "@/lib/auth/paths";
import { fieldErrorsOf, signInSchema, type SignInFieldErrors } from "@/lib/auth/sign-in-schema";

/** What the whole form can be told, beyond a field's own message. */
type FormError = "credentials" | "invalid" | "rateLimited" | "unavailable" | "forbidden" | "network";

const fromRedirect: Record<SignInError, FormError> = {
  credentials: "credentials",
  invalid: "invalid",
  "rate-limited": "rateLimited",
  unavailable: "unavailable",
};

const byStatus: Record<number, FormError> = { 401: "credentials", 403: "forbidden", 422: "invalid", 429: "rateLimited" };

const inputClass =
  "block h-10 w-full rounded-md border border-input bg-background px-3 text-base shadow-xs transition-colors placeholder:text-muted-foreground sm:text-sm aria-[invalid=true]:border-destructive";

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-xs text-destructive">
      <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
      {children}
    </p>
  );
}

/**
 * E-mail and password. Checks the fields itself first (the same schema as the route
 * handler), then posts them as JSON; the session cookie arrives with the answer. Without
 * JavaScript the same form posts to the route handler, which answers with redirects.
 */
export function SignInForm({ next, initialError }: { next: string | null; initialError: SignInError | null }) {
  const t = useTranslations("auth.signIn");
  const tMessages = useTranslations();
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const [formError, setFormError] = useState<FormError | null>(initialError ? fromRedirect[initialError] : null);
  // A new key per failed attempt, so the same message is announced again.
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), emailError: useId(), passwordError: useId() };

  function showFieldErrors(errors: SignInFieldErrors) {
    setFieldErrors(errors);
    (errors.email ? emailRef : passwordRef).current?.focus();
  }

  function fail(error: FormError) {
    setFormError(error);
    setAttempt((value) => value + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const input = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? ""), next: next ?? undefined };
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) {
      setFormError(null);
      showFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setPending(true);
    try {
      const response = await fetch(SIGN_IN_API_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(input),
      });
      const body = (await response.json().catch(() => null)) as { redirectTo?: unknown; fields?: SignInFieldErrors } | null;
      if (response.ok && typeof body?.redirectTo === "string" && body.redirectTo.startsWith("/") && !body.redirectTo.startsWith("//")) {
        // A full load: every server-rendered part of the page is now someone's.
        window.location.assign(body.redirectTo);
        return;
      }
      if (response.status === 422 && body?.fields && Object.keys(body.fields).length > 0) {
        showFieldErrors(body.fields);
      } else {
        fail(byStatus[response.status] ?? "unavailable");
        if (response.status === 401 && passwordRef.current) {
          // Keep the e-mail, clear the password: the next try starts where people expect.
          passwordRef.current.value = "";
          passwordRef.current.focus();
        }
      }
    } catch {
      fail("network");
    }
    setPending(false);
  }

  const emailError = fieldErrors.email;
  const passwordError = fieldErrors.password;

  return (
    <form
      action={SIGN_IN_API_PATH}
      method="post"
      noValidate
      onSubmit={onSubmit}
      className="mt-6 flex flex-col gap-4 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6"
    >
      {next && <input type="hidden" name="next" value={next} />}
      <div>
        <label htmlFor={ids.email} className="mb-1.5 block text-sm font-medium">
          {t("email")}
        </label>
        <input
          ref={emailRef}
          id={ids.email}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? ids.emailError : undefined}
          onInput={() => emailError && setFieldErrors((errors) => ({ ...errors, email: undefined }))}
          className={inputClass}
        />
        {emailError && <FieldError id={ids.emailError}>{tMessages(emailError)}</FieldError>}
      </div>
      <div>
        <label htmlFor={ids.password} className="mb-1.5 block text-sm font-medium">
          {t("password")}
        </label>
        <div className="relative">
          <input
            ref={passwordRef}
            id={ids.password}
            name="password"
            type={showPassword ? "text" : "password"}
            autoComplete="current-password"
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? ids.passwordError : undefined}
            onInput={() => passwordError && setFieldErrors((errors) => ({ ...errors, password: undefined }))}
            className={cn(inputClass, "pr-10")}
          />
          <button
            type="button"
            aria-label={t("showPassword")}
            aria-pressed={showPassword}
            title={showPassword ? t("hidePassword") : t("showPassword")}
            onClick={() => setShowPassword((value) => !value)}
            className={cn(buttonClass.icon, "absolute top-1 right-1")}
          >
            {showPassword ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
          </button>
        </div>
        {passwordError && <FieldError id={ids.passwordError}>{tMessages(passwordError)}</FieldError>}
      </div>
      {formError && (
        <div
          key={attempt}
          role="alert"
          className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2.5 text-sm text-destructive"
        >
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{t(`errors.${formError}`)}</span>
        </div>
      )}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
