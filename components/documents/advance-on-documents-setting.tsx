"use client";

import { useTranslations } from "next-intl";
import { updateAdvanceOnDocumentsAction } from "@/app/(app)/[agency]/settings/holidays/documents-actions";
import { SwitchSetting } from "@/components/settings/switch-setting";

/**
 * "Move a card on by itself when its stage's last required document is approved"
 * (agencies.advance_on_documents): off, a review only offers the move.
 */
export function AdvanceOnDocumentsSetting({ agencySlug, value, canManage }: { agencySlug: string; value: boolean; canManage: boolean }) {
  const t = useTranslations("documentsUi.advanceSetting");
  return (
    <SwitchSetting
      headingId="advance-on-documents"
      heading={t("heading")}
      label={t("label")}
      description={<p>{t("body")}</p>}
      stateOn={t("stateOn")}
      stateOff={t("stateOff")}
      announceState
      value={value}
      canManage={canManage}
      save={(next) => updateAdvanceOnDocumentsAction(agencySlug, { advanceOnDocuments: next })}
      confirmed={(data) => data.advanceOnDocuments}
    />
  );
}
