import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CompanyForm } from "@/components/clients/company-form";
import { kindsInOtherLanguage } from "@/components/clients/company-form-server";
import { PageHeader } from "@/components/page-header";
import { requireStaffPermission } from "@/lib/auth/session";
import { listAssigneeOptions } from "@/lib/clients/detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clientForm");
  return { title: t("newTitle") };
}

/** Adding a client company: owners, admins and staff (managers change nothing: 404, as the layout answers). */
export default async function NewClientPage({ params }: { params: Promise<{ agency: string }> }) {
  const context = await requireStaffPermission((await params).agency, "client:create");
  const [t, assignees, otherLanguage] = await Promise.all([
    getTranslations("clientForm"),
    listAssigneeOptions(context),
    kindsInOtherLanguage(),
  ]);
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <CompanyForm agencySlug={context.agency.slug} assignees={assignees} timeZone={context.agency.timeZone} otherLanguage={otherLanguage} />
    </>
  );
}
