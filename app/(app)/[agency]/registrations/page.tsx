import { SquareKanban } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.registrations");
  return { title: t("title") };
}

export default async function RegistrationsPage({ params }: { params: Promise<{ agency: string }> }) {
  await requireSection((await params).agency, "registrations");
  const t = await getTranslations("pages.registrations");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState Icon={SquareKanban} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
