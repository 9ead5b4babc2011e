"use client";

import { CircleAlert, CircleCheck, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { cn } from "@/components/ui/cn";

export type BoardToastMessage = {
  id: number;
  text: string;
  tone: "success" | "error";
  /** "Undo", and what it does. */
  action?: { label: string; run: () => void };
};

const VISIBLE_MS = 8000;
/** An error stays until dismissed or replaced: it says something went differently than asked. */
const ERROR_VISIBLE_MS = 20_000;

/**
 * What a move did, in a corner ("Moved to Under review · Undo"; ux.md §2). Success is a
 * polite status; a refused or stale move is an alert, so it is read out at once.
 */
export function BoardToast({ message, onDismiss }: { message: BoardToastMessage | null; onDismiss: () => void }) {
  const t = useTranslations("board.moves");

  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onDismiss, message.tone === "error" ? ERROR_VISIBLE_MS : VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss]);

  const Icon = message?.tone === "error" ? CircleAlert : CircleCheck;
  const content = message && (
    <div
      key={message.id}
      className="pointer-events-auto flex max-w-md items-start gap-2.5 rounded-lg border bg-popover px-3.5 py-3 text-sm text-popover-foreground shadow-[0_8px_24px_var(--shadow-color)]"
    >
      <Icon
        aria-hidden="true"
        className={cn("mt-px size-4 shrink-0", message.tone === "error" ? "text-destructive" : "text-emerald-600 dark:text-emerald-400")}
      />
      <p className="min-w-0 flex-1">{message.text}</p>
      {message.action && (
        <button
          type="button"
          onClick={() => {
            message.action?.run();
            onDismiss();
          }}
          className="-my-1 shrink-0 rounded px-1.5 py-1 font-medium text-primary underline-offset-4 hover:underline"
        >
          {message.action.label}
        </button>
      )}
      <button
        type="button"
        onClick={onDismiss}
        aria-label={t("dismiss")}
        className="-my-1 -mr-1.5 grid size-6 shrink-0 place-items-center rounded text-muted-foreground hover:bg-accent hover:text-accent-foreground"
      >
        <X aria-hidden="true" className="size-3.5" />
      </button>
    </div>
  );
  return (
    <div className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-center sm:inset-x-auto sm:right-6 sm:bottom-6">
      {/* Both regions are always there, so a screen reader announces each new message. */}
      <div role="status" aria-live="polite">
        {message?.tone === "success" && content}
      </div>
      <div role="alert">{message?.tone === "error" && content}</div>
    </div>
  );
}
