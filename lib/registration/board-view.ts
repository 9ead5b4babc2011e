/**
 * The registrations board's view as the URL carries it (issue 7 §3, ux.md: every view has
 * a URL that restores it), and the due-date arithmetic the board shows in the agency's time
 * zone (ux.md: times in the agency's time zone): "overdue" is past its due instant, "due
 * soon" falls on today or the next two calendar days there.
 *
 * Pure and without zod, so client components (the board, its filter bar, the dashboard's
 * links) import it without the validation library in their first-load JavaScript
 * (docs/decisions/0022-first-load-js.md); lib/registration/board-query.ts reads the URL
 * with its schema and re-exports all of this.
 */
import { pipelineStages, sideStages, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import type { BoardQuery } from "./board-query";

export type { BoardQuery };

/** Cards each column shows at first, and each "load more" adds. */
export const COLUMN_PAGE_SIZE = 20;
/** Rows a page of the list view shows. */
export const LIST_PAGE_SIZE = 50;
/** "Due soon": due today or within this many calendar days after it, in the agency's time zone. */
export const DUE_SOON_DAYS = 2;
/** The longest "due within N days" the URL may ask for (?within=, the dashboard's deadlines link). */
export const DUE_WITHIN_MAX_DAYS = 90;

export const boardViews = ["board", "list"] as const;
export type BoardViewKind = (typeof boardViews)[number];

export const waitingFilters = ["any", "client", "wechat"] as const;
export type WaitingFilter = (typeof waitingFilters)[number];

/** The account types a card can be filtered by (Official Accounts; a WeCom corp has none). */
export const boardTypeFilters = ["service", "subscription"] as const;
export type BoardTypeFilter = (typeof boardTypeFilters)[number];

/** Every stage and side state a card of `pipeline` may stand in: the board's columns, in order. */
export function boardColumns(pipeline: Pipeline): Stage[] {
  return [...(pipelineStages[pipeline] as readonly Stage[]), ...sideStages];
}

/** What filters the cards (not the pipeline, the view, the page or the open card). */
export type BoardFilters = Pick<BoardQuery, "assignee" | "client" | "overdue" | "soon" | "within" | "waiting" | "type" | "stale">;
export const boardFilterKeys = ["assignee", "client", "overdue", "soon", "within", "waiting", "type", "stale"] as const satisfies readonly (keyof BoardFilters)[];

export function hasBoardFilters(query: BoardQuery): boolean {
  return boardFilterKeys.some((key) => query[key] !== undefined);
}

/** The URL's search part for `query`: only what differs from the defaults, in a stable order. */
export function boardSearchParams(query: Partial<BoardQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.pipeline && query.pipeline !== "oa_cn_org") params.set("pipeline", query.pipeline);
  if (query.view && query.view !== "board") params.set("view", query.view);
  for (const key of boardFilterKeys) {
    const value = query[key];
    if (value === undefined) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  if (query.view === "list" && query.stage) params.set("stage", query.stage);
  if (query.view === "list" && query.after) params.set("after", query.after);
  if (query.card) params.set("card", query.card);
  return params;
}

export function boardHref(agencySlug: string, query: Partial<BoardQuery>): string {
  const search = boardSearchParams(query).toString();
  return `/${agencySlug}/registrations${search ? `?${search}` : ""}`;
}

/* ------------------------------------------------------------------ stale */

/** The agency's default stale threshold, in days (agencies.stale_after_days). */
export const DEFAULT_STALE_AFTER_DAYS = 14;
export const STALE_AFTER_DAYS_RANGE = { min: 1, max: 180 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The stages a card can be stale in: every working stage but the final one (side states never). */
export function staleableStages(pipeline: Pipeline): Stage[] {
  return (pipelineStages[pipeline] as readonly Stage[]).slice(0, -1);
}

/**
 * Stale (issue 7 §4): idle in a working stage, not the final one nor a side state, for more
 * than `staleAfterDays` days since it entered it.
 */
export function isStale(card: { pipeline: Pipeline; stage: Stage; stageEnteredAt: string | Date }, staleAfterDays: number, now: Date): boolean {
  if (!staleableStages(card.pipeline).includes(card.stage)) return false;
  return now.getTime() - new Date(card.stageEnteredAt).getTime() > staleAfterDays * DAY_MS;
}

/* ------------------------------------------------------------ time zones */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function formatFor(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar date at `at` in `timeZone`, as "YYYY-MM-DD". */
export function zonedDate(at: Date, timeZone: string): string {
  return formatFor(dateFormats, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function zoneOffset(at: Date, timeZone: string): number {
  const parts = formatFor(partFormats, timeZone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the calendar day `isoDate` begins in `timeZone`. */
export function startOfZonedDay(isoDate: string, timeZone: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffset(new Date(guess), timeZone);
  // Across a change of offset (daylight saving), the offset at the result is the one that counts.
  return new Date(guess - zoneOffset(new Date(first), timeZone));
}

/** `isoDate` moved by `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Calendar days from the local date of `from` to that of `to` in `timeZone` (negative: `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = Date.parse(`${zonedDate(from, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${zonedDate(to, timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The instant "due soon" ends: the start of the day DUE_SOON_DAYS + 1 after today in `timeZone`. */
export function dueSoonLimit(now: Date, timeZone: string): Date {
  return startOfZonedDay(addDays(zonedDate(now, timeZone), DUE_SOON_DAYS + 1), timeZone);
}

/** The instant "due within `days` days" ends: `days` 24-hour days after `now`. */
export function dueWithinLimit(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export type DueState = "overdue" | "soon" | null;

/** Overdue (past its due instant), due soon (today or the next two days, locally), or neither. */
export function dueStateOf(dueAt: Date | string | null, now: Date, timeZone: string): DueState {
  if (!dueAt) return null;
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return "overdue";
  return due.getTime() < dueSoonLimit(now, timeZone).getTime() ? "soon" : null;
}
