import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdvanceOnDocumentsSetting } from "@/components/documents/advance-on-documents-setting";
import { PageHeader } from "@/components/page-header";
import { DeadlineSettings } from "@/components/settings/holidays/deadline-settings";
import { HolidaysManager } from "@/components/settings/holidays/holidays-manager";
import { SettingsNav } from "@/components/settings/settings-nav";
import { clock } from "@/lib/clock";
import { getAdvanceOnDocuments } from "@/lib/documents/document-page";
import { localDate } from "@/lib/registration/calendar";
import { nationalYears } from "@/lib/registration/holidays";
import { HOLIDAY_YEARS, holidayYearSchema } from "@/lib/registration/holidays-schemas";
import { getFollowUpDays, getStaleAfterDays, listCalendarYears, listHolidayYear } from "@/lib/registration/holidays-service";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("holidays.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The agency's holiday calendar, one year at a time (?year=2026, this year by default),
 * and the deadlines each stage sets. Owners and admins only, like every settings page.
 */
export default async function HolidaysPage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "settings");
  const { agency } = membership;
  const thisYear = Number(localDate(clock.now(), agency.timeZone).slice(0, 4));
  const asked = (await searchParams).year;
  const parsed = holidayYearSchema.safeParse(typeof asked === "string" ? asked : undefined);
  const year = parsed.success ? parsed.data : thisYear;

  const [calendar, agencyYears, followUpDays, staleAfterDays, advanceOnDocuments] = await Promise.all([
    listHolidayYear(membership, { year }),
    listCalendarYears(membership),
    getFollowUpDays(membership),
    getStaleAfterDays(membership),
    getAdvanceOnDocuments(membership),
  ]);
  // The years worth a link: those with days (the agency's or the national calendar's), this year and the next.
  const years = [...new Set([...agencyYears, ...nationalYears.map((entry) => entry.year), thisYear, thisYear + 1, year])]
    .filter((y) => y >= HOLIDAY_YEARS.min && y <= HOLIDAY_YEARS.max)
    .sort((a, b) => a - b);
  const t = await getTranslations("holidays.page");
  const tSettings = await getTranslations("pages.settings");

  return (
    <>
      <PageHeader title={tSettings("title")} description={t("description")} />
      <SettingsNav agencySlug={agency.slug} current="holidays" />
      <HolidaysManager agencySlug={agency.slug} calendar={calendar} years={years} />
      <DeadlineSettings agencySlug={agency.slug} timeZone={agency.timeZone} overseasFollowUpDays={followUpDays} staleAfterDays={staleAfterDays} />
      <AdvanceOnDocumentsSetting agencySlug={agency.slug} value={advanceOnDocuments} canManage={can(membership.role, "settings:manage")} />
    </>
  );
}
