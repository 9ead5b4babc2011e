import { FileText } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.documents");
  return { title: t("title") };
}

export default async function DocumentsPage({ params }: { params: Promise<{ agency: string }> }) {
  await requireSection((await params).agency, "documents");
  const t = await getTranslations("pages.documents");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState Icon={FileText} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
