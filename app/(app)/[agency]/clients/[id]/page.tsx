import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import {
  CompanyHeader,
  CompanyTabs,
  NotesSection,
  OverviewSection,
  PeopleSection,
  TimelineSection,
} from "@/components/clients/company-detail";
import { companyTabOf } from "@/components/clients/company-detail-labels";
import { SavedNotice } from "@/components/clients/company-detail-notice";
import { TeamCard } from "@/components/clients/team-card";
import { AccountsTab } from "@/components/accounts/accounts-tab";
import { CompanyDocumentsTab } from "@/components/documents/company-documents";
import { AddPersonButton } from "@/components/people/add-person-dialog";
import { getCompanyDetail, type CompanyDetail } from "@/lib/clients/detail";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../../require-section";

type Params = Promise<{ agency: string; id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// A fixed title: a title that waited on the database would stream in after the page, and
// the browser, finding no icon yet, would ask for /favicon.ico (which reaches the agency route).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clientPage");
  return { title: t("title") };
}

/**
 * One client company (issue 6 §8): overview, people, accounts and registrations,
 * documents, internal notes and timeline, one tab at a time (`?tab=`, so a link
 * restores the view). Another agency's company, or an id that is not one: 404 (the
 * layout answers it before the page streams; the page checks again).
 */
export default async function ClientPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { agency: slug, id } = await params;
  const query = await searchParams;
  const context = await requireSection(slug, "clients");
  let detail: CompanyDetail;
  try {
    detail = await getCompanyDetail(context, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const tab = companyTabOf(query.tab);
  const saved = query.saved === "created" || query.saved === "updated" ? query.saved : null;
  const { agency, role } = context;
  const timeZone = agency.timeZone;

  return (
    <>
      <CompanyHeader company={detail.company} agencySlug={agency.slug} canEdit={can(role, "client:update")} />
      <CompanyTabs
        agencySlug={agency.slug}
        companyId={detail.company.id}
        current={tab}
        counts={{
          people: detail.people.length,
          accounts: detail.accounts.length,
          documents: detail.documentRequests.length + detail.documents.length,
          notes: detail.notes.length,
        }}
      />
      {tab === "overview" && <OverviewSection detail={detail} timeZone={timeZone} />}
      {tab === "overview" && <TeamCard context={context} companyId={detail.company.id} />}
      {tab === "people" && (
        <PeopleSection
          detail={detail}
          agencySlug={agency.slug}
          actions={can(role, "person:write") && <AddPersonButton agencySlug={agency.slug} clientCompanyId={detail.company.id} />}
        />
      )}
      {tab === "accounts" && <AccountsTab context={context} detail={detail} />}
      {tab === "documents" && <CompanyDocumentsTab context={context} detail={detail} />}
      {tab === "notes" && (
        <NotesSection detail={detail} agencySlug={agency.slug} canWrite={can(role, "note:write")} timeZone={timeZone} />
      )}
      {tab === "timeline" && <TimelineSection detail={detail} timeZone={timeZone} />}
      {saved && <SavedNotice saved={saved} />}
    </>
  );
}
