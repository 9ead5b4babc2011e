"use client";

import { CircleAlert, CircleCheck, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { cn } from "@/components/ui/cn";

export type ToastMessage = { id: number; text: string; tone: "success" | "error" };

const VISIBLE_MS = 6000;

/**
 * What just happened, in a corner ("Invitation sent to …"). The live region is always
 * there, so screen readers announce each new message; it fades after a few seconds.
 */
export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  const t = useTranslations("members");

  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onDismiss, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss]);

  const Icon = message?.tone === "error" ? CircleAlert : CircleCheck;
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-center sm:inset-x-auto sm:right-6 sm:bottom-6"
    >
      {message && (
        <div
          key={message.id}
          className="pointer-events-auto flex max-w-md items-start gap-2.5 rounded-lg border bg-popover px-3.5 py-3 text-sm text-popover-foreground shadow-[0_8px_24px_var(--shadow-color)]"
        >
          <Icon
            aria-hidden="true"
            className={cn(
              "mt-px size-4 shrink-0",
              message.tone === "error" ? "text-destructive" : "text-emerald-600 dark:text-emerald-400",
            )}
          />
          <p className="min-w-0 flex-1">{message.text}</p>
          <button
            type="button"
            onClick={onDismiss}
            aria-label={t("dismiss")}
            className="-my-1 -mr-1.5 grid size-6 shrink-0 place-items-center rounded text-muted-foreground hover:bg-accent hover:text-accent-foreground"
          >
            <X aria-hidden="true" className="size-3.5" />
          </button>
        </div>
      )}
    </div>
  );
}
