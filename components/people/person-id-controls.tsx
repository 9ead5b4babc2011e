"use client";

import { Download, Eye, EyeOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { exportPersonAction, revealIdNumberAction } from "@/app/(app)/[agency]/people/actions";

/** How long a revealed number stays on screen before it is masked again. */
const REVEAL_SECONDS = 30;

/**
 * The masked ID number with "Show" (an audited reveal; hidden again after 30 s) and
 * "Export data" (the person's whole record as a JSON file, also audited). Shown only to
 * roles with person:reveal-id; the server checks again.
 */
export function PersonIdControls({
  agencySlug,
  personId,
  mask,
  canReveal,
}: {
  agencySlug: string;
  personId: string;
  mask: string | null;
  canReveal: boolean;
}) {
  const t = useTranslations("peoplePages.person");
  const message = useCatalogue();
  const reveal = useAction();
  const exporting = useAction();
  const [clear, setClear] = useState<string | null>(null);

  useEffect(() => {
    if (!clear) return;
    const timer = window.setTimeout(() => setClear(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [clear]);

  function download(json: string) {
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `person-${personId}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  const failure = reveal.failure ?? exporting.failure;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-muted px-2 py-1 font-mono text-sm" data-testid="person-id-number" aria-live="polite">
          {clear ?? mask ?? t("erased")}
        </code>
        {canReveal && mask && (
          <button
            type="button"
            className={buttonClass.ghost}
            disabled={reveal.pending}
            aria-pressed={clear !== null}
            onClick={() => {
              if (clear) setClear(null);
              else reveal.run(() => revealIdNumberAction(agencySlug, { personId }), (data) => setClear(data.idNumber));
            }}
          >
            {clear ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
            {clear ? t("hide") : t("reveal")}
          </button>
        )}
        {canReveal && (
          <button
            type="button"
            className={buttonClass.ghost}
            disabled={exporting.pending}
            onClick={() => exporting.run(() => exportPersonAction(agencySlug, { personId }), (data) => download(data.json))}
          >
            <Download aria-hidden="true" className="size-4" />
            {t("export")}
          </button>
        )}
      </div>
      {canReveal && <p className="text-xs text-muted-foreground">{t("revealHint", { seconds: REVEAL_SECONDS })}</p>}
      {failure && <FormAlert>{message(failure.message)}</FormAlert>}
    </div>
  );
}
