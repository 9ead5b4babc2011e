import { UsersRound } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.people");
  return { title: t("title") };
}

export default async function PeoplePage() {
  const t = await getTranslations("pages.people");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState Icon={UsersRound} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
