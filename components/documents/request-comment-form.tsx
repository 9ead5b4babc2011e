"use client";

import { useRouter } from "next/navigation";
import { NoteForm, type NoteFormLabels } from "@/components/notes/note-form";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Writing on a document request's thread: the note form with the caller's action
 * (portal or staff), the thread read again once the comment is saved.
 */
export function RequestCommentForm({
  labels,
  save,
}: {
  labels: NoteFormLabels;
  save: (input: { body: string }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  return <NoteForm labels={labels} save={(body) => save({ body })} onAdded={() => router.refresh()} />;
}
