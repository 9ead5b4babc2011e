"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { resetPasswordAction } from "@/app/(auth)/reset-password/[token]/actions";
import { PasswordInput } from "@/components/account/password-input";
import { Field, FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { resetPasswordSchema } from "@/lib/auth/account-schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { fieldErrorsOf } from "@/lib/members/schemas";

/**
 * The new password for a reset link. Checked here with the action's schema; on success
 * the action sends the browser to sign-in (every session of the account has ended).
 */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("resetPassword");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [localError, setLocalError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { password: String(new FormData(event.currentTarget).get("password") ?? "") };
    const parsed = resetPasswordSchema.safeParse(input);
    if (!parsed.success) {
      setLocalError(fieldErrorsOf(parsed.error).password ?? null);
      formRef.current?.querySelector<HTMLInputElement>('[name="password"]')?.focus();
      return;
    }
    setLocalError(null);
    run(() => resetPasswordAction(token, input), () => undefined);
  }

  const passwordError = localError ?? fieldError("password");
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      className="mt-6 flex flex-col gap-4 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6"
    >
      <Field label={t("password")} hint={t("passwordHint", { min: MIN_PASSWORD_LENGTH })} error={passwordError ? say(passwordError) : undefined}>
        {(ids) => <PasswordInput ids={ids} name="password" autoComplete="new-password" autoFocus />}
      </Field>
      {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
      <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-10 w-full")}>
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
