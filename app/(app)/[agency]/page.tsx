import { CalendarDays } from "lucide-react";
import type { Metadata } from "next";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { MyWorkSections, MyWorkSkeleton } from "@/components/home/my-work";
import { PageHeader } from "@/components/page-header";
import { requireSection } from "./require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.home");
  return { title: t("title") };
}

/**
 * The staff home, "My work" (issue 7 §6): the member's own open cards by urgency, or the
 * agency's overdue and due-today cards per pipeline when none are theirs. A client
 * administrator never lands here: requireSection sends them to the portal.
 */
export default async function HomePage({ params }: { params: Promise<{ agency: string }> }) {
  const membership = await requireSection((await params).agency, "");
  const { agency } = membership;
  const t = await getTranslations("pages.home");
  const format = await getFormatter();
  const now = await getNow();

  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        {/* Deadlines fall on the agency's calendar, so "today" is the agency's today. */}
        <p className="mt-3 inline-flex items-center gap-1.5 text-xs text-muted-foreground">
          <CalendarDays aria-hidden="true" className="size-3.5" />
          <time dateTime={now.toISOString()}>{format.dateTime(now, { dateStyle: "full", timeZone: agency.timeZone })}</time>
        </p>
      </PageHeader>
      {/* The header shows at once; the cards stream in behind their skeleton. */}
      <Suspense fallback={<MyWorkSkeleton />}>
        <MyWorkSections membership={membership} />
      </Suspense>
    </>
  );
}
