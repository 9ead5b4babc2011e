"use client";

import { ArrowLeft, CircleAlert, LoaderCircle, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PasswordInput } from "@/components/ui/password-input";
import { SIGN_IN_API_PATH, type SignInError } from "@/lib/auth/paths";
import { fieldErrorsOf, SIGN_IN_MESSAGES, signInSchema, type SignInFieldErrors, type SignInMessageKey } from "@/lib/auth/sign-in-schema";

/** What the whole form can be told, beyond a field's own message. */
type FormError =
  | "credentials"
  | "invalid"
  | "rateLimited"
  | "unavailable"
  | "forbidden"
  | "network"
  | "totpRequired"
  | "totpInvalid";

const fromRedirect: Record<SignInError, FormError> = {
  credentials: "credentials",
  invalid: "invalid",
  "rate-limited": "rateLimited",
  unavailable: "unavailable",
  "totp-required": "totpRequired",
  "totp-invalid": "totpInvalid",
};

const byStatus: Record<number, FormError> = { 401: "credentials", 403: "forbidden", 422: "invalid", 429: "rateLimited" };

/** The problem codes of a 401 that are about the second factor, not the password. */
const byProblemCode: Record<string, FormError> = { TOTP_REQUIRED: "totpRequired", TOTP_INVALID: "totpInvalid" };

const inputClass =
  "block h-10 w-full rounded-md border border-input bg-background px-3 text-base shadow-xs transition-colors placeholder:text-muted-foreground sm:text-sm aria-[invalid=true]:border-destructive";

const cardClass = "mt-6 flex flex-col gap-4 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-xs text-destructive">
      <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
      {children}
    </p>
  );
}

function FormAlert({ attempt, children }: { attempt: number; children: string }) {
  return (
    <div
      key={attempt}
      role="alert"
      className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2.5 text-sm text-destructive"
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </div>
  );
}

type Answer = { status: number; body: { redirectTo?: unknown; fields?: SignInFieldErrors; code?: unknown } | null };

async function post(input: Record<string, string | undefined>): Promise<Answer> {
  const response = await fetch(SIGN_IN_API_PATH, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Answer["body"] };
}

function redirectOf(answer: Answer): string | null {
  const to = answer.body?.redirectTo;
  return answer.status >= 200 && answer.status < 300 && typeof to === "string" && to.startsWith("/") && !to.startsWith("//")
    ? to
    : null;
}

/**
 * E-mail and password, then (for an account with two-factor authentication) a code
 * from the authenticator app or a recovery code. Checks the fields itself first (the
 * same schema as the route handler), then posts them as JSON; the session cookie
 * arrives with the answer. When the route asks for a code (401 TOTP_REQUIRED) the form
 * keeps the e-mail and password in memory and asks for it, then posts all three.
 * Without JavaScript the same form posts to the route handler, which answers with
 * redirects; after one that asks for a code, the form shows a code field beside the
 * password.
 */
export function SignInForm({ next, initialError }: { next: string | null; initialError: SignInError | null }) {
  const t = useTranslations("auth.signIn");
  const tMessages = useTranslations();
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const [formError, setFormError] = useState<FormError | null>(initialError ? fromRedirect[initialError] : null);
  // A new key per failed attempt, so the same message is announced again.
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  /** Set once the password was right and a code is asked for. */
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), emailError: useId(), passwordError: useId(), code: useId(), codeError: useId() };
  // After a redirect that asked for a code (no JavaScript then), the code goes with the password.
  const codeBesidePassword = initialError === "totp-required" || initialError === "totp-invalid";

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
    const code = codeBesidePassword ? String(data.get("code") ?? "") : undefined;
    const input = {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      code: code || undefined,
      next: next ?? undefined,
    };
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
      const answer = await post(input);
      const redirectTo = redirectOf(answer);
      if (redirectTo) {
        // A full load: every server-rendered part of the page is now someone's.
        window.location.assign(redirectTo);
        return;
      }
      const secondFactor = answer.status === 401 ? byProblemCode[String(answer.body?.code)] : undefined;
      if (secondFactor === "totpRequired" || (secondFactor === "totpInvalid" && !codeBesidePassword)) {
        // The password was right: on to the code, keeping what was typed.
        setCredentials({ email: input.email, password: input.password });
      } else if (secondFactor) {
        fail(secondFactor);
      } else if (answer.status === 422 && answer.body?.fields && Object.keys(answer.body.fields).length > 0) {
        showFieldErrors(answer.body.fields);
      } else {
        fail(byStatus[answer.status] ?? "unavailable");
        if (answer.status === 401 && passwordRef.current) {
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

  if (credentials) {
    return (
      <SecondFactorForm
        credentials={credentials}
        next={next}
        onBack={() => {
          setCredentials(null);
          setFormError(null);
        }}
      />
    );
  }

  const emailError = fieldErrors.email;
  const passwordError = fieldErrors.password;
  const codeError = fieldErrors.code;

  return (
    <form action={SIGN_IN_API_PATH} method="post" noValidate onSubmit={onSubmit} className={cardClass}>
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
        <PasswordInput
            ref={passwordRef}
            id={ids.password}
            name="password"
            autoComplete="current-password"
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? ids.passwordError : undefined}
            onInput={() => passwordError && setFieldErrors((errors) => ({ ...errors, password: undefined }))}
            className={inputClass}
        />
        {passwordError && <FieldError id={ids.passwordError}>{tMessages(passwordError)}</FieldError>}
      </div>
      {codeBesidePassword && (
        <div>
          <label htmlFor={ids.code} className="mb-1.5 block text-sm font-medium">
            {t("totp.codeOrRecovery")}
          </label>
          <input
            id={ids.code}
            name="code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={20}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? ids.codeError : undefined}
            className={cn(inputClass, "font-mono tracking-wider")}
          />
          {codeError && <FieldError id={ids.codeError}>{tMessages(codeError)}</FieldError>}
        </div>
      )}
      {formError && <FormAlert attempt={attempt}>{t(`errors.${formError}`)}</FormAlert>}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

/**
 * The second step: a code from the authenticator app, or one of the recovery codes.
 * The e-mail and password from the first step go with it, from memory only.
 */
function SecondFactorForm({
  credentials,
  next,
  onBack,
}: {
  credentials: { email: string; password: string };
  next: string | null;
  onBack: () => void;
}) {
  const t = useTranslations("auth.signIn");
  const tMessages = useTranslations();
  const [recovery, setRecovery] = useState(false);
  const [codeError, setCodeError] = useState<SignInMessageKey | null>(null);
  const [formError, setFormError] = useState<FormError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const ids = { heading: useId(), code: useId(), hint: useId(), error: useId() };

  useEffect(() => {
    codeRef.current?.focus();
  }, [recovery]);

  function fail(error: FormError) {
    setFormError(error);
    setAttempt((value) => value + 1);
    if (codeRef.current) {
      codeRef.current.value = "";
      codeRef.current.focus();
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    const parsed = signInSchema.safeParse({ ...credentials, code, next: next ?? undefined });
    if (!code || !parsed.success) {
      setFormError(null);
      setCodeError(code ? SIGN_IN_MESSAGES.codeInvalid : SIGN_IN_MESSAGES.codeRequired);
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    setFormError(null);
    setPending(true);
    try {
      const answer = await post({ ...credentials, code, next: next ?? undefined });
      const redirectTo = redirectOf(answer);
      if (redirectTo) {
        window.location.assign(redirectTo);
        return;
      }
      if (answer.status === 401) {
        const secondFactor = byProblemCode[String(answer.body?.code)];
        // A password refused now (changed meanwhile): back to the first step's message.
        fail(secondFactor === "totpRequired" ? "totpRequired" : secondFactor ? "totpInvalid" : "credentials");
      } else {
        fail(byStatus[answer.status] ?? "unavailable");
      }
    } catch {
      fail("network");
    }
    setPending(false);
  }

  const describedBy = [ids.hint, codeError ? ids.error : null].filter(Boolean).join(" ");

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={ids.heading} className={cardClass}>
      <div className="flex items-start gap-3">
        <ShieldCheck aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <div className="min-w-0">
          <h2 id={ids.heading} className="font-semibold">
            {t("totp.title")}
          </h2>
          <p className="mt-1 text-sm break-words text-muted-foreground">{t("totp.signingInAs", { email: credentials.email })}</p>
        </div>
      </div>
      <div>
        <label htmlFor={ids.code} className="mb-1.5 block text-sm font-medium">
          {recovery ? t("totp.recoveryCode") : t("totp.code")}
        </label>
        <input
          key={recovery ? "recovery" : "app"}
          ref={codeRef}
          id={ids.code}
          name="code"
          type="text"
          inputMode={recovery ? "text" : "numeric"}
          pattern={recovery ? undefined : "[0-9 ]*"}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          placeholder={recovery ? "xxxx-xxxx-xxxx" : "123456"}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={describedBy}
          onInput={() => codeError && setCodeError(null)}
          className={cn(inputClass, "font-mono tracking-wider")}
        />
        <p id={ids.hint} className="mt-1.5 text-xs text-muted-foreground">
          {recovery ? t("totp.recoveryHint") : t("totp.codeHint")}
        </p>
        {codeError && <FieldError id={ids.error}>{tMessages(codeError)}</FieldError>}
      </div>
      {formError && <FormAlert attempt={attempt}>{t(`errors.${formError}`)}</FormAlert>}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("totp.verifying") : t("totp.verify")}
      </button>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <button type="button" onClick={onBack} disabled={pending} className={cn(buttonClass.ghost, "-ml-2")}>
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t("totp.back")}
        </button>
        <button
          type="button"
          onClick={() => {
            setRecovery((value) => !value);
            setCodeError(null);
            setFormError(null);
          }}
          disabled={pending}
          className="font-medium underline underline-offset-4 hover:text-primary"
        >
          {recovery ? t("totp.useApp") : t("totp.useRecovery")}
        </button>
      </div>
    </form>
  );
}
