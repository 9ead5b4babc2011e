"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type MouseEvent, type ReactNode, type SyntheticEvent, useEffect, useId, useRef } from "react";
import { buttonClass } from "@/components/ui/button-styles";

/**
 * A modal on the native <dialog> (showModal): the browser traps focus, makes the page
 * behind it inert and closes it on Escape. Rendered only while open, so each opening
 * starts with a fresh form. Focus goes to the element marked data-autofocus (else the
 * first focusable one) and, on closing, back to what opened it, or to the page's main
 * region when that is gone (a removed member's row).
 */
export function Dialog({
  title,
  description,
  onClose,
  busy = false,
  children,
}: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  /** While an action runs, Escape and the backdrop do not close it. */
  busy?: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const busyRef = useRef(busy);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    busyRef.current = busy;
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = opener?.isConnected ? opener : document.getElementById("main");
      target?.focus();
    };
  }, []);

  function onCancel(event: SyntheticEvent<HTMLDialogElement>) {
    // The parent decides: it unmounts the dialog, which closes it.
    event.preventDefault();
    if (!busyRef.current) onCloseRef.current();
  }

  function onBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    if (event.target === event.currentTarget && !busyRef.current) onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={onCancel}
      // A second Escape may close it without a cancel event: keep the parent in step (a close
      // queued before a remount, as in Strict Mode, finds it open again and is ignored).
      onClose={() => {
        if (!ref.current?.open) onCloseRef.current();
      }}
      onClick={onBackdropClick}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-xl border bg-background p-0 text-foreground shadow-[0_16px_48px_var(--shadow-color)] backdrop:bg-black/50"
    >
      <div className="p-5 sm:p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <button
            type="button"
            onClick={onClose}
            disabled={busy}
            aria-label={t("close")}
            className={`${buttonClass.icon} -mt-1 -mr-2`}
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
        {description && (
          <div id={descriptionId} className="mt-1.5 text-sm text-muted-foreground">
            {description}
          </div>
        )}
        <div className="mt-4">{children}</div>
      </div>
    </dialog>
  );
}
