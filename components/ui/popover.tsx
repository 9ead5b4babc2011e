"use client";

import { type KeyboardEvent, type ReactNode, useCallback, useId, useRef, useState } from "react";
import { cn } from "./cn";
import { useOutsidePointerDown } from "./use-outside-pointer-down";

/**
 * A disclosure: a button that shows and hides a panel of content that is not a list of actions
 * (those belong in a Menu). Focus stays on the button; Tab walks into the panel; Escape closes it
 * and returns focus to the button.
 */
export function Popover({
  trigger,
  triggerLabel,
  triggerClassName,
  align = "start",
  children,
}: {
  trigger: ReactNode;
  triggerLabel: string;
  triggerClassName?: string;
  align?: "start" | "end";
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const dismiss = useCallback(() => setOpen(false), []);
  useOutsidePointerDown(rootRef, open, dismiss);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    }
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => setOpen((value) => !value)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          "absolute top-full z-50 mt-1 w-72 max-w-[calc(100vw-1.5rem)] rounded-lg border bg-popover p-3 text-sm text-popover-foreground shadow-[0_8px_24px_var(--shadow-color)]",
          align === "end" ? "right-0" : "left-0",
        )}
      >
        {children}
      </div>
    </div>
  );
}
