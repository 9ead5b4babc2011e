import { CalendarDays, House } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import { requireSection } from "./require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.home");
  return { title: t("title") };
}

export default async function HomePage({ params }: { params: Promise<{ agency: string }> }) {
  const { agency } = await requireSection((await params).agency, "");
  const t = await getTranslations("pages.home");
  const format = await getFormatter();
  const now = await getNow();

  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        {/* Deadlines fall on the agency's calendar, so "today" is the agency's today. */}
        <p className="mt-3 inline-flex items-center gap-1.5 text-xs text-muted-foreground">
          <CalendarDays aria-hidden="true" className="size-3.5" />
          <time dateTime={now.toISOString()}>
            {format.dateTime(now, { dateStyle: "full", timeZone: agency.timeZone })}
          </time>
        </p>
      </PageHeader>
      <EmptyState Icon={House} title={t("emptyTitle")} body={t("emptyBody")}>
        <Link href={`/${agency.slug}/registrations`} className={buttonClass.secondary}>
          {t("emptyAction")}
        </Link>
      </EmptyState>
    </>
  );
}
