import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CardPage } from "@/components/registrations/card-hosts";
import { buttonClass } from "@/components/ui/button-styles";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/rbac/permissions";
import { boardHref } from "@/lib/registration/board-query";
import { getCardDetail, type CardDetail } from "@/lib/registration/card-detail";
import { calendarFor } from "@/lib/registration/holidays-service";
import { requireSection } from "../../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.registrations");
  return { title: t("title") };
}

/**
 * One registration card as a page of its own (issue 7 §5; ux.md: the drawer over the board
 * is also a page): what the drawer shows, with a way back to the card's board.
 */
export default async function RegistrationPage({ params }: { params: Promise<{ agency: string; id: string }> }) {
  const { agency, id } = await params;
  const membership = await requireSection(agency, "registrations");
  let detail: CardDetail;
  try {
    detail = await getCardDetail(membership, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const t = await getTranslations("board.drawer");
  const { slug, timeZone } = membership.agency;
  const year = new Date(detail.readAt).getUTCFullYear();
  const calendar = await calendarFor(membership, year, year + 1);
  const calendarDays = { holidays: [...calendar.holidays].sort(), workdays: [...calendar.workdays].sort() };
  const viewer = { userId: membership.user.id, role: membership.role, canMove: can(membership.role, "registration:move") };

  return (
    <div className="max-w-3xl">
      <Link href={boardHref(slug, { pipeline: detail.card.pipeline, card: detail.card.id })} className={`${buttonClass.ghost} -ml-2 mb-3`}>
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("back")}
      </Link>
      <CardPage agencySlug={slug} detail={detail} timeZone={timeZone} calendarDays={calendarDays} viewer={viewer} />
    </div>
  );
}
