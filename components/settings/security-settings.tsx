"use client";

import { Info } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { updateSecuritySettingsAction } from "@/app/(app)/[agency]/settings/security-actions";
import { ACCOUNT_SECURITY_PATH } from "@/lib/auth/paths";
import { SwitchSetting } from "./switch-setting";

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
  return (
    <SwitchSetting
      headingId="agency-security"
      heading={t("heading")}
      label={t("requireTotp")}
      description={<p>{t("requireTotpBody")}</p>}
      stateOn={t("stateOn")}
      stateOff={t("stateOff")}
      value={requireTotpForAdmins}
      canManage={canManage}
      save={(next) => updateSecuritySettingsAction(agencySlug, { requireTotpForAdmins: next })}
      confirmed={(data) => data.requireTotpForAdmins}
    >
      {(shown) =>
        shown &&
        !userHasTotp && (
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
        )
      }
    </SwitchSetting>
  );
}
