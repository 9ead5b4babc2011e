"use client";

import { useTranslations } from "next-intl";
import { updateStaffRestrictionAction } from "@/app/(app)/[agency]/settings/actions";
import { SwitchSetting } from "./switch-setting";

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
  return (
    <SwitchSetting
      headingId="client-access"
      heading={t("heading")}
      label={t("label")}
      description={
        <>
          <p>{t("body")}</p>
          <p>{t("people")}</p>
        </>
      }
      stateOn={t("stateOn")}
      stateOff={t("stateOff")}
      announceState
      value={restrictStaffToAssigned}
      canManage={canManage}
      save={(next) => updateStaffRestrictionAction(agencySlug, { restrictStaffToAssigned: next })}
      confirmed={(data) => data.restrictStaffToAssigned}
    />
  );
}
