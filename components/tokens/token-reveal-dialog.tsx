"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Dialog } from "@/components/members/dialog";
import { inputClass } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { NewToken } from "./types";

type CopyState = "idle" | "copied" | "failed";

/**
 * The new token, shown this once (it exists only as a hash after this dialog closes),
 * with a copy button. Where the clipboard is out of reach (an insecure origin, a
 * refused permission) the token is selected so it can be copied by hand.
 */
export function TokenRevealDialog({ token, onClose }: { token: NewToken; onClose: () => void }) {
  const t = useTranslations("apiTokens.reveal");
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose}>
      <div className="flex flex-col gap-4">
        <div>
          <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium">
            {t("label", { name: token.name })}
          </label>
          <div className="flex gap-2">
            <input
              ref={inputRef}
              id={inputId}
              readOnly
              value={token.token}
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.currentTarget.select()}
              className={cn(inputClass, "font-mono text-xs sm:text-xs")}
            />
            <button type="button" onClick={copyToken} data-autofocus className={buttonClass.secondary}>
              {copy === "copied" ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
              {copy === "copied" ? t("copied") : t("copy")}
            </button>
          </div>
          <p role="status" className={cn("mt-1.5 min-h-4 text-xs", copy === "failed" ? "text-destructive" : "text-muted-foreground")}>
            {copy === "failed" ? t("copyFailed") : copy === "copied" ? t("copied") : null}
          </p>
        </div>
        <div className="flex justify-end">
          <button type="button" onClick={onClose} className={buttonClass.primary}>
            {t("done")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
