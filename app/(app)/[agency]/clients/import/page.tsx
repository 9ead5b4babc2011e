import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ImportClients } from "@/components/clients/import-clients";
import { PageHeader } from "@/components/page-header";
import { requireStaffPermission } from "@/lib/auth/session";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/clients/import";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clientImport");
  return { title: t("title") };
}

/** Importing clients from CSV (issue 6 §7): owners, admins and staff (managers change nothing: 404, as for the form). */
export default async function ImportClientsPage({ params }: { params: Promise<{ agency: string }> }) {
  const context = await requireStaffPermission((await params).agency, "client:create");
  const t = await getTranslations("clientImport");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ImportClients agencySlug={context.agency.slug} maxBytes={MAX_IMPORT_BYTES} maxRows={MAX_IMPORT_ROWS} />
    </>
  );
}
