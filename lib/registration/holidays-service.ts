/**
 * An agency's holiday calendar (the holidays table): its public holidays and make-up
 * working days, which deadlines count business days by (design.md §5). Every agency
 * starts with a copy of the national calendar (copyNationalCalendar, in the transaction
 * that creates it); owners and admins then add, change and remove days, or add the
 * national calendar of a year they lack, each change with an `agency.holidays_change`
 * audit event. Every staff-side role reads it (deadlines are read by all of them).
 *
 * Row-level security keeps each agency to its own rows (0002_security.sql); the queries
 * filter on agency_id as well, so another agency's day is simply not there (404).
 */
import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { agencies, holidays } from "@/db/schema";
import { readTenant, withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import type { z } from "@/lib/validation/zod";
import { businessCalendar, localDate, type BusinessCalendar } from "./calendar";
import { isNationalDay, nationalDays, nationalNotice, type HolidayDay } from "./holidays";
import {
  followUpDaysInputSchema,
  staleAfterDaysInputSchema,
  HOLIDAY_MESSAGES as m,
  holidayBodySchema,
  holidayDateSchema,
  holidayInputSchema,
  holidayListQuerySchema,
  nationalYearInputSchema,
  type Holiday,
  type HolidayYear,
} from "./holidays-schemas";

export type HolidaysActor = Pick<MembershipContext, "user" | "agency" | "role">;

const PRIMARY_KEY = "holidays_agency_id_date_pk";

function tenantOf(actor: HolidaysActor, readOnly = false): TenantContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: readOnly || actor.role === "manager" };
}

function refused(issues: readonly { path: readonly PropertyKey[]; message: string }[], what: string): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return new AppError("VALIDATION", `invalid ${what}: ${Object.keys(fields).join(", ")}`, { fields });
}

function parse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw refused(parsed.error.issues, what);
  return parsed.data;
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", "no such day in the calendar", { messageKey: m.notFound });
}

/** A day named by a path or a form: a date that is not one names no day (404, like an unknown one). */
function dayOf(raw: unknown): string {
  const parsed = holidayDateSchema.safeParse(raw);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

function dateTaken(): AppError {
  return new AppError("VALIDATION", "the date is in the calendar already", { fields: { date: m.dateTaken } });
}

function isPrimaryKeyViolation(error: unknown): boolean {
  const pg = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string };
  return pg?.code === "23505" && pg.constraint === PRIMARY_KEY;
}

function dto(row: HolidayDay): Holiday {
  return { date: row.date, kind: row.kind, name: row.name, national: isNationalDay(row) };
}

const columns = { date: holidays.date, kind: holidays.kind, name: holidays.name };

/* ------------------------------------------------------------------ reads */

/**
 * One year of the agency's calendar, by date, with the year's State Council notice and
 * how many of its national days the agency lacks. `year` defaults to this year in the
 * agency's time zone. Checks registration:read (every staff-side role).
 */
export async function listHolidayYear(actor: HolidaysActor, query: unknown = {}): Promise<HolidayYear> {
  assertCan(actor.role, "registration:read");
  const { year: asked } = parse(holidayListQuerySchema, query, "holiday year");
  const year = asked ?? Number(localDate(clock.now(), actor.agency.timeZone).slice(0, 4));
  const rows = await withTenant(tenantOf(actor, true), (tx) =>
    tx
      .select(columns)
      .from(holidays)
      .where(and(eq(holidays.agencyId, actor.agency.id), gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)))
      .orderBy(asc(holidays.date)),
  );
  const dates = new Set(rows.map((row) => row.date));
  return {
    year,
    notice: nationalNotice(year),
    nationalMissing: nationalDays([year]).filter((day) => !dates.has(day.date)).length,
    data: rows.map(dto),
  };
}

/** The years the agency's calendar has days in, oldest first. Checks registration:read. */
export async function listCalendarYears(actor: HolidaysActor): Promise<number[]> {
  assertCan(actor.role, "registration:read");
  const { rows } = await withTenant(tenantOf(actor, true), (tx) =>
    tx.execute<{ year: number }>(
      sql`select distinct extract(year from ${holidays.date})::int as year from ${holidays} where ${holidays.agencyId} = ${actor.agency.id} order by 1`,
    ),
  );
  return rows.map((row) => Number(row.year));
}

/**
 * The agency's business calendar for deadlines falling in `fromYear` to `toYear`, read
 * inside `tx` (the caller's tenant transaction, e.g. a card's move). Ask for a year more
 * than the entry's: a deadline set in late December often falls in January.
 */
export async function loadCalendar(tx: Tx, agencyId: string, fromYear: number, toYear: number): Promise<BusinessCalendar> {
  const rows = await tx
    .select({ date: holidays.date, kind: holidays.kind })
    .from(holidays)
    .where(and(eq(holidays.agencyId, agencyId), gte(holidays.date, `${fromYear}-01-01`), lte(holidays.date, `${toYear}-12-31`)));
  return businessCalendar(rows);
}

/** What a deadline needs besides the stage: the agency's calendar, time zone and overseas follow-up interval. */
export type DeadlineSettings = { calendar: BusinessCalendar; timeZone: string; overseasFollowUpDays: number };

/**
 * The agency's deadline settings for a card entering a stage at `enteredAt`, read inside
 * `tx` (the move's transaction): the calendar of that year and the next (no deadline
 * Weidesk sets runs longer), with the agency's time zone and follow-up interval, ready
 * to spread into dueAtOnEntering.
 */
export async function loadDeadlineSettings(tx: Tx, agencyId: string, enteredAt: Date): Promise<DeadlineSettings> {
  const [agency] = await tx
    .select({ timeZone: agencies.timeZone, overseasFollowUpDays: agencies.overseasFollowUpDays })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!agency) throw new AppError("NOT_FOUND", "agency not found");
  const year = Number(localDate(enteredAt, agency.timeZone).slice(0, 4));
  return { calendar: await loadCalendar(tx, agencyId, year, year + 1), ...agency };
}

/** loadCalendar read-only (in a page render, the render's shared read transaction: db/tenant.ts readTenant), for pages showing "in 2 business days". Checks registration:read. */
export async function calendarFor(actor: HolidaysActor, fromYear: number, toYear: number): Promise<BusinessCalendar> {
  assertCan(actor.role, "registration:read");
  return readTenant(tenantOf(actor, true), (tx) => loadCalendar(tx, actor.agency.id, fromYear, toYear));
}

/* ----------------------------------------------------------------- writes */

type Change = "add" | "edit" | "remove" | "import";

async function audit(tx: Tx, actor: HolidaysActor, change: Change, data: Record<string, unknown>, requestId: string | null) {
  await recordAudit(tx, {
    agencyId: actor.agency.id,
    actorUserId: actor.user.id,
    action: "agency.holidays_change",
    targetType: "agency",
    targetId: actor.agency.id,
    data: { change, ...data },
    requestId,
  });
}

/**
 * Adds `{ date, kind, name }` to the calendar. A make-up working day must be a Saturday
 * or Sunday; a date already in the calendar is refused on `date`. Checks settings:manage.
 */
export async function createHoliday(actor: HolidaysActor, raw: unknown, requestId: string | null = null): Promise<Holiday> {
  assertCan(actor.role, "settings:manage");
  const day = parse(holidayInputSchema, raw, "holiday");
  try {
    await withTenant(tenantOf(actor), async (tx) => {
      await tx.insert(holidays).values({ agencyId: actor.agency.id, ...day });
      await audit(tx, actor, "add", { date: day.date, kind: day.kind, name: day.name }, requestId);
    });
  } catch (error) {
    if (isPrimaryKeyViolation(error)) throw dateTaken();
    throw error;
  }
  return dto(day);
}

/**
 * Changes the day on `originalDate` to `{ date, kind, name }` (moving it when the date
 * differs). NOT_FOUND when the calendar has no such day; a new date already taken is
 * refused on `date`. Checks settings:manage.
 */
export async function updateHoliday(
  actor: HolidaysActor,
  originalDate: unknown,
  raw: unknown,
  requestId: string | null = null,
): Promise<Holiday> {
  assertCan(actor.role, "settings:manage");
  const original = dayOf(originalDate);
  const day = parse(holidayInputSchema, raw, "holiday");
  try {
    await withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select(columns)
        .from(holidays)
        .where(and(eq(holidays.agencyId, actor.agency.id), eq(holidays.date, original)))
        .for("update");
      if (!before) throw notFound();
      if (before.date === day.date && before.kind === day.kind && before.name === day.name) return;
      await tx
        .update(holidays)
        .set(day)
        .where(and(eq(holidays.agencyId, actor.agency.id), eq(holidays.date, original)));
      await audit(
        tx,
        actor,
        "edit",
        { date: day.date, kind: day.kind, name: day.name, fromDate: before.date, fromKind: before.kind, fromName: before.name },
        requestId,
      );
    });
  } catch (error) {
    if (isPrimaryKeyViolation(error)) throw dateTaken();
    throw error;
  }
  return dto(day);
}

/**
 * Sets the day on `date` to `{ kind, name }`, adding it when the calendar lacks it (the
 * API's PUT). `created` says which. Checks settings:manage.
 */
export async function putHoliday(
  actor: HolidaysActor,
  date: unknown,
  raw: unknown,
  requestId: string | null = null,
): Promise<{ holiday: Holiday; created: boolean }> {
  assertCan(actor.role, "settings:manage");
  const on = dayOf(date);
  const body = parse(holidayBodySchema, raw, "holiday");
  const day = parse(holidayInputSchema, { date: on, ...body }, "holiday");
  const created = await withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select(columns)
      .from(holidays)
      .where(and(eq(holidays.agencyId, actor.agency.id), eq(holidays.date, on)))
      .for("update");
    if (!before) {
      // Another request adding the same day at once: one inserts, the other changes nothing and edits below.
      const inserted = await tx
        .insert(holidays)
        .values({ agencyId: actor.agency.id, ...day })
        .onConflictDoNothing()
        .returning({ date: holidays.date });
      if (inserted.length > 0) {
        await audit(tx, actor, "add", { date: day.date, kind: day.kind, name: day.name }, requestId);
        return true;
      }
    }
    if (before && before.kind === day.kind && before.name === day.name) return false;
    await tx
      .update(holidays)
      .set({ kind: day.kind, name: day.name })
      .where(and(eq(holidays.agencyId, actor.agency.id), eq(holidays.date, on)));
    await audit(
      tx,
      actor,
      "edit",
      { date: day.date, kind: day.kind, name: day.name, fromKind: before?.kind ?? null, fromName: before?.name ?? null },
      requestId,
    );
    return false;
  });
  return { holiday: dto(day), created };
}

/** Removes the day on `date` from the calendar. NOT_FOUND when there is none. Checks settings:manage. */
export async function deleteHoliday(actor: HolidaysActor, date: unknown, requestId: string | null = null): Promise<void> {
  assertCan(actor.role, "settings:manage");
  const on = dayOf(date);
  await withTenant(tenantOf(actor), async (tx) => {
    const [removed] = await tx
      .delete(holidays)
      .where(and(eq(holidays.agencyId, actor.agency.id), eq(holidays.date, on)))
      .returning(columns);
    if (!removed) throw notFound();
    await audit(tx, actor, "remove", { date: removed.date, kind: removed.kind, name: removed.name }, requestId);
  });
}

/**
 * Adds the national calendar's days of `{ year }` that the agency's calendar lacks (a
 * date it has, whatever it says, is left as it is). VALIDATION on `year` when Weidesk
 * has no national calendar for it. Checks settings:manage.
 */
export async function addNationalYear(actor: HolidaysActor, raw: unknown, requestId: string | null = null): Promise<{ year: number; added: number }> {
  assertCan(actor.role, "settings:manage");
  const { year } = parse(nationalYearInputSchema, raw, "national year");
  const notice = nationalNotice(year);
  if (!notice) throw new AppError("VALIDATION", `no national calendar for ${year}`, { fields: { year: m.nationalYearMissing } });
  const added = await withTenant(tenantOf(actor), async (tx) => {
    const count = await insertNationalDays(tx, actor.agency.id, [year]);
    if (count > 0) await audit(tx, actor, "import", { year, added: count, notice: notice.number }, requestId);
    return count;
  });
  return { year, added };
}

async function insertNationalDays(tx: Tx, agencyId: string, years?: readonly number[]): Promise<number> {
  const days = nationalDays(years);
  if (days.length === 0) return 0;
  const inserted = await tx
    .insert(holidays)
    .values(days.map((day) => ({ agencyId, ...day })))
    .onConflictDoNothing()
    .returning({ date: holidays.date });
  return inserted.length;
}

/**
 * Copies the whole national calendar into a new agency's, inside `tx`: the transaction
 * that creates the agency, with app.agency_id already set to it. Returns the days added.
 */
export function copyNationalCalendar(tx: Tx, agencyId: string): Promise<number> {
  return insertNationalDays(tx, agencyId);
}

/* ------------------------------------------------------ deadline settings */

/** The agency's overseas follow-up interval in business days. Checks registration:read. */
export async function getFollowUpDays(actor: HolidaysActor): Promise<number> {
  assertCan(actor.role, "registration:read");
  const [row] = await withTenant(tenantOf(actor, true), (tx) =>
    tx.select({ days: agencies.overseasFollowUpDays }).from(agencies).where(eq(agencies.id, actor.agency.id)),
  );
  if (!row) throw new AppError("NOT_FOUND", "agency not found");
  return row.days;
}

/**
 * Sets `{ overseasFollowUpDays }` (1–60 business days), with an `agency.settings_change`
 * audit event when it changes. Checks settings:manage.
 */
export async function updateFollowUpDays(actor: HolidaysActor, raw: unknown, requestId: string | null = null): Promise<{ overseasFollowUpDays: number }> {
  assertCan(actor.role, "settings:manage");
  const { overseasFollowUpDays: next } = parse(followUpDaysInputSchema, raw, "follow-up interval");
  await withTenant(tenantOf(actor), async (tx) => {
    const [current] = await tx
      .select({ days: agencies.overseasFollowUpDays })
      .from(agencies)
      .where(eq(agencies.id, actor.agency.id))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "agency not found");
    if (current.days === next) return;
    await tx.update(agencies).set({ overseasFollowUpDays: next }).where(eq(agencies.id, actor.agency.id));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: actor.agency.id,
      data: { setting: "overseasFollowUpDays", from: current.days, to: next },
      requestId,
    });
  });
  return { overseasFollowUpDays: next };
}

/** The agency's stale threshold in days (issue 7 §4). Checks registration:read. */
export async function getStaleAfterDays(actor: HolidaysActor): Promise<number> {
  assertCan(actor.role, "registration:read");
  const [row] = await withTenant(tenantOf(actor, true), (tx) =>
    tx.select({ days: agencies.staleAfterDays }).from(agencies).where(eq(agencies.id, actor.agency.id)),
  );
  if (!row) throw new AppError("NOT_FOUND", "agency not found");
  return row.days;
}

/**
 * Sets `{ staleAfterDays }` (1–180 days), with an `agency.settings_change` audit event
 * when it changes. Checks settings:manage.
 */
export async function updateStaleAfterDays(actor: HolidaysActor, raw: unknown, requestId: string | null = null): Promise<{ staleAfterDays: number }> {
  assertCan(actor.role, "settings:manage");
  const { staleAfterDays: next } = parse(staleAfterDaysInputSchema, raw, "stale threshold");
  await withTenant(tenantOf(actor), async (tx) => {
    const [current] = await tx.select({ days: agencies.staleAfterDays }).from(agencies).where(eq(agencies.id, actor.agency.id)).for("update");
    if (!current) throw new AppError("NOT_FOUND", "agency not found");
    if (current.days === next) return;
    await tx.update(agencies).set({ staleAfterDays: next }).where(eq(agencies.id, actor.agency.id));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: actor.agency.id,
      data: { setting: "staleAfterDays", from: current.days, to: next },
      requestId,
    });
  });
  return { staleAfterDays: next };
}
