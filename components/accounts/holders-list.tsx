"use client";

import { useTranslations } from "next-intl";
import type { IdSlotHolder } from "@/lib/accounts/service";

/** The accounts holding a resident ID's two slots, as a refusal names them. */
export function HoldersList({ holders }: { holders: IdSlotHolder[] }) {
  const t = useTranslations("accountForm");
  if (holders.length === 0) return null;
  return (
    <ul className="list-disc pl-6 text-sm">
      {holders.map((holder) => (
        <li key={holder.id}>
          {holder.name ?? t("unnamed")} · {holder.kind === "external_account" ? t("external") : t("inWeidesk")}
        </li>
      ))}
    </ul>
  );
}
