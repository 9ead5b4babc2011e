"use client";

import { Briefcase, CalendarOff, CalendarPlus, ChevronLeft, ChevronRight, ExternalLink, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useId, useState } from "react";
import { addNationalYearAction } from "@/app/(app)/[agency]/settings/holidays/actions";
import { EmptyState } from "@/components/empty-state";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { festivalNameEn } from "@/lib/registration/holidays";
import type { Holiday, HolidayYear } from "@/lib/registration/holidays-schemas";
import { HolidayDialog, RemoveHolidayDialog, useDayLabel } from "./holiday-dialogs";

type OpenDialog = { kind: "add" } | { kind: "edit"; day: Holiday } | { kind: "remove"; day: Holiday };

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";

/**
 * The holiday calendar of one year: which year (links that keep it in the URL), the
 * State Council notice it follows, its days with their kind and source, and the dialogs
 * that add, change and remove them. Each change revalidates the page, so the table
 * arrives fresh with the answer.
 */
export function HolidaysManager({ agencySlug, calendar, years }: { agencySlug: string; calendar: HolidayYear; years: number[] }) {
  const t = useTranslations("holidays");
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const done = useCallback((text: string) => {
    setDialog(null);
    setToast({ id: Date.now(), text, tone: "success" });
  }, []);
  const { year, data } = calendar;
  const holidays = data.filter((day) => day.kind === "holiday").length;
  const workdays = data.length - holidays;
  const common = { agencySlug, onClose: close, onDone: done };

  return (
    <section aria-labelledby="holiday-calendar">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="holiday-calendar" className="text-sm font-semibold">
            {t("calendar.heading")}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{t("calendar.body")}</p>
        </div>
        <button type="button" onClick={() => setDialog({ kind: "add" })} className={buttonClass.primary}>
          <CalendarPlus aria-hidden="true" className="size-4" />
          {t("actions.add")}
        </button>
      </div>

      <YearNav agencySlug={agencySlug} year={year} years={years} />
      <NoticeCard agencySlug={agencySlug} calendar={calendar} onDone={done} />

      {data.length === 0 ? (
        <EmptyState Icon={CalendarOff} headingLevel={3} title={t("empty.title", { year })} body={t("empty.body", { year })}>
          <button type="button" onClick={() => setDialog({ kind: "add" })} className={buttonClass.secondary}>
            <CalendarPlus aria-hidden="true" className="size-4" />
            {t("actions.add")}
          </button>
        </EmptyState>
      ) : (
        <>
          <p className="mt-5 mb-2 text-xs text-muted-foreground tabular-nums">{t("calendar.summary", { holidays, workdays })}</p>
          <DaysTable
            days={data}
            year={year}
            onEdit={(day) => setDialog({ kind: "edit", day })}
            onRemove={(day) => setDialog({ kind: "remove", day })}
          />
        </>
      )}

      {dialog?.kind === "add" && <HolidayDialog {...common} day={null} />}
      {dialog?.kind === "edit" && <HolidayDialog {...common} day={dialog.day} />}
      {dialog?.kind === "remove" && <RemoveHolidayDialog {...common} day={dialog.day} />}
      <Toast message={toast} onDismiss={dismissToast} />
    </section>
  );
}

/** The years as links (?year=…), with the previous and next year at the ends. */
function YearNav({ agencySlug, year, years }: { agencySlug: string; year: number; years: number[] }) {
  const t = useTranslations("holidays.year");
  const href = (y: number) => `/${agencySlug}/settings/holidays?year=${y}`;
  const pill = "inline-flex h-8 items-center rounded-md px-2.5 text-sm tabular-nums transition-colors";
  return (
    <nav aria-label={t("label")} className="mt-4 flex flex-wrap items-center gap-1">
      <Link href={href(year - 1)} aria-label={t("previous", { year: year - 1 })} className={buttonClass.icon}>
        <ChevronLeft aria-hidden="true" className="size-4" />
      </Link>
      <ul className="flex flex-wrap gap-1">
        {years.map((y) => (
          <li key={y}>
            <Link
              href={href(y)}
              aria-current={y === year ? "page" : undefined}
              className={cn(
                pill,
                y === year ? "bg-primary font-medium text-primary-foreground" : "text-muted-foreground hover:bg-accent hover:text-accent-foreground",
              )}
            >
              {y}
            </Link>
          </li>
        ))}
      </ul>
      <Link href={href(year + 1)} aria-label={t("next", { year: year + 1 })} className={buttonClass.icon}>
        <ChevronRight aria-hidden="true" className="size-4" />
      </Link>
    </nav>
  );
}

/** Where the year's days come from, and the national days the agency's calendar lacks, to add in one go. */
function NoticeCard({ agencySlug, calendar, onDone }: { agencySlug: string; calendar: HolidayYear; onDone: (text: string) => void }) {
  const t = useTranslations("holidays");
  const say = useCatalogue();
  const format = useFormatter();
  const { pending, failure, run } = useAction();
  const { year, notice, nationalMissing } = calendar;

  function addMissing() {
    if (pending) return;
    run(
      () => addNationalYearAction(agencySlug, { year }),
      (result) => onDone(t("done.imported", { count: result.added, year: result.year })),
    );
  }

  return (
    <div className="mt-4 rounded-xl border p-4 text-sm">
      {notice ? (
        <p className="text-muted-foreground">
          {t("notice.source", {
            title: notice.title,
            number: notice.number,
            date: format.dateTime(new Date(`${notice.date}T00:00:00Z`), { timeZone: "UTC", dateStyle: "long" }),
          })}{" "}
          <a
            href={notice.url}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
          >
            {t("notice.link")}
            <ExternalLink aria-hidden="true" className="size-3.5" />
            <span className="sr-only">{t("notice.opensNewTab")}</span>
          </a>
        </p>
      ) : (
        <p className="text-muted-foreground">{t("notice.none", { year })}</p>
      )}
      {nationalMissing > 0 && (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-md bg-muted px-3 py-2">
          <p>{t("notice.missing", { count: nationalMissing, year })}</p>
          <button type="button" onClick={addMissing} disabled={pending} className={buttonClass.secondary}>
            {t("notice.addMissing", { count: nationalMissing })}
          </button>
        </div>
      )}
      {failure && (
        <div className="mt-3">
          <FormAlert>{say(failure.message)}</FormAlert>
        </div>
      )}
    </div>
  );
}

function KindBadge({ kind }: { kind: Holiday["kind"] }) {
  const t = useTranslations("holidays.kinds");
  const Icon = kind === "holiday" ? CalendarOff : Briefcase;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        kind === "holiday"
          ? "border-rose-200 bg-rose-50 text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200"
          : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200",
      )}
    >
      <Icon aria-hidden="true" className="size-3" />
      {t(kind)}
    </span>
  );
}

function DaysTable({
  days,
  year,
  onEdit,
  onRemove,
}: {
  days: Holiday[];
  year: number;
  onEdit: (day: Holiday) => void;
  onRemove: (day: Holiday) => void;
}) {
  const t = useTranslations("holidays");
  const locale = useLocale();
  const dayLabel = useDayLabel();
  const captionId = useId();
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[32rem] border-separate border-spacing-0 text-sm">
        <caption id={captionId} className="sr-only">
          {t("table.caption", { year })}
        </caption>
        <thead className="bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>
              {t("table.date")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.kind")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.name")}
            </th>
            <th scope="col" className={`${headClass} hidden md:table-cell`}>
              {t("table.source")}
            </th>
            <th scope="col" className={headClass}>
              <span className="sr-only">{t("table.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => {
            const label = dayLabel(day.date);
            const english = locale === "en" ? festivalNameEn(day.name) : null;
            return (
              <tr key={day.date} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
                <th scope="row" className={`${cellClass} text-left font-medium whitespace-nowrap tabular-nums`}>
                  <time dateTime={day.date}>{label}</time>
                </th>
                <td className={cellClass}>
                  <KindBadge kind={day.kind} />
                </td>
                <td className={`${cellClass} whitespace-nowrap`}>
                  <span lang={english ? "zh-CN" : undefined}>{day.name}</span>
                  {english && <span className="ml-1.5 text-muted-foreground">{english}</span>}
                </td>
                <td className={`${cellClass} hidden whitespace-nowrap text-muted-foreground md:table-cell`}>
                  {day.national ? t("source.national") : t("source.agency")}
                </td>
                <td className={`${cellClass} text-right whitespace-nowrap`}>
                  <button type="button" onClick={() => onEdit(day)} aria-label={t("actions.edit", { date: label })} className={buttonClass.icon}>
                    <Pencil aria-hidden="true" className="size-4" />
                  </button>
                  <button
                    type="button"
                    onClick={() => onRemove(day)}
                    aria-label={t("actions.delete", { date: label })}
                    className={buttonClass.icon}
                  >
                    <Trash2 aria-hidden="true" className="size-4" />
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
