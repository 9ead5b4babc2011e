import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PortalBackLink } from "@/components/documents/portal-back-link";
import { InboxView } from "@/components/notifications/inbox-page";
import { requirePortalMembership } from "@/lib/auth/session";
import { NOTIFICATION_PREFERENCES_PATH } from "@/lib/notifications/schemas";
import { markAllPortalNotificationsReadAction, markPortalNotificationReadAction } from "./read-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.portal");
  return { title: t("title") };
}

/**
 * The client administrator's notifications (document requests due and overdue), behind
 * the portal's bell: their own only, phone first.
 */
export default async function PortalNotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await requirePortalMembership((await params).agency);
  const t = await getTranslations("notifications.portal");
  return (
    <>
      <PortalBackLink agencySlug={context.agency.slug} label={t("back")} />
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 mb-6 text-muted-foreground">{t("description")}</p>
      <InboxView
        actor={context}
        searchParams={await searchParams}
        basePath={`/portal/${context.agency.slug}/notifications`}
        portal
        preferencesHref={`${NOTIFICATION_PREFERENCES_PATH}#notifications-${context.agency.slug}`}
        markRead={markPortalNotificationReadAction}
        markAll={markAllPortalNotificationsReadAction}
      />
    </>
  );
}
