"use client";

import { LoaderCircle, MailCheck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { requestSignInLinkAction } from "@/app/(auth)/sign-in-link/actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { emailRequestSchema } from "@/lib/auth/account-schemas";
import { SIGN_IN_PATH } from "@/lib/auth/paths";
import { fieldErrorsOf } from "@/lib/members/schemas";

const actions = { forgotPassword: requestPasswordResetAction, signInLink: requestSignInLinkAction } as const;

const cardClass = "mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";
const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";

/**
 * An e-mail address, for a one-time link: a password reset or a sign-in link (the
 * catalogue namespace of the same name has the words). The answer is "check your inbox"
 * whether or not a link was sent, as the server's is.
 */
export function EmailLinkForm({ kind, minutes, devOutbox }: { kind: keyof typeof actions; minutes: number; devOutbox: boolean }) {
  const t = useTranslations(kind);
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [localError, setLocalError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { email: String(new FormData(event.currentTarget).get("email") ?? "") };
    const parsed = emailRequestSchema.safeParse(input);
    if (!parsed.success) {
      setLocalError(fieldErrorsOf(parsed.error).email ?? null);
      formRef.current?.querySelector<HTMLInputElement>('[name="email"]')?.focus();
      return;
    }
    setLocalError(null);
    run(() => actions[kind](input), (data) => setSent(data.email));
  }

  if (sent) {
    return (
      <div className={cardClass}>
        <MailCheck aria-hidden="true" className="size-6 text-muted-foreground" />
        <h2 ref={sentRef} tabIndex={-1} className="mt-3 font-semibold outline-none">
          {t("checkInbox")}
        </h2>
        <p role="status" className="mt-1.5 text-muted-foreground">
          {t("sent", { email: sent, minutes })}
        </p>
        {devOutbox && (
          <p className="mt-3 text-sm text-muted-foreground">
            {t.rich("devOutbox", {
              link: (chunks) => (
                <Link href="/dev/outbox" className={linkClass}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
        <div className="mt-5 flex flex-wrap gap-2">
          <Link href={SIGN_IN_PATH} className={cn(buttonClass.primary, "h-10 flex-1")}>
            {t("backToSignIn")}
          </Link>
          <button type="button" onClick={() => setSent(null)} className={cn(buttonClass.secondary, "h-10")}>
            {t("again")}
          </button>
        </div>
      </div>
    );
  }

  const emailError = localError ?? fieldError("email");
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className={cn(cardClass, "flex flex-col gap-4")}>
      <Field label={t("email")} error={emailError ? say(emailError) : undefined}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={() => localError && setLocalError(null)}
            className={cn(inputClass, "h-10")}
          />
        )}
      </Field>
      {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("sending") : t("submit")}
      </button>
    </form>
  );
}
