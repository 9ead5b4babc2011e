"use client";

import { LoaderCircle } from "lucide-react";
import { type ReactNode, useId, useOptimistic, useState } from "react";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";

/**
 * One of the agency's on/off settings: a heading, a switch with its label and description,
 * the state in words, and the refusal if a save fails. The switch moves at once and the
 * server's answer settles it. Members who may not manage settings see it, read-only.
 */
export function SwitchSetting<T>({
  headingId,
  heading,
  label,
  description,
  stateOn,
  stateOff,
  announceState = false,
  value,
  canManage,
  save,
  confirmed,
  children,
}: {
  headingId: string;
  heading: string;
  label: string;
  /** The switch's description, under its label. */
  description: ReactNode;
  stateOn: string;
  stateOff: string;
  /** Whether screen readers hear the state line change. */
  announceState?: boolean;
  value: boolean;
  canManage: boolean;
  /** Saves the new value. */
  save: (next: boolean) => Promise<ActionResult<T>>;
  /** The value the server's answer confirms. */
  confirmed: (data: T) => boolean;
  /** More under the state line, for the state shown. */
  children?: (shown: boolean) => ReactNode;
}) {
  const say = useCatalogue();
  const { pending, failure, run } = useAction();
  // What the server last confirmed (the page's own copy may be from before the change).
  const [saved, setSaved] = useState(value);
  const [shown, setShown] = useOptimistic(saved);
  const ids = { label: useId(), description: useId() };

  function toggle() {
    if (pending || !canManage) return;
    const next = !shown;
    run(
      async () => {
        setShown(next);
        return save(next);
      },
      (data) => setSaved(confirmed(data)),
    );
  }

  return (
    <section aria-labelledby={headingId} className="mt-10">
      <h2 id={headingId} className="mb-3 text-sm font-semibold">
        {heading}
      </h2>
      <div className="rounded-xl border p-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <p id={ids.label} className="text-sm font-medium">
              {label}
            </p>
            <div id={ids.description} className="mt-1 max-w-2xl space-y-1 text-sm text-muted-foreground">
              {description}
            </div>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={shown}
            aria-labelledby={ids.label}
            aria-describedby={ids.description}
            disabled={!canManage || pending}
            onClick={toggle}
            className={cn(
              "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors disabled:cursor-not-allowed disabled:opacity-60",
              shown ? "bg-primary" : "bg-input",
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                "inline-grid size-5 place-items-center rounded-full bg-background shadow-sm transition-transform motion-reduce:transition-none",
                shown ? "translate-x-5" : "translate-x-0",
              )}
            >
              {pending && <LoaderCircle className="size-3 animate-spin text-muted-foreground motion-reduce:animate-none" />}
            </span>
          </button>
        </div>
        <p className="mt-3 text-sm text-muted-foreground" aria-live={announceState ? "polite" : undefined}>
          {shown ? stateOn : stateOff}
        </p>
        {children?.(shown)}
        {failure && (
          <div className="mt-3">
            <FormAlert>{say(failure.message)}</FormAlert>
          </div>
        )}
      </div>
    </section>
  );
}
