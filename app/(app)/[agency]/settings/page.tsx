import type { Metadata } from "next";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { DangerZone } from "@/components/settings/danger-zone";
import { SecuritySettings } from "@/components/settings/security-settings";
import { SettingsNav } from "@/components/settings/settings-nav";
import { StaffRestrictionSetting } from "@/components/settings/staff-restriction-setting";
import { WecomRobotSetting } from "@/components/settings/wecom-robot-setting";
import { getStaffRestriction } from "@/lib/clients/team";
import { PURGE_AFTER_DAYS } from "@/lib/members/service";
import { can } from "@/lib/rbac/permissions";
import { getRobotSetting } from "@/lib/reminders/robot-settings";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.settings");
  return { title: t("title") };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function SettingsPage({ params }: { params: Promise<{ agency: string }> }) {
  const { agency, role, user } = await requireSection((await params).agency, "settings");
  const t = await getTranslations("pages.settings");
  // The agency's language is named in that language, as in the language switcher.
  const tLanguage = await getTranslations({ locale: agency.defaultLocale, namespace: "language" });
  const format = await getFormatter();
  const now = await getNow();
  const agencyPath = `/${agency.slug}`;
  const { restrictStaffToAssigned } = await getStaffRestriction({ agency, user });
  const robot = await getRobotSetting({ agency, user, role });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsNav agencySlug={agency.slug} current="agency" />
      <section aria-labelledby="agency-profile">
        <h2 id="agency-profile" className="mb-3 text-sm font-semibold">
          {t("profileHeading")}
        </h2>
        <dl className="divide-y rounded-xl border text-sm">
          <Row label={t("name")}>{agency.name}</Row>
          <Row label={t("slug")}>{agencyPath}</Row>
          <Row label={t("defaultLanguage")}>
            <span lang={agency.defaultLocale}>{tLanguage("self")}</span>
          </Row>
          <Row label={t("timeZone")}>
            {agency.timeZone}
            <span className="ml-1.5 text-muted-foreground before:mr-1.5 before:content-['·']">
              {t("localTime", {
                time: format.dateTime(now, { timeStyle: "short", timeZone: agency.timeZone }),
              })}
            </span>
          </Row>
        </dl>
      </section>
      <SecuritySettings
        agencySlug={agency.slug}
        requireTotpForAdmins={agency.requireTotpForAdmins}
        canManage={can(role, "settings:manage")}
        userHasTotp={user.totpEnabled}
      />
      <StaffRestrictionSetting
        agencySlug={agency.slug}
        restrictStaffToAssigned={restrictStaffToAssigned}
        canManage={can(role, "settings:manage")}
      />
      <WecomRobotSetting agencySlug={agency.slug} setting={robot} canManage={can(role, "settings:manage")} />
      {can(role, "agency:delete") && (
        <DangerZone agencySlug={agency.slug} agencyName={agency.name} purgeDays={PURGE_AFTER_DAYS} />
      )}
    </>
  );
}
