"use client";

import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import type { Locale } from "@/lib/i18n/config";
import { InvitationsTable } from "./invitations-table";
import { InviteDialog } from "./invite-dialog";
import { ChangeRoleDialog, ConfirmMemberDialog, OffboardDialog } from "./member-dialogs";
import type { MembersViewState } from "./members-view-state";
import { MembersTable } from "./members-table";
import type { MemberActionKind } from "./row-actions";
import { Toast, type ToastMessage } from "./toast";
import type { CompanyOption, InvitationRow, LanguageOption, MemberRow, Viewer } from "./types";

type OpenDialog = { kind: "invite" } | { kind: MemberActionKind; member: MemberRow };

/**
 * The members page's working part: the members table, the pending invitations, one
 * dialog at a time and the toast that says what happened. Each action revalidates the
 * page, so the lists arrive fresh with its answer.
 */
export function MembersManager({
  agencySlug,
  agencyName,
  viewer,
  members,
  invitations,
  companies,
  companyLimit,
  languages,
  defaultLocale,
  invitationDays,
  timeZone,
  now,
  initialView,
}: {
  agencySlug: string;
  agencyName: string;
  viewer: Viewer;
  members: MemberRow[];
  invitations: InvitationRow[];
  companies: CompanyOption[];
  companyLimit: number;
  languages: LanguageOption[];
  defaultLocale: Locale;
  invitationDays: number;
  timeZone: string;
  now: Date;
  initialView: MembersViewState;
}) {
  const t = useTranslations("members");
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const onAction = useCallback((kind: MemberActionKind, member: MemberRow) => setDialog({ kind, member }), []);
  const close = useCallback(() => setDialog(null), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const say = useCallback((text: string, tone: ToastMessage["tone"]) => setToast({ id: Date.now(), text, tone }), []);
  const done = useCallback(
    (text: string) => {
      setDialog(null);
      say(text, "success");
    },
    [say],
  );

  const common = { agencySlug, onClose: close, onDone: done };

  return (
    <>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-sm font-semibold">
          {t("table.heading")}
        </h2>
        <MembersTable
          members={members}
          viewer={viewer}
          timeZone={timeZone}
          now={now}
          initialView={initialView}
          onAction={onAction}
          toolbar={
            <button type="button" onClick={() => setDialog({ kind: "invite" })} className={buttonClass.primary}>
              <UserPlus aria-hidden="true" className="size-4" />
              {t("actions.invite")}
            </button>
          }
        />
      </section>

      <section aria-labelledby="invitations-heading" className="mt-10">
        <h2 id="invitations-heading" className="mb-3 text-sm font-semibold">
          {t("invitations.heading")}
          {invitations.length > 0 && (
            <span className="ml-2 rounded-full bg-muted px-2 py-0.5 text-xs font-medium text-muted-foreground tabular-nums">
              {invitations.length}
            </span>
          )}
        </h2>
        <InvitationsTable
          agencySlug={agencySlug}
          invitations={invitations}
          timeZone={timeZone}
          now={now}
          onMessage={say}
        />
      </section>

      {dialog?.kind === "invite" && (
        <InviteDialog
          {...common}
          companies={companies}
          companyLimit={companyLimit}
          languages={languages}
          defaultLocale={defaultLocale}
          invitationDays={invitationDays}
        />
      )}
      {dialog?.kind === "changeRole" && (
        <ChangeRoleDialog
          {...common}
          member={dialog.member}
          members={members}
          companies={companies}
          companyLimit={companyLimit}
        />
      )}
      {(dialog?.kind === "disable" || dialog?.kind === "remove") && (
        <OffboardDialog {...common} kind={dialog.kind} agencyName={agencyName} member={dialog.member} members={members} />
      )}
      {(dialog?.kind === "enable" || dialog?.kind === "transfer") && (
        <ConfirmMemberDialog {...common} kind={dialog.kind} agencyName={agencyName} member={dialog.member} />
      )}

      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
