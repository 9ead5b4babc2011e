"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { createApiTokenAction } from "@/app/(app)/[agency]/api-tokens/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { API_TOKEN_NAME_MAX, apiTokenExpiryDays } from "@/lib/api/token-schemas";
import type { NewToken } from "./types";

const NONE = "none";
const DEFAULT_DAYS = 90;

/** Name and lifetime of a new token; on success the caller shows the token, once. */
export function CreateTokenDialog({
  agencySlug,
  onClose,
  onCreated,
}: {
  agencySlug: string;
  onClose: () => void;
  onCreated: (token: NewToken) => void;
}) {
  const t = useTranslations("apiTokens.create");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const error = (field: string) => {
    const key = fieldError(field);
    return key ? say(key) : undefined;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get("expiresInDays") ?? NONE);
    const input = { name: String(form.get("name") ?? ""), expiresInDays: expiry === NONE ? null : Number(expiry) };
    run(() => createApiTokenAction(agencySlug, input), onCreated);
  }

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field label={t("name")} hint={t("nameHint")} error={error("name")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              type="text"
              autoComplete="off"
              maxLength={API_TOKEN_NAME_MAX}
              required
              data-autofocus
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t("expiry")} hint={t("expiryHint")} error={error("expiresInDays")}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="expiresInDays"
              defaultValue={String(DEFAULT_DAYS)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            >
              {apiTokenExpiryDays.map((days) => (
                <option key={days} value={String(days)}>
                  {t("expiryDays", { days })}
                </option>
              ))}
              <option value={NONE}>{t("expiryNone")}</option>
            </select>
          )}
        </Field>
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
