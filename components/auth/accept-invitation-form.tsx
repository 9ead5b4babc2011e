"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState } from "react";
import { acceptInvitationAction, createAccountAndAcceptAction } from "@/app/(auth)/invitations/[token]/actions";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PasswordInput } from "@/components/ui/password-input";
import { signInPath } from "@/lib/auth/paths";
import { acceptInvitationSchema, type FieldErrors, fieldErrorsOf, newPasswordSchema } from "@/lib/members/schemas";

const MIN_PASSWORD_LENGTH = newPasswordSchema.minLength ?? 1;

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

function FormAlert({ children }: { children: string }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2.5 text-sm text-destructive"
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </div>
  );
}

/** A catalogue key from a schema or an action; anything unknown reads as a general failure. */
function useMessage() {
  const tMessages = useTranslations();
  return (key: string): string => {
    const typed = key as Parameters<typeof tMessages>[0];
    return tMessages.has(typed) ? tMessages(typed) : tMessages("errors.codes.INTERNAL");
  };
}

/**
 * For someone signed in with the invited address: one button. The action checks the
 * address again and answers with a refusal to show, or a redirect into the agency.
 */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("invitations.page");
  const message = useMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  async function accept() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const failure = await acceptInvitationAction(token);
      // Success redirects; only a refusal comes back.
      if (failure && !failure.ok) {
        setError(message(failure.message));
        setAttempt((value) => value + 1);
      }
    } catch {
      setError(t("network"));
      setAttempt((value) => value + 1);
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-4">
      {error && <FormAlert key={attempt}>{error}</FormAlert>}
      <button type="button" onClick={accept} disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("accepting") : t("accept")}
      </button>
    </div>
  );
}

/**
 * For someone without an account: their name and a password (the e-mail is the
 * invited one, shown, not editable). Checked with the action's own schema first.
 */
export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("invitations.page");
  const message = useMessage();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = {
    name: useId(),
    email: useId(),
    password: useId(),
    nameError: useId(),
    passwordError: useId(),
    passwordHint: useId(),
  };

  function showFieldErrors(errors: FieldErrors) {
    setFieldErrors(errors);
    if (errors.name) nameRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  }

  function fail(error: string) {
    setFormError(error);
    setAttempt((value) => value + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const input = { token, name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") };
    setFormError(null);
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      // Only a damaged link makes the token fail; the fields are the person's to fix.
      if (errors.token && !errors.name && !errors.password) fail("invitations.errors.unknown");
      else showFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const failure = await createAccountAndAcceptAction(input);
      if (failure && !failure.ok) {
        if (failure.fields?.name || failure.fields?.password) showFieldErrors(failure.fields);
        else fail(failure.message);
      }
    } catch {
      fail("network");
    }
    setPending(false);
  }

  const nameError = fieldErrors.name;
  const passwordError = fieldErrors.password;

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <div>
        <label htmlFor={ids.email} className="mb-1.5 block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id={ids.email}
          type="email"
          value={email}
          readOnly
          autoComplete="username"
          className={cn(inputClass, "bg-muted text-muted-foreground")}
        />
      </div>
      <div>
        <label htmlFor={ids.name} className="mb-1.5 block text-sm font-medium">
          {t("name")}
        </label>
        <input
          ref={nameRef}
          id={ids.name}
          name="name"
          type="text"
          autoComplete="name"
          maxLength={100}
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? ids.nameError : undefined}
          onInput={() => nameError && setFieldErrors(({ name: _, ...rest }) => rest)}
          className={inputClass}
        />
        {nameError && <FieldError id={ids.nameError}>{message(nameError)}</FieldError>}
      </div>
      <div>
        <label htmlFor={ids.password} className="mb-1.5 block text-sm font-medium">
          {t("password")}
        </label>
        <PasswordInput
            ref={passwordRef}
            id={ids.password}
            name="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? `${ids.passwordHint} ${ids.passwordError}` : ids.passwordHint}
            onInput={() => passwordError && setFieldErrors(({ password: _, ...rest }) => rest)}
            className={inputClass}
        />
        <p id={ids.passwordHint} className="mt-1.5 text-xs text-muted-foreground">
          {t("passwordHint", { min: MIN_PASSWORD_LENGTH })}
        </p>
        {passwordError && <FieldError id={ids.passwordError}>{message(passwordError)}</FieldError>}
      </div>
      {formError && (
        <div key={attempt} className="flex flex-col gap-2">
          <FormAlert>{formError === "network" ? t("network") : message(formError)}</FormAlert>
          {formError === "invitations.errors.accountExists" && (
            <Link href={signInPath({ next: `/invitations/${token}` })} className={cn(buttonClass.secondary, "h-10 w-full")}>
              {t("signInToAccept")}
            </Link>
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
