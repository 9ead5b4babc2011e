"use client";

import { inputClass, type FieldIds } from "@/components/members/form-controls";
import { PasswordInput as BasePasswordInput } from "@/components/ui/password-input";
import { cn } from "@/components/ui/cn";

/** A password input with a show / hide button, for a Field (components/members/form-controls). */
export function PasswordInput({
  ids,
  name,
  autoComplete,
  autoFocus = false,
}: {
  ids: FieldIds;
  name: string;
  autoComplete: "current-password" | "new-password";
  autoFocus?: boolean;
}) {
  return (
    <BasePasswordInput
      id={ids.id}
      name={name}
      autoComplete={autoComplete}
      required
      autoFocus={autoFocus}
      aria-describedby={ids.describedBy}
      aria-invalid={ids.invalid}
      className={cn(inputClass, "h-10")}
    />
  );
}
