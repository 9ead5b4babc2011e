"use client";

import { Hourglass, LoaderCircle, Mail, RotateCw, X } from "lucide-react";
import { unstable_rethrow } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import {
  resendInvitationAction,
  revokeInvitationAction,
} from "@/app/(app)/[agency]/settings/members/actions";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button-styles";
import { useCatalogue } from "./form-controls";
import { RoleBadge } from "./members-table";
import type { InvitationRow } from "./types";

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";

/** Invitations not yet accepted: resend (a new link, a new week) or revoke, each at once. */
export function InvitationsTable({
  agencySlug,
  invitations,
  timeZone,
  now,
  onMessage,
}: {
  agencySlug: string;
  invitations: InvitationRow[];
  timeZone: string;
  now: Date;
  onMessage: (text: string, tone: "success" | "error") => void;
}) {
  const t = useTranslations("members.invitations");
  const tDone = useTranslations("members.done");
  const format = useFormatter();
  const say = useCatalogue();
  const captionId = useId();
  const [, startTransition] = useTransition();
  const [busy, setBusy] = useState<{ id: string; kind: "resend" | "revoke" } | null>(null);

  function act(invitation: InvitationRow, kind: "resend" | "revoke") {
    if (busy) return;
    setBusy({ id: invitation.id, kind });
    startTransition(async () => {
      try {
        const action = kind === "resend" ? resendInvitationAction : revokeInvitationAction;
        const result = await action(agencySlug, { invitationId: invitation.id });
        if (result.ok) onMessage(tDone(kind === "resend" ? "resent" : "revoked", { email: invitation.email }), "success");
        else onMessage(say(result.message), "error");
      } catch (error) {
        unstable_rethrow(error);
        onMessage(say("errors.codes.UNAVAILABLE"), "error");
      }
      setBusy(null);
    });
  }

  if (invitations.length === 0) {
    return <EmptyState Icon={Mail} headingLevel={3} title={t("emptyTitle")} body={t("emptyBody")} />;
  }

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[52rem] border-separate border-spacing-0 text-sm">
        <caption id={captionId} className="sr-only">
          {t("caption")}
        </caption>
        <thead className="bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>
              {t("email")}
            </th>
            <th scope="col" className={headClass}>
              {t("role")}
            </th>
            <th scope="col" className={headClass}>
              {t("company")}
            </th>
            <th scope="col" className={headClass}>
              {t("invitedBy")}
            </th>
            <th scope="col" className={headClass}>
              {t("expires")}
            </th>
            <th scope="col" className={headClass}>
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const rowBusy = busy?.id === invitation.id ? busy.kind : null;
            return (
              <tr key={invitation.id} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
                <td className={`${cellClass} max-w-64 truncate font-medium`}>{invitation.email}</td>
                <td className={cellClass}>
                  <RoleBadge role={invitation.role} />
                </td>
                <td className={`${cellClass} max-w-56 truncate`}>
                  {invitation.clientCompany?.name ?? <span className="text-muted-foreground">—</span>}
                </td>
                <td className={`${cellClass} max-w-48 truncate`}>{invitation.invitedBy}</td>
                <td className={`${cellClass} whitespace-nowrap`}>
                  <time dateTime={invitation.expiresAt.toISOString()} className="block">
                    {invitation.expired ? (
                      <span className="inline-flex items-center gap-1 rounded-full border border-destructive/40 px-2 py-0.5 text-xs font-medium text-destructive">
                        <Hourglass aria-hidden="true" className="size-3" />
                        {t("expired")}
                      </span>
                    ) : (
                      <span className="block">{format.relativeTime(invitation.expiresAt, now)}</span>
                    )}
                    <span className="block text-xs text-muted-foreground tabular-nums">
                      {format.dateTime(invitation.expiresAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
                    </span>
                  </time>
                </td>
                <td className={`${cellClass} text-right whitespace-nowrap`}>
                  <button
                    type="button"
                    onClick={() => act(invitation, "resend")}
                    aria-disabled={busy !== null || undefined}
                    aria-label={t("resendLabel", { email: invitation.email })}
                    className={buttonClass.ghost}
                  >
                    {rowBusy === "resend" ? (
                      <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
                    ) : (
                      <RotateCw aria-hidden="true" className="size-4" />
                    )}
                    {t("resend")}
                  </button>
                  <button
                    type="button"
                    onClick={() => act(invitation, "revoke")}
                    aria-disabled={busy !== null || undefined}
                    aria-label={t("revokeLabel", { email: invitation.email })}
                    className={`${buttonClass.ghost} hover:text-destructive`}
                  >
                    {rowBusy === "revoke" ? (
                      <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
                    ) : (
                      <X aria-hidden="true" className="size-4" />
                    )}
                    {t("revoke")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
