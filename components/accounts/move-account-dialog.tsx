"use client";

import { ArchiveRestore, Ban } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { HoldersList } from "@/components/accounts/holders-list";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { moveAccountAction, type CreateAccountFailure } from "@/app/(app)/[agency]/accounts/actions";

export type MovableAccount = {
  officialAccountId: string;
  /** The account's name, or the "not named yet" label. */
  name: string;
  version: number;
  /** The operator's page, to link the holders of a full ID from. */
  operatorHref?: string;
};

/**
 * "Abandon" or "Restore" on one Official Account of the client page: a move of its card
 * by the board's stage machine (ADR 0012), confirmed in a dialog that says what happens
 * to the operator's ID slot, with an optional reason kept in the card's history. The
 * tab offers Abandon only where the machine allows it (never on a registered account);
 * should the server refuse anyway (the card moved meanwhile), the dialog shows the
 * machine's own reason, or names the accounts holding a full ID.
 */
export function MoveAccountButton(props: { agencySlug: string; move: "abandon" | "restore"; account: MovableAccount }) {
  const t = useTranslations("accountMove");
  const [open, setOpen] = useState(false);
  const abandon = props.move === "abandon";
  const Icon = abandon ? Ban : ArchiveRestore;
  const name = props.account.name;
  return (
    <>
      <button
        type="button"
        className={buttonClass.ghost}
        onClick={() => setOpen(true)}
        aria-label={abandon ? t("abandon.openLabel", { name }) : t("restore.openLabel", { name })}
      >
        <Icon aria-hidden="true" className="size-4" />
        {abandon ? t("abandon.open") : t("restore.open")}
      </button>
      {/* The button sits in a right-aligned, unwrapped table cell: the dialog must not inherit that. */}
      {open && (
        <div className="text-left font-normal whitespace-normal">
          <MoveAccountDialog {...props} onClose={() => setOpen(false)} />
        </div>
      )}
    </>
  );
}

function MoveAccountDialog({
  agencySlug,
  move,
  account,
  onClose,
}: {
  agencySlug: string;
  move: "abandon" | "restore";
  account: MovableAccount;
  onClose: () => void;
}) {
  const t = useTranslations("accountMove");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [reason, setReason] = useState("");
  const holders = (failure as CreateAccountFailure | null)?.holders;
  const reasonError = fieldError("reason");
  const abandon = move === "abandon";
  const name = account.name;
  // Refused because the page was out of date (the card moved, the ID filled meanwhile): the
  // page is read again once the dialog closes, not before — the row may then offer no move
  // at all (a registered account), which would take the dialog and its reason away unread.
  const close = () => {
    onClose();
    if (failure && failure.code !== "VALIDATION") router.refresh();
  };

  return (
    <Dialog
      title={abandon ? t("abandon.title") : t("restore.title")}
      description={abandon ? t("abandon.description", { name }) : t("restore.description", { name })}
      onClose={close}
      busy={pending}
    >
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = reason.trim();
          run(
            () =>
              moveAccountAction(agencySlug, move, {
                officialAccountId: account.officialAccountId,
                version: account.version,
                ...(trimmed ? { reason: trimmed } : {}),
              }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm">{abandon ? t("abandon.slot") : t("restore.slot")}</p>
        <Field label={t("reason")} hint={t("reasonHint")} error={reasonError ? message(reasonError) : undefined}>
          {(ids) => (
            <textarea
              id={ids.id}
              name="reason"
              data-autofocus
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              rows={2}
              maxLength={500}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              className={cn(inputClass, "h-auto py-2")}
            />
          )}
        </Field>
        {failure && !reasonError && (
          <div className="flex flex-col gap-2">
            <FormAlert>{message(failure.message)}</FormAlert>
            {holders && <HoldersList holders={holders} href={account.operatorHref} />}
          </div>
        )}
        <DialogButtons
          onCancel={close}
          pending={pending}
          submitLabel={abandon ? t("abandon.submit") : t("restore.submit")}
          destructive={abandon}
        />
      </form>
    </Dialog>
  );
}
