import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences-form";
import { getUserAgencies, requireUser } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/reminders/preferences";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notificationPreferences");
  return { title: t("title") };
}

/**
 * The signed-in user's notification settings (issue 9 §3), beside their language and
 * security: for each agency they belong to, which reminder topics reach them in the app
 * and by e-mail. Staff-side roles see the deadlines, expiries and document requests (and
 * owners, admins and managers the weekly digest); a client administrator only document
 * requests. Each agency's table is read and saved in that agency's tenant, as its own rows.
 */
export default async function AccountPreferencesPage() {
  const [user, memberships, t, tRoles] = await Promise.all([
    requireUser(),
    getUserAgencies(),
    getTranslations("notificationPreferences"),
    getTranslations("roles"),
  ]);
  const sections = await Promise.all(
    memberships.map(async (membership) => ({
      membership,
      preferences: await getNotificationPreferences({
        user,
        agency: { id: membership.agencyId },
        role: membership.role,
        clientCompany: membership.clientCompanyId ? { id: membership.clientCompanyId } : null,
      }),
    })),
  );

  return (
    <>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description")}</p>
      </header>
      {sections.length === 0 && <p className="text-sm text-muted-foreground">{t("noAgencies")}</p>}
      {sections.map(({ membership, preferences }) => (
        <section key={membership.agencyId} aria-labelledby={`notifications-${membership.slug}`} className="mb-10">
          <h2 id={`notifications-${membership.slug}`} className="mb-3 flex flex-wrap items-center gap-2 text-lg font-semibold">
            {membership.name}
            <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground">{tRoles(membership.role)}</span>
          </h2>
          <NotificationPreferencesForm
            agencySlug={membership.slug}
            agencyName={membership.name}
            preferences={preferences}
            clientAdmin={membership.role === "client_admin"}
          />
        </section>
      ))}
    </>
  );
}
