"use client";

import { Eye, EyeOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { inputClass, type FieldIds } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
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
  const t = useTranslations("auth.signIn");
  const [shown, setShown] = useState(false);
  return (
    <div className="relative">
      <input
        id={ids.id}
        name={name}
        type={shown ? "text" : "password"}
        autoComplete={autoComplete}
        required
        autoFocus={autoFocus}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid}
        className={cn(inputClass, "h-10 pr-10")}
      />
      <button
        type="button"
        aria-label={t("showPassword")}
        aria-pressed={shown}
        title={shown ? t("hidePassword") : t("showPassword")}
        onClick={() => setShown((value) => !value)}
        className={cn(buttonClass.icon, "absolute top-1 right-1")}
      >
        {shown ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
      </button>
    </div>
  );
}
