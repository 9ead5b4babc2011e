"use client";

import { Eye, EyeOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ComponentProps } from "react";
import { buttonClass } from "./button-styles";
import { cn } from "./cn";

/**
 * A password input with a show / hide button: every password field of the app (sign-in,
 * sign-up, accepting an invitation, reset, account security). `className` styles the
 * input; the room for the button is added here. Any other input prop passes through.
 */
export function PasswordInput({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  const t = useTranslations("auth.signIn");
  const [shown, setShown] = useState(false);
  return (
    <div className="relative">
      <input {...props} type={shown ? "text" : "password"} className={cn(className, "pr-10")} />
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
