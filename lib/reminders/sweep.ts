/**
 * The reminder sweep of one agency (issue 9 §3; the job: lib/reminders/job.ts, every 5
 * minutes on the worker). At the clock's `now` it finds every reminder due and not yet
 * sent (lib/reminders/due.ts: card deadlines, verification expiries, document requests)
 * and sends each by the protocol of lib/reminders/record.ts: one transaction records the
 * reminder with its notifications and e-mails (exactly once), then the WeCom robot is
 * called once after that commit (at most once).
 *
 * Who is told:
 * - a card's deadline and an account's or corp's verification: the card's assignee when
 *   an active member, else the agency's active owners and admins;
 * - a document request: the staff member who made it (still an active member) and the
 *   company's active client administrators (their copy links to the portal's request page).
 * Archived client companies are not reminded of.
 *
 * Tests may pass hooks (a failure before the commit, a crash after it); with TEST_CLOCK=1,
 * REMINDERS_TEST_KILL=before-commit or after-commit makes the process SIGKILL itself inside
 * the first reminder's transaction after its writes, or right after its commit and before
 * its robot call (the crash tests in sweep.int.test.ts).
 */
import "server-only";
import { and, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { clientCompanies, documentRequests, memberships, officialAccounts, registrations, reminders, wecomCorps } from "@/db/schema";
import { withWorker, type Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { addDays, localDate } from "@/lib/registration/calendar";
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import { cardReminderAt, dueDateOf, requestReminderAt, verificationReminderAt, type DueReminder, type VerificationSource } from "./due";
import type { ReminderData } from "./kinds";
import {
  callRobot,
  loadRecipients,
  loadReminderAgency,
  recordReminder,
  type RecordedReminder,
  type ReminderAgency,
  type ReminderRecipient,
  type ReminderRecord,
} from "./record";
import { reminderWords } from "./words";

const DAY_MS = 86_400_000;

/** The stages whose cards carry a deadline (deadlines.ts deadlineRule decides the kind). */
const DEADLINE_STAGES: Stage[] = ["account_created", "subject_submitted", "under_review", "awaiting_response", "verification_submitted"];

/** A reminder due now, with what it needs to be sent. */
type Candidate = {
  due: DueReminder;
  record: ReminderRecord;
  /** Who is told: the card's assignee (or owners and admins), or a request's people. */
  audience: { kind: "assignee"; assigneeUserId: string | null } | { kind: "request"; requestedBy: string | null; clientCompanyId: string; portalHref: string };
};

/** Test seams: `beforeCommit` runs inside the reminder's transaction after its writes; `afterCommit` after it, before the robot. */
export type SweepHooks = {
  beforeCommit?: (reminder: ReminderRecord) => void | Promise<void>;
  afterCommit?: (reminder: RecordedReminder) => void | Promise<void>;
};

export type SweepResult = {
  /** Reminders recorded by this run. */
  recorded: RecordedReminder[];
  /** Due reminders found already sent (by an earlier run or another worker). */
  skipped: number;
  /** Keys whose transaction failed (retried by the next run). */
  failed: string[];
  robot: { sent: number; failed: number };
};

async function readCandidates(tx: Tx, agency: ReminderAgency, now: Date): Promise<Candidate[]> {
  const base = `/${agency.slug}`;
  const candidates: Candidate[] = [];
  const tz = agency.timeZone;

  // Cards: due within the longest lead (2 days) or past.
  const cards = await tx
    .select({
      id: registrations.id,
      clientCompanyId: registrations.clientCompanyId,
      pipeline: registrations.pipeline,
      stage: registrations.stage,
      dueAt: registrations.dueAt,
      assigneeUserId: registrations.assigneeUserId,
      company: clientCompanies.sortName,
    })
    .from(registrations)
    .innerJoin(clientCompanies, and(eq(clientCompanies.agencyId, registrations.agencyId), eq(clientCompanies.id, registrations.clientCompanyId)))
    .where(
      and(
        eq(registrations.agencyId, agency.id),
        inArray(registrations.stage, DEADLINE_STAGES),
        isNotNull(registrations.dueAt),
        lte(registrations.dueAt, new Date(now.getTime() + 2 * DAY_MS)),
        isNull(clientCompanies.archivedAt),
      ),
    );
  for (const card of cards) {
    const due = cardReminderAt({ registrationId: card.id, pipeline: card.pipeline as Pipeline, stage: card.stage as Stage, dueAt: card.dueAt! }, now, agency.overseasFollowUpDays);
    if (!due) continue;
    const data: ReminderData = {
      company: card.company,
      href: `${base}/registrations/${card.id}`,
      dueAt: due.dueAt.toISOString(),
      dueDate: dueDateOf(due.dueAt, tz),
      pipeline: card.pipeline,
      stage: card.stage,
    };
    candidates.push({
      due,
      record: { kind: due.kind, key: due.key, clientCompanyId: card.clientCompanyId, registrationId: card.id, dueAt: due.dueAt, data },
      audience: { kind: "assignee", assigneeUserId: card.assigneeUserId },
    });
  }

  // Verifications expiring within 90 days, or expired.
  const horizon = new Date(now.getTime() + 90 * DAY_MS);
  const accountRows = async (source: VerificationSource) => {
    const table = source === "official_account" ? officialAccounts : wecomCorps;
    const name = source === "official_account" ? officialAccounts.name : wecomCorps.corpName;
    return tx
      .select({
        id: table.id,
        registrationId: table.registrationId,
        clientCompanyId: table.clientCompanyId,
        expiresAt: table.verificationExpiresAt,
        account: name,
        pipeline: registrations.pipeline,
        assigneeUserId: registrations.assigneeUserId,
        company: clientCompanies.sortName,
      })
      .from(table)
      .innerJoin(registrations, and(eq(registrations.agencyId, table.agencyId), eq(registrations.id, table.registrationId)))
      .innerJoin(clientCompanies, and(eq(clientCompanies.agencyId, table.agencyId), eq(clientCompanies.id, table.clientCompanyId)))
      .where(and(eq(table.agencyId, agency.id), isNotNull(table.verificationExpiresAt), lte(table.verificationExpiresAt, horizon), isNull(clientCompanies.archivedAt)));
  };
  for (const source of ["official_account", "wecom_corp"] as const) {
    for (const row of await accountRows(source)) {
      const due = verificationReminderAt({ source, id: row.id, expiresAt: row.expiresAt! }, now);
      if (!due) continue;
      const data: ReminderData = {
        company: row.company,
        href: `${base}/registrations/${row.registrationId}`,
        dueAt: due.dueAt.toISOString(),
        dueDate: dueDateOf(due.dueAt, tz),
        pipeline: row.pipeline,
        account: row.account ?? row.company,
        ...(due.days === null ? {} : { days: due.days }),
      };
      candidates.push({
        due,
        record: { kind: due.kind, key: due.key, clientCompanyId: row.clientCompanyId, registrationId: row.registrationId, dueAt: due.dueAt, data },
        audience: { kind: "assignee", assigneeUserId: row.assigneeUserId },
      });
    }
  }

  // Open document requests due within 2 days (local dates), or past due.
  const lastDueOn = addDays(localDate(now, tz), 2);
  const requests = await tx
    .select({
      id: documentRequests.id,
      clientCompanyId: documentRequests.clientCompanyId,
      registrationId: documentRequests.registrationId,
      kinds: documentRequests.kinds,
      dueOn: documentRequests.dueOn,
      requestedBy: documentRequests.requestedBy,
      company: clientCompanies.sortName,
    })
    .from(documentRequests)
    .innerJoin(clientCompanies, and(eq(clientCompanies.agencyId, documentRequests.agencyId), eq(clientCompanies.id, documentRequests.clientCompanyId)))
    .where(
      and(
        eq(documentRequests.agencyId, agency.id),
        eq(documentRequests.status, "open"),
        isNotNull(documentRequests.dueOn),
        lte(documentRequests.dueOn, lastDueOn),
        isNull(clientCompanies.archivedAt),
      ),
    );
  for (const request of requests) {
    const due = requestReminderAt({ documentRequestId: request.id, dueOn: request.dueOn! }, now, tz);
    if (!due) continue;
    const data: ReminderData = {
      company: request.company,
      href: `${base}/clients/${request.clientCompanyId}?tab=documents`,
      dueAt: due.dueAt.toISOString(),
      dueDate: request.dueOn!,
      kinds: request.kinds,
    };
    candidates.push({
      due,
      record: {
        kind: due.kind,
        key: due.key,
        clientCompanyId: request.clientCompanyId,
        registrationId: request.registrationId,
        documentRequestId: request.id,
        dueAt: due.dueAt,
        data,
      },
      audience: { kind: "request", requestedBy: request.requestedBy, clientCompanyId: request.clientCompanyId, portalHref: `/portal/${agency.slug}/requests/${request.id}` },
    });
  }
  return candidates;
}

/** The keys of `keys` already recorded (one read, so a sweep with nothing new opens no more transactions). */
async function recordedKeys(tx: Tx, agencyId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await tx
    .select({ key: reminders.key })
    .from(reminders)
    .where(and(eq(reminders.agencyId, agencyId), inArray(reminders.key, keys)));
  return new Set(rows.map((row) => row.key));
}

/** The agency's active owners and admins. */
async function ownersAndAdmins(tx: Tx, agencyId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.status, "active"), inArray(memberships.role, ["owner", "admin"])));
  return rows.map((row) => row.userId);
}

/** Who a candidate tells, read in its own transaction (so a member removed meanwhile is not told). */
async function recipientsOf(tx: Tx, agency: ReminderAgency, candidate: Candidate): Promise<ReminderRecipient[]> {
  const { audience } = candidate;
  if (audience.kind === "assignee") {
    const assignee = audience.assigneeUserId ? await loadRecipients(tx, agency, [audience.assigneeUserId]) : [];
    return assignee.length ? assignee : loadRecipients(tx, agency, await ownersAndAdmins(tx, agency.id));
  }
  const staff = audience.requestedBy ? await loadRecipients(tx, agency, [audience.requestedBy]) : [];
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.agencyId, agency.id),
        eq(memberships.status, "active"),
        eq(memberships.role, "client_admin"),
        eq(memberships.clientCompanyId, audience.clientCompanyId),
      ),
    );
  const clients = await loadRecipients(
    tx,
    agency,
    admins.map((row) => row.userId),
  );
  const staffIds = new Set(staff.map((recipient) => recipient.userId));
  return [
    ...staff,
    ...clients.filter((recipient) => !staffIds.has(recipient.userId)).map((recipient) => ({ ...recipient, data: { ...candidate.record.data, portalHref: audience.portalHref } })),
  ];
}

/** The crash tests' kill switch (only with TEST_CLOCK=1): SIGKILL before or after the first reminder's commit. */
function killHooksFromEnv(): SweepHooks {
  if (process.env.TEST_CLOCK !== "1") return {};
  const die = () => {
    process.kill(process.pid, "SIGKILL");
  };
  if (process.env.REMINDERS_TEST_KILL === "before-commit") return { beforeCommit: die };
  if (process.env.REMINDERS_TEST_KILL === "after-commit") return { afterCommit: die };
  return {};
}

/**
 * Sends every reminder of `agencyId` due at `now` and not sent yet. A reminder whose
 * transaction fails is logged and left for the next run (nothing of it was written); the
 * others go on.
 */
export async function sweepReminders(agencyId: string, now: Date = clock.now(), hooks: SweepHooks = {}): Promise<SweepResult> {
  const result: SweepResult = { recorded: [], skipped: 0, failed: [], robot: { sent: 0, failed: 0 } };
  const read = await withWorker(agencyId, async (tx) => {
    const agency = await loadReminderAgency(tx, agencyId);
    if (!agency) return null;
    const candidates = await readCandidates(tx, agency, now);
    const done = await recordedKeys(
      tx,
      agencyId,
      candidates.map((candidate) => candidate.record.key),
    );
    return { agency, candidates: candidates.filter((candidate) => !done.has(candidate.record.key)), done: done.size };
  });
  if (!read) return result;
  const { agency, candidates } = read;
  result.skipped = read.done;
  const killer = killHooksFromEnv();
  const beforeCommit = hooks.beforeCommit ?? killer.beforeCommit;
  const afterCommit = hooks.afterCommit ?? killer.afterCommit;

  for (const candidate of candidates) {
    let recorded: RecordedReminder | null;
    try {
      recorded = await withWorker(agencyId, async (tx) => {
        const recipients = await recipientsOf(tx, agency, candidate);
        const written = await recordReminder(tx, { agencyId, agencyName: agency.name, now }, candidate.record, recipients);
        if (written) await beforeCommit?.(candidate.record);
        return written;
      });
    } catch (error) {
      result.failed.push(candidate.record.key);
      logger.error({ agencyId, key: candidate.record.key, err: { message: error instanceof Error ? error.message : String(error) } }, "reminder not sent");
      continue;
    }
    if (!recorded) {
      result.skipped += 1;
      continue;
    }
    result.recorded.push(recorded);
    try {
      await afterCommit?.(recorded);
      const status = await callRobot(agency, recorded, reminderWords(recorded.kind, agency.defaultLocale, recorded.data), now);
      if (status) result.robot[status] += 1;
    } catch (error) {
      // The reminder is sent; its robot is not called again (at most once).
      logger.error({ agencyId, reminderId: recorded.id, err: { message: error instanceof Error ? error.message : String(error) } }, "reminder robot step failed");
    }
  }
  logger.info({ agencyId, sent: result.recorded.length, skipped: result.skipped, failed: result.failed.length }, "reminder sweep");
  return result;
}
