"use client";

import { Trash2, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { deleteAgencyAction } from "@/app/(app)/[agency]/settings/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";

/**
 * The owner's way out: deleting the agency, confirmed by typing its address. Access ends
 * at once; the data is purged `purgeDays` later. On success the action redirects.
 */
export function DangerZone({ agencySlug, agencyName, purgeDays }: { agencySlug: string; agencyName: string; purgeDays: number }) {
  const t = useTranslations("dangerZone");
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="danger-zone" className="mt-10">
      <h2 id="danger-zone" className="mb-3 text-sm font-semibold text-destructive">
        {t("heading")}
      </h2>
      <div className="flex flex-col gap-4 rounded-xl border border-destructive/40 p-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <h3 className="text-sm font-medium">{t("deleteTitle")}</h3>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{t("deleteBody", { days: purgeDays })}</p>
        </div>
        <button
          type="button"
          onClick={() => setOpen(true)}
          className={cn(buttonClass.secondary, "border-destructive/50 text-destructive hover:bg-destructive/10")}
        >
          <Trash2 aria-hidden="true" className="size-4" />
          {t("deleteButton")}
        </button>
      </div>
      {open && (
        <DeleteAgencyDialog
          agencySlug={agencySlug}
          agencyName={agencyName}
          purgeDays={purgeDays}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}

function DeleteAgencyDialog({
  agencySlug,
  agencyName,
  purgeDays,
  onClose,
}: {
  agencySlug: string;
  agencyName: string;
  purgeDays: number;
  onClose: () => void;
}) {
  const t = useTranslations("dangerZone");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === agencySlug;
  const confirmationError = fieldError("confirmation");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || !matches) return;
    // Success never comes back: the action redirects to the agency list.
    run(() => deleteAgencyAction(agencySlug, { confirmation: typed }), () => undefined);
  }

  return (
    <Dialog title={t("dialogTitle", { agency: agencyName })} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <div className="flex items-start gap-2.5 rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          <p>{t("dialogBody", { days: purgeDays })}</p>
        </div>
        <Field
          label={t.rich("confirmLabel", {
            slug: agencySlug,
            code: (chunks) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{chunks}</code>,
          })}
          error={confirmationError ? say(confirmationError) : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="confirmation"
              type="text"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-autofocus
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={cn(inputClass, "font-mono")}
            />
          )}
        </Field>
        {failure && !confirmationError && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} destructive disabled={!matches} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
