import { Bell } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.notifications");
  return { title: t("title") };
}

export default async function NotificationsPage({ params }: { params: Promise<{ agency: string }> }) {
  await requireSection((await params).agency, "notifications");
  const t = await getTranslations("pages.notifications");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState Icon={Bell} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
