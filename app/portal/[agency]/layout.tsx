import type { ReactNode } from "react";
import { NotificationBellServer } from "@/components/notifications/bell-server";
import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";
import { AgencyMenu } from "@/components/shell/agency-menu";
import { UserMenu } from "@/components/shell/user-menu";
import { getUserAgencies, requirePortalMembership } from "@/lib/auth/session";
import { markAllPortalNotificationsReadAction, markPortalNotificationReadAction } from "./notifications/read-actions";

/**
 * The client portal: for client administrators only (staff who open it go to the staff
 * app). Phone first: one column, large touch targets, nothing but the agency, the
 * preferences and the user.
 */
export default async function PortalLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ agency: string }>;
}) {
  const context = await requirePortalMembership((await params).agency);
  const { agency, user, role } = context;
  const agencies = await getUserAgencies();

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b bg-background">
        <div className="mx-auto flex h-14 w-full max-w-2xl items-center gap-1 px-3 sm:px-4">
          <AgencyMenu agency={agency} agencies={agencies} showSettings={false} />
          <div className="ml-auto flex shrink-0 items-center gap-0.5">
            <NotificationBellServer
              actor={context}
              portal
              markRead={markPortalNotificationReadAction}
              markAll={markAllPortalNotificationsReadAction}
            />
            <LanguageSwitcher />
            <ThemeMenu />
            <UserMenu user={{ name: user.name, email: user.email }} role={role} agencyName={agency.name} />
          </div>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-2xl flex-1 px-4 pt-6 pb-16 text-base outline-none sm:px-6 sm:pt-10"
      >
        {children}
      </main>
    </div>
  );
}
