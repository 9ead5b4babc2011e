/**
 * The managers' dashboard (issue 9 §1, §5): its filters and the figures of each widget,
 * as lib/dashboard/queries.ts computes them and the page, the CSV exports, the JSON API
 * and the weekly digest read them. Durations are in hours (numbers, not rounded: the UI
 * rounds); percentiles are PostgreSQL's percentile_cont (linear interpolation), means are
 * exact (sums kept in microseconds). A widget with no sample has null figures, never 0.
 * The figures are read from summary rows the database keeps in the same transaction as
 * every change (ADR 0020): per completed registration (cycle time, throughput), per day
 * (time in stage, document turnaround and reviews), per stage and assignee (active cards),
 * per day due (deadlines), per verified card (verifications), per agency (ID slots).
 *
 * Definitions (the integration tests compute the same by hand):
 * - Active: a registration whose stage is neither its pipeline's final stage nor
 *   rejected nor abandoned (on_hold is active, shown as its own stage).
 * - The date range [from, to] is of dates in the agency's time zone, both included.
 * - Cycle time: per registration whose first entry into its pipeline's final stage falls
 *   in the range, from its first entry into intake to that first final entry; the time it
 *   spent on hold in between is included, and also given apart (`onHold…`).
 * - Time in stage: each stay (an event entering a stage to the registration's next
 *   event) that ended in the range, per pipeline and stage: how many, and their mean;
 *   stays still running are not counted.
 * - Throughput: registrations first entering their final stage per ISO week (agency time
 *   zone), the 12 weeks ending with the week holding `to`.
 * - Document turnaround: per document answering a request (documents.document_request_id)
 *   whose first approval falls in the range, from the request's creation to that approval:
 *   how many, and their mean.
 *   Rejection rate: of the uploaded versions reviewed in the range (first review of each),
 *   the share rejected.
 * - Open work: active registrations per assignee (null: unassigned), with their overdue.
 * - Verifications: verified official accounts and WeCom corps expiring within 7, 30 and
 *   90 days of now (cumulative: within 30 includes within 7); already expired apart.
 * - ID slots: id_slots rows in use, and the people holding one and two (at the cap).
 * Filters: `pipeline` narrows every registration figure; `assignee` every registration
 * figure (documents: those of the assignee's registrations' companies is not attempted —
 * the document figures and ID slots ignore it, and say so). Staff see their own slice:
 * the assignee filter is forced to themselves.
 *
 * Precisions (lib/dashboard/queries.ts, checked by queries.int.test.ts):
 * - Funnel: per pipeline shown (all, or the filtered one), every stage but the final one
 *   in board order, then on_hold; zeros included.
 * - Deadlines: overdue = active with due_at < now; dueWithin7Days = now <= due_at <
 *   now + 7 × 24 h. (Side states have no due date.) Open work's `overdue` is the same.
 * - Cycle time: one row per pipeline shown; it starts at the first event entering intake
 *   (the card's created_at if it has none).
 * - Time in stage: per pipeline shown, a row for every stage but the final one, then
 *   on_hold (null figures without a sample); another stage only when it has a sample.
 * - Throughput: the last week is counted up to the end of `to` (nothing after the range);
 *   weeks before `from` are counted in full.
 * - Verifications: status verified and now < expires_at <= now + N days; expired =
 *   status expired, or verified with expires_at <= now. They belong to registrations, so
 *   both filters narrow them.
 * - Documents and ID slots ignore both filters (pipeline and assignee): they are the
 *   agency's. Open work lists only members with an active card.
 */
import type { Pipeline, Stage } from "@/lib/registration/pipelines";

export const dashboardWidgets = [
  "funnel",
  "deadlines",
  "cycle_time",
  "time_in_stage",
  "throughput",
  "documents",
  "open_work",
  "verifications",
  "id_slots",
] as const;
export type DashboardWidget = (typeof dashboardWidgets)[number];

export type DashboardFilters = {
  /** YYYY-MM-DD in the agency's time zone; default: 89 days before `to`. */
  from: string;
  /** YYYY-MM-DD in the agency's time zone; default: today. */
  to: string;
  pipeline: Pipeline | null;
  /** A member's user id, "none" (unassigned) or null (everyone). */
  assignee: string | null;
};

export type Percentiles = { count: number; medianHours: number | null; p90Hours: number | null };
/** How many samples, and their mean (null without one). */
export type Mean = { count: number; meanHours: number | null };

export type Dashboard = {
  filters: DashboardFilters;
  /** When the figures were read (ISO); "now" for the snapshot widgets. */
  asOf: string;
  timeZone: string;
  funnel: { pipeline: Pipeline; stage: Stage; count: number }[];
  deadlines: { overdue: number; dueWithin7Days: number };
  cycleTime: ({ pipeline: Pipeline; onHold: Percentiles } & Percentiles)[];
  timeInStage: ({ pipeline: Pipeline; stage: Stage } & Mean)[];
  /** Exactly 12 rows, oldest first; `week` is ISO (2026-W49), `weekStart` its Monday (YYYY-MM-DD). */
  throughput: { week: string; weekStart: string; completed: number }[];
  documents: {
    turnaround: Mean;
    versionsReviewed: number;
    versionsRejected: number;
    /** versionsRejected / versionsReviewed, 0..1; null when none was reviewed. */
    rejectionRate: number | null;
  };
  /** Most open first; `userId` null is the unassigned row. */
  openWork: { userId: string | null; name: string | null; open: number; overdue: number }[];
  verifications: { within7: number; within30: number; within90: number; expired: number };
  idSlots: { slotsInUse: number; peopleWithOne: number; peopleAtCap: number };
};
