"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import type { IdSlotHolder } from "@/lib/accounts/service";

/**
 * The accounts holding a resident ID's two slots, as a refusal names them; with `href`
 * (the ID holder's page, which lists each account with its client), each is a link.
 */
export function HoldersList({ holders, href }: { holders: IdSlotHolder[]; href?: string }) {
  const t = useTranslations("accountForm");
  if (holders.length === 0) return null;
  return (
    <ul className="list-disc pl-6 text-sm">
      {holders.map((holder) => {
        const name = holder.name ?? t("unnamed");
        return (
          <li key={holder.id}>
            {href ? (
              <Link href={href} className="underline underline-offset-4">
                {name}
              </Link>
            ) : (
              name
            )}{" "}
            · {holder.kind === "external_account" ? t("external") : t("inWeidesk")}
          </li>
        );
      })}
    </ul>
  );
}
