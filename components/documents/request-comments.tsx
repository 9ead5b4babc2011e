"use client";

import { ChevronDown, MessagesSquare, RotateCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useId, useState, useTransition } from "react";
import { addRequestCommentAction, listRequestCommentsAction } from "@/app/(app)/[agency]/documents/actions";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { NoteForm } from "@/components/notes/note-form";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import type { RequestCommentDto } from "@/lib/documents/document-types";

/**
 * A request's comment thread, which the client sees too: folded by default (the count on
 * the toggle), read when opened, with a form to add one for those who may write.
 */
export function RequestComments({ agencySlug, requestId, count, canWrite }: { agencySlug: string; requestId: string; count: number; canWrite: boolean }) {
  const t = useTranslations("documentsUi.comments");
  const say = useCatalogue();
  const format = useFormatter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [comments, setComments] = useState<RequestCommentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const shown = comments?.length ?? count;

  const load = useCallback(() => {
    setError(null);
    startLoading(async () => {
      const result = await listRequestCommentsAction(agencySlug, requestId).catch(() => null);
      if (result?.ok) setComments(result.data);
      else setError(result ? result.message : "errors.codes.UNAVAILABLE");
    });
  }, [agencySlug, requestId]);

  return (
    <div className="mt-2">
      <button
        type="button"
        className={cn(buttonClass.ghost, "-ml-2")}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          const next = !open;
          setOpen(next);
          if (next && comments === null) load();
        }}
      >
        <MessagesSquare aria-hidden="true" className="size-4" />
        {t("toggle", { count: shown })}
        <ChevronDown aria-hidden="true" className={cn("size-4 transition-transform", open && "rotate-180")} />
      </button>
      <div id={panelId} hidden={!open} className="mt-2 flex flex-col gap-3 border-l-2 pl-3">
        {open && loading && comments === null && (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label={t("loading")}>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-2/3" />
          </div>
        )}
        {error && (
          <div className="flex flex-col items-start gap-2">
            <FormAlert>{say(error)}</FormAlert>
            <button type="button" className={buttonClass.secondary} onClick={load}>
              <RotateCw aria-hidden="true" className="size-4" />
              {t("retry")}
            </button>
          </div>
        )}
        {comments !== null &&
          (comments.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("empty")}</p>
          ) : (
            <ol className="flex flex-col gap-2" aria-label={t("listLabel")}>
              {comments.map((comment) => (
                <li key={comment.id} className="rounded-md border px-3 py-2">
                  <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
                    <span className="font-medium text-foreground">
                      {comment.author?.name ? (comment.author.side === "client" ? t("author.client", { name: comment.author.name }) : comment.author.name) : t("unknownAuthor")}
                    </span>
                    <time dateTime={comment.createdAt}>{format.dateTime(new Date(comment.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
                  </p>
                  <p className="mt-1 break-words whitespace-pre-wrap">{comment.body}</p>
                </li>
              ))}
            </ol>
          ))}
        {open && canWrite && comments !== null && (
          <NoteForm
            labels={{ label: t("label"), hint: t("hint"), submit: t("submit"), adding: t("adding"), added: t("added") }}
            save={(body) => addRequestCommentAction(agencySlug, requestId, { body })}
            onAdded={load}
            rows={2}
            className="gap-2"
          />
        )}
      </div>
    </div>
  );
}
