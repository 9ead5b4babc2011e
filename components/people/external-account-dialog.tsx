"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { HoldersList } from "@/components/accounts/holders-list";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { recordExternalAccountAction } from "@/app/(app)/[agency]/people/actions";
import type { IdSlotHolder } from "@/lib/accounts/service";

/**
 * "Record an external account" on a person's page: an Official Account their ID already
 * operates outside Weidesk (WeChat counts it towards the two). It takes a slot; a full
 * ID is refused, naming the accounts that hold the slots.
 */
export function ExternalAccountButton({ agencySlug, personId, disabled }: { agencySlug: string; personId: string; disabled: boolean }) {
  const t = useTranslations("externalAccountForm");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass.secondary} onClick={() => setOpen(true)} disabled={disabled} title={disabled ? t("full") : undefined}>
        <Plus aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {open && <ExternalAccountDialog agencySlug={agencySlug} personId={personId} onClose={() => setOpen(false)} />}
    </>
  );
}

function ExternalAccountDialog({ agencySlug, personId, onClose }: { agencySlug: string; personId: string; onClose: () => void }) {
  const t = useTranslations("externalAccountForm");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [name, setName] = useState("");
  const [wechatId, setWechatId] = useState("");
  const holders = (failure as { holders?: IdSlotHolder[] } | null)?.holders;
  const error = (field: string) => {
    const key = fieldError(field);
    return key ? message(key) : undefined;
  };

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose} busy={pending}>
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () => recordExternalAccountAction(agencySlug, { personId, name, wechatId }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <Field label={t("name")} error={error("name")}>
          {(ids) => (
            <input id={ids.id} name="name" data-autofocus value={name} onChange={(e) => setName(e.target.value)} aria-describedby={ids.describedBy} aria-invalid={ids.invalid} className={inputClass} />
          )}
        </Field>
        <Field label={t("wechatId")} error={error("wechatId")}>
          {(ids) => (
            <input id={ids.id} name="wechatId" autoComplete="off" spellCheck={false} value={wechatId} onChange={(e) => setWechatId(e.target.value)} aria-describedby={ids.describedBy} aria-invalid={ids.invalid} className={`${inputClass} font-mono`} />
          )}
        </Field>
        {failure && !failure.fields && (
          <div role="alert" className="flex flex-col gap-2">
            <FormAlert>{message(failure.message)}</FormAlert>
            {holders && <HoldersList holders={holders} />}
          </div>
        )}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
