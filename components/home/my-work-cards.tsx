"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { badgeClass, CardFace } from "@/components/registrations/card-face";
import { useBoardFormat, useCalendar, type CalendarDays } from "@/components/registrations/format";
import { cn } from "@/components/ui/cn";
import type { BoardCard } from "@/lib/registration/board";

/**
 * One group's cards on the home page: the board's card face (issue 7 §3), each a link to
 * the card's page (Tab reaches it, Enter opens it), with its stage and pipeline above.
 */
export function MyWorkCards({
  agencySlug,
  cards,
  timeZone,
  now,
  calendarDays,
}: {
  agencySlug: string;
  cards: BoardCard[];
  timeZone: string;
  now: string;
  calendarDays: CalendarDays;
}) {
  const tStages = useTranslations("portal.stages");
  const tPipelines = useTranslations("clientsList.pipelines");
  const calendar = useCalendar(calendarDays);
  const format = useBoardFormat(timeZone, now, calendar);
  return (
    <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-3">
      {cards.map((card) => (
        <li key={card.id} data-card-id={card.id} data-pipeline={card.pipeline} className="min-w-0">
          <Link
            href={`/${agencySlug}/registrations/${card.id}`}
            className="block h-full rounded-lg border bg-background p-3 text-foreground shadow-xs outline-none hover:border-foreground/30 focus-visible:ring-2 focus-visible:ring-ring"
          >
            <div className="mb-2 flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
              <span className={cn(badgeClass, "border-border bg-muted/60 text-foreground")}>{tStages(card.stage)}</span>
              <span className="truncate">{tPipelines(card.pipeline)}</span>
            </div>
            <CardFace card={card} format={format} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
