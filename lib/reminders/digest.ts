/**
 * The managers' weekly digest (issue 9 §4): once per ISO week, from Monday 08:00 in the
 * agency's time zone, each active owner, admin and manager whose `weekly_digest` e-mail
 * preference is on gets the figures of the previous ISO week by e-mail. Exactly once, by
 * the reminders protocol (ADR 0016): a `weekly_digest` reminder keyed `digest:<ISO week>`
 * is inserted `on conflict do nothing` in the transaction that queues the e-mails, so a
 * sweep run twice (or two workers) sends each e-mail once (the protocol of
 * lib/reminders/record.ts; the digest writes its own e-mail, with a table of figures, and
 * no in-app notification: it is an e-mail only).
 *
 * The figures are read as the worker (loadDashboard needs a member), with the dashboard's
 * definitions (lib/dashboard/types.ts) over the week [Monday 00:00, next Monday 00:00)
 * local time:
 * - started: registrations created in the week;
 * - completed: registrations whose first entry into their pipeline's final stage is in the
 *   week, in all and per pipeline;
 * - overdue: active registrations (not final, rejected or abandoned) past their due time
 *   at `now`;
 * - approved / rejected: document reviews made in the week, by decision;
 * - turnaround: the mean, in hours, from a request's creation to the first approval of a
 *   document answering it, over the documents first approved in the week (null: none).
 */
import "server-only";
import { sql } from "drizzle-orm";
import { withWorker, type Tx } from "@/db/tenant";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderWeeklyDigestMail, type WeeklyDigestFigures } from "@/lib/mail/templates";
import { addDays, isoWeekday, localDate, toEpochDay, zonedInstant, type CivilDate } from "@/lib/registration/calendar";
import { pipelineStages, pipelines, type Pipeline } from "@/lib/registration/pipelines";
import { digestRoles, preferencesOf } from "./preferences";

/** The hour (agency time) on Monday from which the digest goes out. */
export const DIGEST_HOUR = 8;

/** The ISO week of a civil date: "2026-W49". */
export function isoWeekOf(date: CivilDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${thursday.slice(0, 4)}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The week a digest at `now` reports on, or null before Monday 08:00 of the current week
 * in `timeZone` (then the previous digest is the one due, and was sent last Monday).
 * `from`/`to` are the Monday and Sunday (YYYY-MM-DD); `start`/`end` the instants bounding it.
 */
export function digestWeekAt(
  now: Date,
  timeZone: string,
): { week: string; from: CivilDate; to: CivilDate; start: Date; end: Date } | null {
  const today = localDate(now, timeZone);
  const monday = addDays(today, 1 - isoWeekday(today));
  if (now < zonedInstant(monday, { hour: DIGEST_HOUR, minute: 0, second: 0 }, timeZone)) return null;
  const from = addDays(monday, -7);
  return {
    week: isoWeekOf(from),
    from,
    to: addDays(monday, -1),
    start: zonedInstant(from, { hour: 0, minute: 0, second: 0 }, timeZone),
    end: zonedInstant(monday, { hour: 0, minute: 0, second: 0 }, timeZone),
  };
}

const finalStages = sql.raw(
  pipelines.map((p) => `('${p}', '${pipelineStages[p][pipelineStages[p].length - 1]}')`).join(", "),
);

/** The week's figures for the agency (inside withWorker; see the definitions above). */
export async function weeklyFigures(tx: Tx, agencyId: string, start: Date, end: Date, now: Date): Promise<WeeklyDigestFigures> {
  const rows = await tx.execute<{ pipeline: Pipeline; completed: number }>(sql`
    with final(pipeline, stage) as (values ${finalStages}),
    first_final as (
      select r.pipeline::text as pipeline, min(e.at) as at
      from registrations r
      join final f on f.pipeline = r.pipeline::text
      join registration_events e on e.agency_id = r.agency_id and e.registration_id = r.id and e.to_stage::text = f.stage
      where r.agency_id = ${agencyId}
      group by r.id, r.pipeline
    )
    select pipeline, count(*)::int as completed from first_final
    where at >= ${start} and at < ${end}
    group by pipeline`);
  const completedBy = new Map(rows.rows.map((row) => [row.pipeline, Number(row.completed)]));
  const [counts] = (
    await tx.execute<{ started: number; overdue: number; approved: number; rejected: number; turnaround: number | null }>(sql`
      with final(pipeline, stage) as (values ${finalStages}),
      first_approval as (
        select d.id, dr.created_at as requested_at, min(rv.at) as approved_at
        from documents d
        join document_requests dr on dr.agency_id = d.agency_id and dr.id = d.document_request_id
        join document_versions v on v.agency_id = d.agency_id and v.document_id = d.id
        join document_reviews rv on rv.agency_id = d.agency_id and rv.document_version_id = v.id and rv.decision = 'approve'
        where d.agency_id = ${agencyId}
        group by d.id, dr.created_at
      )
      select
        (select count(*)::int from registrations where agency_id = ${agencyId} and created_at >= ${start} and created_at < ${end}) as started,
        (select count(*)::int from registrations r
          where r.agency_id = ${agencyId} and r.due_at < ${now}
            and r.stage::text not in ('rejected', 'abandoned')
            and not exists (select 1 from final f where f.pipeline = r.pipeline::text and f.stage = r.stage::text)) as overdue,
        (select count(*)::int from document_reviews where agency_id = ${agencyId} and decision = 'approve' and at >= ${start} and at < ${end}) as approved,
        (select count(*)::int from document_reviews where agency_id = ${agencyId} and decision = 'reject' and at >= ${start} and at < ${end}) as rejected,
        (select avg(extract(epoch from approved_at - requested_at) / 3600)
          from first_approval where approved_at >= ${start} and approved_at < ${end}) as turnaround`)
  ).rows;
  return {
    started: Number(counts?.started ?? 0),
    completed: [...completedBy.values()].reduce((sum, n) => sum + n, 0),
    overdue: Number(counts?.overdue ?? 0),
    documentsApproved: Number(counts?.approved ?? 0),
    documentsRejected: Number(counts?.rejected ?? 0),
    turnaroundMeanHours: counts?.turnaround == null ? null : Number(counts.turnaround),
    completedByPipeline: pipelines.map((pipeline) => ({ pipeline, completed: completedBy.get(pipeline) ?? 0 })),
  };
}

export type DigestOutcome =
  | { sent: false; reason: "not_yet" | "already_sent" | "no_agency" }
  | { sent: true; week: string; reminderId: string; recipients: string[] };

/**
 * Sends the agency's digest for the previous ISO week if it is due at `now` and not sent
 * yet (one transaction as the worker). Called by the reminders sweep for each live agency;
 * safe to call on every tick and from several workers at once.
 */
export async function sendWeeklyDigest(agencyId: string, now: Date): Promise<DigestOutcome> {
  return withWorker(agencyId, async (tx) => {
    const agency = (
      await tx.execute<{ name: string; slug: string; time_zone: string; default_locale: Locale }>(
        sql`select name, slug, time_zone, default_locale from agencies where id = ${agencyId} and deleted_at is null`,
      )
    ).rows[0];
    if (!agency) return { sent: false, reason: "no_agency" };
    const period = digestWeekAt(now, agency.time_zone);
    if (!period) return { sent: false, reason: "not_yet" };

    const reminderId = newId();
    const inserted = await tx.execute(sql`
      insert into reminders (id, agency_id, kind, key, due_at, data, sent_at)
      values (${reminderId}, ${agencyId}, 'weekly_digest', ${`digest:${period.week}`}, ${period.end},
              ${JSON.stringify({ company: agency.name, href: `/${agency.slug}/dashboard`, week: period.week })}::jsonb, ${now})
      on conflict (agency_id, key) do nothing
      returning id`);
    if (inserted.rows.length === 0) return { sent: false, reason: "already_sent" };

    const members = (
      await tx.execute<{ user_id: string; email: string; name: string; locale: string | null }>(sql`
        select u.id as user_id, u.email, u.name, u.locale
        from memberships m join users u on u.id = m.user_id
        where m.agency_id = ${agencyId} and m.status = 'active'
          and m.role::text in (${sql.join(digestRoles.map((role) => sql`${role}`), sql`, `)})
        order by u.email`)
    ).rows;
    const preferences = await preferencesOf(tx, agencyId, members.map((m) => m.user_id), "weekly_digest");
    const recipients = members.filter((m) => preferences.get(m.user_id)?.email !== false);
    if (recipients.length === 0) return { sent: true, week: period.week, reminderId, recipients: [] };

    const figures = await weeklyFigures(tx, agencyId, period.start, period.end, now);
    const dashboardUrl = new URL(
      `/${agency.slug}/dashboard?from=${period.from}&to=${period.to}`,
      env().APP_URL,
    ).toString();
    for (const member of recipients) {
      const locale = isLocale(member.locale) ? member.locale : agency.default_locale;
      const mail = renderWeeklyDigestMail(locale, member.email, {
        name: member.name,
        agencyName: agency.name,
        week: period.week,
        from: period.from,
        to: period.to,
        url: dashboardUrl,
        figures,
      });
      await enqueueMail(tx, mail, { reminderId });
    }
    return { sent: true, week: period.week, reminderId, recipients: recipients.map((m) => m.email) };
  });
}
