"use client";

import { LoaderCircle } from "lucide-react";
import { useFormStatus } from "react-dom";
import { cn } from "@/components/ui/cn";

/**
 * The submit button of a plain server-action form (no client state of its own): it
 * turns busy while the action runs, so a second click cannot post twice, and the form
 * still works before the page's JavaScript has loaded.
 */
export function PendingSubmitButton({
  label,
  pendingLabel,
  className,
}: {
  label: string;
  pendingLabel: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={cn(className)}>
      {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
      {pending ? pendingLabel : label}
    </button>
  );
}
