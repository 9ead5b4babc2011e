"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { addNoteAction } from "@/app/(app)/[agency]/clients/[id]/actions";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { NoteForm as NoteFormFields, noteFormLabels } from "@/components/notes/note-form";

/** Adding an internal note to a client: staff and up; the list above it refreshes from the server. */
export function NoteForm({ agencySlug, companyId }: { agencySlug: string; companyId: string }) {
  const t = useTranslations("clientPage.notes");
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);

  return (
    <>
      <NoteFormFields
        labels={noteFormLabels(t)}
        save={(body) => addNoteAction(agencySlug, companyId, { body })}
        // The action revalidated the page: the list above shows the note.
        onAdded={() => setToast({ id: Date.now(), text: t("added"), tone: "success" })}
        confirm="none"
      />
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}
