import type { ReactNode } from "react";
import { NotificationBellServer } from "@/components/notifications/bell-server";
import { AppHeader } from "@/components/shell/app-header";
import { Sidebar } from "@/components/shell/sidebar";
import { getUserAgencies } from "@/lib/auth/session";
import { navigationFor } from "@/lib/rbac/navigation";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./notifications/actions";
import { requireSectionOfRequest } from "./require-section";

export default async function AgencyLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ agency: string }>;
}) {
  // Members only, and staff-side only: a client administrator is sent to the portal.
  const context = await requireSectionOfRequest((await params).agency);
  const { agency, user, role } = context;
  const agencies = await getUserAgencies();
  const navigation = navigationFor(role);

  return (
    <div className="flex min-h-dvh">
      <Sidebar agencySlug={agency.slug} navigation={navigation} />
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader
          agency={agency}
          agencies={agencies}
          navigation={navigation}
          user={{ name: user.name, email: user.email }}
          role={role}
          notifications={
            <NotificationBellServer
              actor={context}
              portal={false}
              markRead={markNotificationReadAction}
              markAll={markAllNotificationsReadAction}
            />
          }
        />
        <main
          id="main"
          tabIndex={-1}
          className="w-full max-w-6xl flex-1 px-4 py-6 outline-none md:px-8 md:py-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
