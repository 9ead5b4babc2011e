"use client";

import { unstable_rethrow } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";

const unreachable: ActionFailure = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };

/**
 * Runs a server action in a transition: `pending` while it runs, the refusal kept for
 * the form, and focus moved to the first field it names (else to the form's message).
 */
export function useAction() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!failure || !form) return;
    const named = Object.keys(failure.fields ?? {})
      .map((field) => form.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`))
      .find((element) => element !== null);
    named?.focus();
  }, [failure]);

  function run<T>(call: () => Promise<ActionResult<T>>, onDone: (data: T) => void) {
    setFailure(null);
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await call();
      } catch (error) {
        // A redirect or 404 from the action is Next's to follow; anything else means the
        // network or the server failed before an answer came back.
        unstable_rethrow(error);
        result = unreachable;
      }
      if (result.ok) onDone(result.data);
      else setFailure(result);
    });
  }

  /** The catalogue key for `field`'s message, if the last refusal named it. */
  const fieldError = (field: string): string | undefined => failure?.fields?.[field];

  return { pending, failure, run, formRef, fieldError };
}
