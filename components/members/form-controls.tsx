"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback, useId } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";

export const inputClass =
  "block h-9 w-full rounded-md border border-input bg-background px-3 text-base shadow-xs transition-colors placeholder:text-muted-foreground sm:text-sm aria-[invalid=true]:border-destructive";

/** A catalogue key from an ActionResult, in the reader's language (unknown keys: the generic error). */
export function useCatalogue(): (key: string) => string {
  const t = useTranslations();
  return useCallback(
    (key: string) => (t.has(key as never) ? t(key as never) : t("errors.codes.INTERNAL")),
    [t],
  );
}

export type FieldIds = { id: string; describedBy: string | undefined; invalid: true | undefined };

/** A label, the control (given its ids), an optional hint and the field's error message. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /** Already translated. */
  error?: string;
  children: (ids: FieldIds) => ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium">
        {label}
      </label>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {hint && (
        <p id={hintId} className="mt-1.5 text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1.5 flex items-start gap-1.5 text-xs text-destructive">
          <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's own message (already translated), announced when it appears. */
export function FormAlert({ children }: { children: string }) {
  return (
    <p
      role="alert"
      className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive"
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {children}
    </p>
  );
}

/** Cancel and the action, the action showing it runs. */
export function DialogButtons({
  onCancel,
  pending,
  submitLabel,
  destructive = false,
  disabled = false,
  autoFocusCancel = false,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  destructive?: boolean;
  /** Not yet possible (a typed confirmation that does not match). */
  disabled?: boolean;
  /** For confirmations: the safe choice has the focus. */
  autoFocusCancel?: boolean;
}) {
  const t = useTranslations("members");
  return (
    <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <button
        type="button"
        onClick={onCancel}
        disabled={pending}
        data-autofocus={autoFocusCancel || undefined}
        className={buttonClass.secondary}
      >
        {t("cancel")}
      </button>
      <button
        type="submit"
        disabled={pending || disabled}
        className={cn(
          buttonClass.primary,
          destructive && "bg-destructive text-white hover:bg-destructive/90 dark:text-background",
        )}
      >
        {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending ? t("working") : submitLabel}
      </button>
    </div>
  );
}
