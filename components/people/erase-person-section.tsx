"use client";

import { Trash2, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { erasePersonAction } from "@/app/(app)/[agency]/people/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { erasureReasons, type ErasureBlocker } from "@/lib/people/erase-schemas";
import { allStages, type Stage } from "@/lib/registration/pipelines";

/**
 * The person page's danger zone (owners and admins): erasing the person for good,
 * confirmed by typing their name. While they operate an active account, the section
 * names those accounts with links to their clients, and the button stays disabled (the
 * server refuses again, and the dialog shows the same list if it does).
 */
export function ErasePersonSection({
  agencySlug,
  personId,
  personName,
  blockers,
}: {
  agencySlug: string;
  personId: string;
  personName: string;
  blockers: ErasureBlocker[];
}) {
  const t = useTranslations("personErase");
  const [open, setOpen] = useState(false);
  const blocked = blockers.length > 0;
  return (
    <section aria-labelledby="person-danger-zone" className="mt-10">
      <h2 id="person-danger-zone" className="mb-3 text-sm font-semibold text-destructive">
        {t("section.heading")}
      </h2>
      <div className="rounded-xl border border-destructive/40 p-4">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <h3 className="text-sm font-medium">{t("section.title")}</h3>
            <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{t("section.body")}</p>
          </div>
          <button
            type="button"
            onClick={() => setOpen(true)}
            disabled={blocked}
            aria-describedby={blocked ? "person-erase-blocked" : undefined}
            className={cn(buttonClass.secondary, "border-destructive/50 text-destructive hover:bg-destructive/10")}
          >
            <Trash2 aria-hidden="true" className="size-4" />
            {t("section.button")}
          </button>
        </div>
        {blocked && (
          <div id="person-erase-blocked" className="mt-4 border-t pt-4">
            <BlockerList agencySlug={agencySlug} blockers={blockers} />
          </div>
        )}
      </div>
      {open && <ErasePersonDialog agencySlug={agencySlug} personId={personId} personName={personName} onClose={() => setOpen(false)} />}
    </section>
  );
}

/** Why the person cannot be erased yet, and the accounts to deal with first, each linked to its client. */
function BlockerList({ agencySlug, blockers }: { agencySlug: string; blockers: ErasureBlocker[] }) {
  const t = useTranslations("personErase");
  const tStages = useTranslations("portal.stages");
  const stageLabel = (stage: string) => ((allStages as string[]).includes(stage) ? tStages(stage as Stage) : stage);
  return (
    <div className="text-sm" data-testid="person-erase-blockers">
      <p className="font-medium">{t("section.blockedTitle")}</p>
      <p className="mt-1 text-muted-foreground">{t("section.blockedBody")}</p>
      <ul className="mt-2 divide-y rounded-lg border">
        {blockers.map((account) => (
          <li key={account.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-2">
            <span>
              <span className="text-muted-foreground">{t(`kinds.${account.kind}`)} · </span>
              <span className="font-medium">{account.name ?? t("unnamed")}</span>
              <span className="text-muted-foreground"> · {stageLabel(account.stage)}</span>
            </span>
            <Link href={`/${agencySlug}/clients/${account.company.id}`} className="underline underline-offset-4">
              {t("section.openAccount", { company: account.company.name })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErasePersonDialog({
  agencySlug,
  personId,
  personName,
  onClose,
}: {
  agencySlug: string;
  personId: string;
  personName: string;
  onClose: () => void;
}) {
  const t = useTranslations("personErase");
  const say = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [pendingObjects, setPendingObjects] = useState<number | null>(null);
  const matches = typed.trim() === personName.trim();
  const confirmError = fieldError("confirmName");
  const accounts = (failure as { accounts?: ErasureBlocker[] } | null)?.accounts;

  function finish() {
    onClose();
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || !matches) return;
    run(
      () => erasePersonAction(agencySlug, { personId, confirmName: typed, ...(reason ? { reason } : {}) }),
      (outcome) => {
        if (outcome.objectsPending > 0) setPendingObjects(outcome.objectsPending);
        else finish();
      },
    );
  }

  if (pendingObjects !== null) {
    return (
      <Dialog title={t("dialog.title", { name: personName })} onClose={finish}>
        <p role="status" className="text-sm">
          {t("dialog.pending", { count: pendingObjects })}
        </p>
        <div className="mt-4 flex justify-end">
          <button type="button" className={buttonClass.primary} onClick={finish} data-autofocus>
            {t("dialog.close")}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t("dialog.title", { name: personName })} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <div className="flex items-start gap-2.5 rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          <div>
            <p className="font-medium">{t("dialog.intro")}</p>
            <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
              <li>{t("dialog.idNumber")}</li>
              <li>{t("dialog.personal")}</li>
              <li>{t("dialog.documents")}</li>
              <li>{t("dialog.external")}</li>
              <li>{t("dialog.links")}</li>
            </ul>
            <p className="mt-2">{t("dialog.irreversible")}</p>
          </div>
        </div>
        <Field
          label={t.rich("dialog.confirmLabel", {
            name: personName,
            b: (chunks) => <strong className="font-semibold">{chunks}</strong>,
          })}
          error={confirmError ? say(confirmError) : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="confirmName"
              type="text"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t("dialog.reasonLabel")} error={fieldError("reason") ? say(fieldError("reason")!) : undefined}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            >
              <option value="">{t("dialog.reasonNone")}</option>
              {erasureReasons.map((value) => (
                <option key={value} value={value}>
                  {t(`reasons.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {accounts && accounts.length > 0 ? (
          <div role="alert" className="rounded-lg border border-destructive/40 p-3">
            <BlockerList agencySlug={agencySlug} blockers={accounts} />
          </div>
        ) : (
          failure && !confirmError && <FormAlert>{say(failure.message)}</FormAlert>
        )}
        <DialogButtons onCancel={onClose} pending={pending} destructive disabled={!matches} submitLabel={t("dialog.submit")} />
      </form>
    </Dialog>
  );
}
