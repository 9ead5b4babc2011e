"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { revokeApiTokenAction } from "@/app/(app)/[agency]/api-tokens/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import type { ApiTokenRow } from "./types";

/** Revoking is immediate and final: asked once, Cancel focused. */
export function RevokeTokenDialog({
  agencySlug,
  token,
  onClose,
  onDone,
}: {
  agencySlug: string;
  token: ApiTokenRow;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("apiTokens");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    run(
      () => revokeApiTokenAction(agencySlug, { tokenId: token.id }),
      () => onDone(t("done.revoked", { name: token.name })),
    );
  }

  return (
    <Dialog title={t("revoke.title", { name: token.name })} description={t("revoke.description")} onClose={onClose} busy={pending}>
      <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("revoke.submit")} destructive autoFocusCancel />
      </form>
    </Dialog>
  );
}
