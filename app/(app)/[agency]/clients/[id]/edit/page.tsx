import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CompanyForm } from "@/components/clients/company-form";
import { companyDisplayName } from "@/components/clients/company-detail-labels";
import { PageHeader } from "@/components/page-header";
import { kindsInOtherLanguage } from "@/components/clients/company-form-server";
import { requireStaffPermission } from "@/lib/auth/session";
import { listAssigneeOptions, loadCompany } from "@/lib/clients/detail";
import { serialiseCompany, type Company } from "@/lib/clients/service";
import { AppError } from "@/lib/errors";

type Params = Promise<{ agency: string; id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clientForm");
  return { title: t("editTitle") };
}

/**
 * Editing a client company: owners, admins and staff. The form carries the version it
 * was opened at, so a save that someone else's overtook is shown, never applied blindly.
 */
export default async function EditClientPage({ params }: { params: Params }) {
  const { agency: slug, id } = await params;
  const context = await requireStaffPermission(slug, "client:update");
  let company: Company;
  try {
    company = await loadCompany(context, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const [t, assignees, otherLanguage] = await Promise.all([
    getTranslations("clientForm"),
    listAssigneeOptions(context),
    kindsInOtherLanguage(),
  ]);
  return (
    <>
      <PageHeader title={t("editTitle")} description={t("editDescription", { name: companyDisplayName(company) })} />
      <CompanyForm
        agencySlug={context.agency.slug}
        assignees={assignees}
        company={serialiseCompany(company)}
        timeZone={context.agency.timeZone}
        otherLanguage={otherLanguage}
      />
    </>
  );
}
