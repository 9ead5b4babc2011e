"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useCallback, useState } from "react";
import { addNoteAction } from "@/app/(app)/[agency]/clients/[id]/actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";

/** Adding an internal note: staff and up; the list above it refreshes from the server. */
export function NoteForm({ agencySlug, companyId }: { agencySlug: string; companyId: string }) {
  const t = useTranslations("clientPage.notes");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [body, setBody] = useState("");
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const bodyError = fieldError("body");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    run(
      () => addNoteAction(agencySlug, companyId, { body }),
      () => {
        setBody("");
        // The action revalidated the page: the list above shows the note.
        setToast({ id: Date.now(), text: t("added"), tone: "success" });
      },
    );
  }

  return (
    <>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
        <Field label={t("label")} hint={t("hint")} error={bodyError ? say(bodyError) : undefined}>
          {(ids) => (
            <textarea
              id={ids.id}
              name="body"
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={3}
              maxLength={5000}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              className={cn(inputClass, "h-auto py-2")}
            />
          )}
        </Field>
        {failure && !bodyError && <FormAlert>{say(failure.message)}</FormAlert>}
        <div>
          <button type="submit" disabled={pending} className={buttonClass.primary}>
            {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
            {pending ? t("adding") : t("submit")}
          </button>
        </div>
      </form>
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}
