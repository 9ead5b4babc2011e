import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxView } from "@/components/notifications/inbox-page";
import { PageHeader } from "@/components/page-header";
import { NOTIFICATION_PREFERENCES_PATH } from "@/lib/notifications/schemas";
import { requireSection } from "../require-section";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.notifications");
  return { title: t("title") };
}

/** The inbox behind the bell (ux.md §1): every staff-side role, their own notifications only. */
export default async function NotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await requireSection((await params).agency, "notifications");
  const t = await getTranslations("pages.notifications");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <InboxView
        actor={context}
        searchParams={await searchParams}
        basePath={`/${context.agency.slug}/notifications`}
        portal={false}
        preferencesHref={`${NOTIFICATION_PREFERENCES_PATH}#notifications-${context.agency.slug}`}
        markRead={markNotificationReadAction}
        markAll={markAllNotificationsReadAction}
      />
    </>
  );
}
