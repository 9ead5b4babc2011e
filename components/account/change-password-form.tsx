"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { changePasswordAction } from "@/app/account/security/actions";
import { Field, FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { changePasswordSchema } from "@/lib/auth/account-schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { fieldErrorsOf, type FieldErrors } from "@/lib/members/schemas";
import { PasswordInput } from "./password-input";

/**
 * The current password and a new one. Checked here with the action's own schema, then
 * sent; on success the action signs this browser in afresh and the page says so (every
 * other session has ended).
 */
export function ChangePasswordForm() {
  const t = useTranslations("accountSecurity.password");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [local, setLocal] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const input = { currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") };
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      setLocal(errors);
      const first = ["currentPassword", "newPassword"].find((field) => errors[field]);
      if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setLocal({});
    run(() => changePasswordAction(input), () => undefined);
  }

  const errorOf = (field: string) => {
    const key = local[field] ?? fieldError(field);
    return key ? say(key) : undefined;
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4">
      <Field label={t("current")} error={errorOf("currentPassword")}>
        {(ids) => <PasswordInput ids={ids} name="currentPassword" autoComplete="current-password" />}
      </Field>
      <Field label={t("new")} hint={t("newHint", { min: MIN_PASSWORD_LENGTH })} error={errorOf("newPassword")}>
        {(ids) => <PasswordInput ids={ids} name="newPassword" autoComplete="new-password" />}
      </Field>
      {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
      <div>
        <button type="submit" disabled={pending} className={cn(buttonClass.primary, "h-9")}>
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? t("submitting") : t("submit")}
        </button>
      </div>
    </form>
  );
}
