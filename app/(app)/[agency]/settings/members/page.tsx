import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MembersManager } from "@/components/members/members-manager";
import { parseMembersView } from "@/components/members/members-view-state";
import { PageHeader } from "@/components/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { clock } from "@/lib/clock";
import { locales } from "@/lib/i18n/config";
import {
  INVITATION_DAYS,
  listCompanyOptions,
  listMembers,
  listPendingInvitations,
} from "@/lib/members/service";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../../require-section";

/** How many client companies the invitation form lists (by name; its search box narrows them). */
const COMPANY_OPTIONS = 200;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: SearchParams;
}) {
  const membership = await requireSection((await params).agency, "settings");
  if (!can(membership.role, "member:manage")) notFound();
  const { agency } = membership;
  const [members, invitations, companies, view] = await Promise.all([
    listMembers(membership),
    listPendingInvitations(membership),
    listCompanyOptions(membership, "", COMPANY_OPTIONS),
    searchParams.then(parseMembersView),
  ]);
  const t = await getTranslations("members.page");
  const tSettings = await getTranslations("pages.settings");
  // Each language is named in itself, as in the language switcher.
  const languages = await Promise.all(
    locales.map(async (locale) => ({
      value: locale,
      label: (await getTranslations({ locale, namespace: "language" }))("self"),
    })),
  );

  return (
    <>
      <PageHeader title={tSettings("title")} description={t("description", { agency: agency.name })}>
        <p className="mt-1 text-xs text-muted-foreground">{t("timeZone", { timeZone: agency.timeZone })}</p>
      </PageHeader>
      <SettingsNav agencySlug={agency.slug} current="members" />
      <MembersManager
        agencySlug={agency.slug}
        agencyName={agency.name}
        viewer={{ membershipId: membership.membershipId, role: membership.role }}
        members={members}
        invitations={invitations}
        companies={companies}
        companyLimit={COMPANY_OPTIONS}
        languages={languages}
        defaultLocale={agency.defaultLocale}
        invitationDays={INVITATION_DAYS}
        timeZone={agency.timeZone}
        now={clock.now()}
        initialView={view}
      />
    </>
  );
}
