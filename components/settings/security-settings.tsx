"use client";

import { Info, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useOptimistic, useState } from "react";
import { updateSecuritySettingsAction } from "@/app/(app)/[agency]/settings/security-actions";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { cn } from "@/components/ui/cn";
import { ACCOUNT_SECURITY_PATH } from "@/lib/auth/paths";

/**
 * The agency's security policy: a switch for "owners and admins must use two-factor
 * authentication". Members who may not manage settings see it, read-only.
 */
export function SecuritySettings({
  agencySlug,
  requireTotpForAdmins,
  canManage,
  userHasTotp,
}: {
  agencySlug: string;
  requireTotpForAdmins: boolean;
  canManage: boolean;
  /** Whether the person looking has two-factor authentication on themselves. */
  userHasTotp: boolean;
}) {
  const t = useTranslations("accountSecurity.agency");
  const say = useCatalogue();
  const { pending, failure, run } = useAction();
  // What the server last confirmed (the page's own copy may be from before the change).
  const [saved, setSaved] = useState(requireTotpForAdmins);
  const [shown, setShown] = useOptimistic(saved);
  const ids = { label: useId(), description: useId() };

  function toggle() {
    if (pending || !canManage) return;
    const next = !shown;
    run(
      async () => {
        setShown(next);
        return updateSecuritySettingsAction(agencySlug, { requireTotpForAdmins: next });
      },
      (data) => setSaved(data.requireTotpForAdmins),
    );
  }

  return (
    <section aria-labelledby="agency-security" className="mt-10">
      <h2 id="agency-security" className="mb-3 text-sm font-semibold">
        {t("heading")}
      </h2>
      <div className="rounded-xl border p-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <p id={ids.label} className="text-sm font-medium">
              {t("requireTotp")}
            </p>
            <p id={ids.description} className="mt-1 max-w-2xl text-sm text-muted-foreground">
              {t("requireTotpBody")}
            </p>
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
        <p className="mt-3 text-sm text-muted-foreground">{shown ? t("stateOn") : t("stateOff")}</p>
        {shown && !userHasTotp && (
          <p className="mt-3 flex items-start gap-2 text-sm">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            <span>
              {t.rich("youToo", {
                link: (chunks) => (
                  <Link href={ACCOUNT_SECURITY_PATH} className="font-medium underline underline-offset-4 hover:text-primary">
                    {chunks}
                  </Link>
                ),
              })}
            </span>
          </p>
        )}
        {failure && (
          <div className="mt-3">
            <FormAlert>{say(failure.message)}</FormAlert>
          </div>
        )}
      </div>
    </section>
  );
}
