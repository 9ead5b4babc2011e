"use client";

import { LoaderCircle } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";

export type NoteFormLabels = { label: string; hint: string; submit: string; adding: string; added: string };

/**
 * Adding an internal note (staff and up), on a client's page or a registration card: one
 * textarea, field-level errors from the action, the field emptied once saved. `onAdded` runs
 * after a save (read the notes again); `confirm` says how the save is confirmed: a polite
 * status line beside the button, or nothing when the caller shows its own toast. `className`
 * replaces the default spacing (gap-3).
 */
export function NoteForm({
  labels,
  save,
  onAdded,
  confirm = "inline",
  rows = 3,
  className,
}: {
  labels: NoteFormLabels;
  save: (body: string) => Promise<ActionResult<unknown>>;
  onAdded?: () => void;
  confirm?: "inline" | "none";
  rows?: number;
  className?: string;
}) {
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [body, setBody] = useState("");
  const [added, setAdded] = useState(false);
  const bodyError = fieldError("body");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setAdded(false);
    run(
      () => save(body),
      () => {
        setBody("");
        setAdded(true);
        onAdded?.();
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className={cn("flex flex-col", className ?? "gap-3")}>
      <Field label={labels.label} hint={labels.hint} error={bodyError ? say(bodyError) : undefined}>
        {(ids) => (
          <textarea
            id={ids.id}
            name="body"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={rows}
            maxLength={5000}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid}
            className={cn(inputClass, "h-auto py-2")}
          />
        )}
      </Field>
      {failure && !bodyError && <FormAlert>{say(failure.message)}</FormAlert>}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? labels.adding : labels.submit}
        </button>
        {confirm === "inline" && (
          <p role="status" className="text-xs text-muted-foreground">
            {added ? labels.added : ""}
          </p>
        )}
      </div>
    </form>
  );
}

/** The catalogue's five labels of a note form, under `t`'s namespace. */
export function noteFormLabels(t: (key: "label" | "hint" | "submit" | "adding" | "added") => string): NoteFormLabels {
  return { label: t("label"), hint: t("hint"), submit: t("submit"), adding: t("adding"), added: t("added") };
}
