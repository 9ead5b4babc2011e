"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runReconciliationAction } from "@/app/(app)/[agency]/settings/storage/actions";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";

/**
 * Runs the agency's storage reconciliation now; the page then shows its report. While it
 * runs the button says so (and is busy for assistive technology); the outcome is announced.
 */
export function RunReconciliationButton({ agencySlug }: { agencySlug: string }) {
  const t = useTranslations("storageReport");
  const say = useCatalogue();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  function run() {
    setStatus(null);
    startTransition(async () => {
      const result = await runReconciliationAction(agencySlug, { run: true });
      setStatus(
        result.ok
          ? { ok: true, text: t("ran", { count: result.data.findings }) }
          : { ok: false, text: say(result.message) },
      );
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={buttonClass.primary} onClick={run} disabled={pending} aria-busy={pending}>
        {pending && <LoaderCircle aria-hidden className="size-4 animate-spin" />}
        {pending ? t("running") : t("runNow")}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
        {status?.ok ? status.text : null}
      </p>
      {status && !status.ok && <FormAlert>{status.text}</FormAlert>}
    </div>
  );
}
