"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useOptimistic, useState } from "react";
import { updateStaffRestrictionAction } from "@/app/(app)/[agency]/settings/actions";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { cn } from "@/components/ui/cn";

/**
 * The agency's client access rule: a switch for "staff see only their assigned clients"
 * (issue 6 §5, ADR 0010). Members who may not manage settings see it, read-only.
 */
export function StaffRestrictionSetting({
  agencySlug,
  restrictStaffToAssigned,
  canManage,
}: {
  agencySlug: string;
  restrictStaffToAssigned: boolean;
  canManage: boolean;
}) {
  const t = useTranslations("clientTeam.setting");
  const say = useCatalogue();
  const { pending, failure, run } = useAction();
  // What the server last confirmed (the page's own copy may be from before the change).
  const [saved, setSaved] = useState(restrictStaffToAssigned);
  const [shown, setShown] = useOptimistic(saved);
  const ids = { label: useId(), description: useId() };

  function toggle() {
    if (pending || !canManage) return;
    const next = !shown;
    run(
      async () => {
        setShown(next);
        return updateStaffRestrictionAction(agencySlug, { restrictStaffToAssigned: next });
      },
      (data) => setSaved(data.restrictStaffToAssigned),
    );
  }

  return (
    <section aria-labelledby="client-access" className="mt-10">
      <h2 id="client-access" className="mb-3 text-sm font-semibold">
        {t("heading")}
      </h2>
      <div className="rounded-xl border p-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <p id={ids.label} className="text-sm font-medium">
              {t("label")}
            </p>
            <div id={ids.description} className="mt-1 max-w-2xl space-y-1 text-sm text-muted-foreground">
              <p>{t("body")}</p>
              <p>{t("people")}</p>
            </div>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={shown}
            aria-labelledby={ids.label}
            aria-describedby={ids.description}
            disabled={!canManage || pending}
            onClick={toggle}
            className={cn(
              "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors disabled:cursor-not-allowed disabled:opacity-60",
              shown ? "bg-primary" : "bg-input",
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                "inline-grid size-5 place-items-center rounded-full bg-background shadow-sm transition-transform motion-reduce:transition-none",
                shown ? "translate-x-5" : "translate-x-0",
              )}
            >
              {pending && <LoaderCircle className="size-3 animate-spin text-muted-foreground motion-reduce:animate-none" />}
            </span>
          </button>
        </div>
        <p className="mt-3 text-sm text-muted-foreground" aria-live="polite">
          {shown ? t("stateOn") : t("stateOff")}
        </p>
        {failure && (
          <div className="mt-3">
            <FormAlert>{say(failure.message)}</FormAlert>
          </div>
        )}
      </div>
    </section>
  );
}
