"use client";

import { CircleAlert, FilePlus2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createDocumentRequestAction } from "@/app/(app)/[agency]/documents/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { documentKinds, type DocumentKind } from "@/lib/documents/kinds";

/** A registration of the company, for "the required set of …". */
export type RequestableRegistration = { id: string; label: string; requiredKinds: DocumentKind[] };

/**
 * "Request documents" on a client's Documents tab: kinds chosen one by one, or the
 * required set of one of the company's registrations (design.md §6); an optional due
 * date and message. The server's field errors show next to their fields.
 */
export function RequestDocumentsButton({
  agencySlug,
  companyId,
  registrations,
}: {
  agencySlug: string;
  companyId: string;
  registrations: RequestableRegistration[];
}) {
  const t = useTranslations("documentsUi.requestDialog");
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  return (
    <>
      <button type="button" className={buttonClass.primary} onClick={() => setOpen(true)}>
        <FilePlus2 aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {open && (
        <div className="text-left font-normal">
          <RequestDocumentsDialog
            agencySlug={agencySlug}
            companyId={companyId}
            registrations={registrations}
            onClose={() => setOpen(false)}
            onSent={() => setToast({ id: Date.now(), text: t("sent"), tone: "success" })}
          />
        </div>
      )}
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </>
  );
}

function RequestDocumentsDialog({
  agencySlug,
  companyId,
  registrations,
  onClose,
  onSent,
}: {
  agencySlug: string;
  companyId: string;
  registrations: RequestableRegistration[];
  onClose: () => void;
  onSent: () => void;
}) {
  const t = useTranslations("documentsUi.requestDialog");
  const tKinds = useTranslations("catalogue.documentKinds");
  const say = useCatalogue();
  const format = useFormatter();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [mode, setMode] = useState<"kinds" | "required">("kinds");
  const [kinds, setKinds] = useState<DocumentKind[]>([]);
  const [registrationId, setRegistrationId] = useState(registrations[0]?.id ?? "");
  const [dueOn, setDueOn] = useState("");
  const [message, setMessage] = useState("");
  const ids = { kinds: useId(), kindsError: useId(), mode: useId() };
  const kindsError = fieldError("kinds");
  const registrationError = fieldError("registrationId");
  const dueError = fieldError("dueOn");
  const messageError = fieldError("message");
  const chosen = registrations.find((registration) => registration.id === registrationId);
  const formFieldsNamed = kindsError || registrationError || dueError || messageError;

  function toggle(kind: DocumentKind, on: boolean) {
    setKinds((current) => (on ? [...current, kind] : current.filter((k) => k !== kind)));
  }

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose} busy={pending}>
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          const body =
            mode === "required"
              ? { useRequiredSet: true, registrationId: registrationId || null }
              : { kinds: documentKinds.filter((kind) => kinds.includes(kind)) };
          run(
            () => createDocumentRequestAction(agencySlug, companyId, { ...body, dueOn: dueOn || null, message: message.trim() || null }),
            () => {
              onSent();
              onClose();
              router.refresh();
            },
          );
        }}
      >
        {registrations.length > 0 && (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1.5 text-sm font-medium">{t("whatLegend")}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mode" value="kinds" checked={mode === "kinds"} onChange={() => setMode("kinds")} className="size-4" data-autofocus />
              {t("modeKinds")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mode" value="required" checked={mode === "required"} onChange={() => setMode("required")} className="size-4" />
              {t("modeRequired")}
            </label>
          </fieldset>
        )}

        {mode === "kinds" ? (
          <fieldset aria-describedby={kindsError ? ids.kindsError : undefined}>
            <legend className="mb-1.5 text-sm font-medium">{t("kindsLegend")}</legend>
            <div className="grid gap-1.5 sm:grid-cols-2">
              {documentKinds.map((kind, index) => (
                <label key={kind} className="flex items-center gap-2 rounded-md px-1 py-0.5 text-sm hover:bg-accent/50">
                  <input
                    type="checkbox"
                    // The first box carries the field's name: the form moves focus to it on a field error.
                    name={index === 0 ? "kinds" : `kinds-${kind}`}
                    checked={kinds.includes(kind)}
                    onChange={(event) => toggle(kind, event.target.checked)}
                    aria-invalid={kindsError ? true : undefined}
                    data-autofocus={registrations.length === 0 && index === 0 ? true : undefined}
                    className="size-4"
                  />
                  {tKinds(kind)}
                </label>
              ))}
            </div>
            {kindsError && (
              <p id={ids.kindsError} className="mt-1.5 flex items-start gap-1.5 text-xs text-destructive">
                <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                {say(kindsError)}
              </p>
            )}
          </fieldset>
        ) : (
          <div className="flex flex-col gap-2">
            <Field label={t("registration")} error={registrationError ? say(registrationError) : undefined}>
              {(field) => (
                <select
                  id={field.id}
                  name="registrationId"
                  value={registrationId}
                  onChange={(event) => setRegistrationId(event.target.value)}
                  aria-describedby={field.describedBy}
                  aria-invalid={field.invalid}
                  className={inputClass}
                >
                  {registrations.map((registration) => (
                    <option key={registration.id} value={registration.id}>
                      {registration.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {chosen && (
              <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm">
                {t("requiredSet", { name: chosen.label, kinds: format.list(chosen.requiredKinds.map((kind) => tKinds(kind))) })}
              </p>
            )}
          </div>
        )}

        <Field label={t("dueOn")} hint={t("dueOnHint")} error={dueError ? say(dueError) : undefined}>
          {(field) => (
            <input
              id={field.id}
              type="date"
              name="dueOn"
              value={dueOn}
              onChange={(event) => setDueOn(event.target.value)}
              aria-describedby={field.describedBy}
              aria-invalid={field.invalid}
              className={cn(inputClass, "sm:w-48")}
            />
          )}
        </Field>
        <Field label={t("message")} hint={t("messageHint")} error={messageError ? say(messageError) : undefined}>
          {(field) => (
            <textarea
              id={field.id}
              name="message"
              value={message}
              onChange={(event) => setMessage(event.target.value)}
              rows={3}
              maxLength={2000}
              aria-describedby={field.describedBy}
              aria-invalid={field.invalid}
              className={cn(inputClass, "h-auto py-2")}
            />
          )}
        </Field>
        {failure && !formFieldsNamed && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
