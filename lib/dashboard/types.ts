/**
 * The managers' dashboard (issue 9 §1, §5): its filters and the figures of each widget,
 * as lib/dashboard/queries.ts computes them and the page, the CSV exports, the JSON API
 * and the weekly digest read them. Durations are in hours (numbers, not rounded: the UI
 * rounds); percentiles are PostgreSQL's percentile_cont (linear interpolation). A widget
 * with no sample has null figures, never 0.
 *
 * Definitions (the integration tests compute the same by hand):
 * - Active: a registration whose stage is neither its pipeline's final stage nor
 *   rejected nor abandoned (on_hold is active, shown as its own stage).
 * - The date range [from, to] is of dates in the agency's time zone, both included.
 * - Cycle time: per registration whose first entry into its pipeline's final stage falls
 *   in the range, from its first entry into intake to that first final entry; the time it
 *   spent on hold in between is included, and also given apart (`onHold…`).
 * - Time in stage: each stay (an event entering a stage to the registration's next
 *   event) that ended in the range, per pipeline and stage; stays still running are not
 *   counted.
 * - Throughput: registrations first entering their final stage per ISO week (agency time
 *   zone), the 12 weeks ending with the week holding `to`.
 * - Document turnaround: per document answering a request (documents.document_request_id)
 *   whose first approval falls in the range, from the request's creation to that approval.
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

export type Dashboard = {
  filters: DashboardFilters;
  /** When the figures were read (ISO); "now" for the snapshot widgets. */
  asOf: string;
  timeZone: string;
  funnel: { pipeline: Pipeline; stage: Stage; count: number }[];
  deadlines: { overdue: number; dueWithin7Days: number };
  cycleTime: ({ pipeline: Pipeline; onHold: Percentiles } & Percentiles)[];
  timeInStage: ({ pipeline: Pipeline; stage: Stage } & Percentiles)[];
  /** Exactly 12 rows, oldest first; `week` is ISO (2026-W49), `weekStart` its Monday (YYYY-MM-DD). */
  throughput: { week: string; weekStart: string; completed: number }[];
  documents: {
    turnaround: Percentiles;
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
