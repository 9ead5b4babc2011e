"use client";

import { CircleCheck, CircleSlash, Hourglass, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import type { ApiTokenRow } from "./types";

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";

function StatusBadge({ status }: { status: ApiTokenRow["status"] }) {
  const t = useTranslations("apiTokens.status");
  if (status === "active") {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
        <CircleCheck aria-hidden="true" className="size-4 text-emerald-600 dark:text-emerald-400" />
        {t("active")}
      </span>
    );
  }
  const Icon = status === "expired" ? Hourglass : CircleSlash;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-muted-foreground">
      <Icon aria-hidden="true" className="size-4" />
      {t(status)}
    </span>
  );
}

/**
 * API tokens with their dates and status; each token not yet revoked has a Revoke
 * button (the confirmation is the caller's). `showOwner` adds whose token it is.
 */
export function TokensTable({
  tokens,
  caption,
  showOwner = false,
  timeZone,
  onRevoke,
}: {
  tokens: readonly ApiTokenRow[];
  caption: string;
  showOwner?: boolean;
  timeZone: string;
  onRevoke: (token: ApiTokenRow) => void;
}) {
  const t = useTranslations("apiTokens.table");
  const format = useFormatter();
  const captionId = useId();
  const when = (date: Date) => (
    <time dateTime={date.toISOString()} className="tabular-nums">
      {format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone })}
    </time>
  );

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[48rem] border-separate border-spacing-0 text-sm">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>
              {t("name")}
            </th>
            {showOwner && (
              <th scope="col" className={headClass}>
                {t("owner")}
              </th>
            )}
            <th scope="col" className={headClass}>
              {t("created")}
            </th>
            <th scope="col" className={headClass}>
              {t("expires")}
            </th>
            <th scope="col" className={headClass}>
              {t("lastUsed")}
            </th>
            <th scope="col" className={headClass}>
              {t("status")}
            </th>
            <th scope="col" className={headClass}>
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
              <th scope="row" className={`${cellClass} max-w-64 truncate text-left font-medium`}>
                {token.name}
              </th>
              {showOwner && (
                <td className={`${cellClass} max-w-56`}>
                  {token.owner.name ? (
                    <>
                      <span className="block truncate">{token.owner.name}</span>
                      <span className="block truncate text-xs text-muted-foreground">{token.owner.email}</span>
                    </>
                  ) : (
                    <span className="text-muted-foreground">{t("formerMember")}</span>
                  )}
                </td>
              )}
              <td className={`${cellClass} whitespace-nowrap`}>{when(token.createdAt)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                {token.expiresAt ? when(token.expiresAt) : <span className="text-muted-foreground">{t("noExpiry")}</span>}
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>
                {token.lastUsedAt ? when(token.lastUsedAt) : <span className="text-muted-foreground">{t("neverUsed")}</span>}
              </td>
              <td className={cellClass}>
                <StatusBadge status={token.status} />
              </td>
              <td className={`${cellClass} text-right whitespace-nowrap`}>
                {token.status !== "revoked" && (
                  <button
                    type="button"
                    onClick={() => onRevoke(token)}
                    aria-label={t("revokeLabel", { name: token.name })}
                    className={`${buttonClass.ghost} hover:text-destructive`}
                  >
                    <X aria-hidden="true" className="size-4" />
                    {t("revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
