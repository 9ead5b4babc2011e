/**
 * GET /api/v1/dashboard and its CSV exports, as zod schemas for the OpenAPI document
 * (lib/api/openapi.ts): the answer is lib/dashboard/types.ts's Dashboard, which the
 * `satisfies` below keeps in step. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { allStages, pipelines, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import { dashboardWidgets, type Dashboard } from "./types";

const pipeline = z.enum(pipelines as [Pipeline, ...Pipeline[]]);
const stage = z.enum(allStages as [Stage, ...Stage[]]);
const day = z.iso.date();
const hours = z.number().nullable();

const percentiles = {
  count: z.int().min(0).meta({ description: "Samples." }),
  medianHours: hours.meta({ description: "The median (percentile_cont 0.5), in hours; null without a sample." }),
  p90Hours: hours.meta({ description: "The 90th percentile (percentile_cont 0.9, interpolated), in hours; null without a sample." }),
};
const percentilesSchema = z.object(percentiles);
const mean = {
  count: z.int().min(0).meta({ description: "Samples." }),
  meanHours: hours.meta({ description: "The mean, in hours; null without a sample." }),
};

export const dashboardSchema = z
  .object({
    filters: z.object({
      from: day,
      to: day,
      pipeline: pipeline.nullable(),
      assignee: z.string().nullable().meta({ description: 'A user id, "none" (unassigned) or null (everyone); a staff member\'s own id, always.' }),
    }),
    asOf: z.iso.datetime({ offset: true }).meta({ description: "When the figures were read." }),
    timeZone: z.string().meta({ description: "The agency's time zone, which the dates are in." }),
    funnel: z
      .array(z.object({ pipeline, stage, count: z.int().min(0) }))
      .meta({ description: "Active registrations per pipeline and stage: every stage but the last, in board order, then on hold." }),
    deadlines: z
      .object({ overdue: z.int().min(0), dueWithin7Days: z.int().min(0) })
      .meta({ description: "Active registrations past their due time, and due within the next 7 × 24 hours." }),
    cycleTime: z
      .array(z.object({ pipeline, ...percentiles, onHold: percentilesSchema.meta({ description: "The time on hold within it." }) }))
      .meta({ description: "Per pipeline, from intake to first reaching the final stage, for registrations that did so in the range." }),
    timeInStage: z
      .array(z.object({ pipeline, stage, ...mean }))
      .meta({ description: "Per pipeline and stage, the stays that ended in the range." }),
    throughput: z
      .array(z.object({ week: z.string().meta({ examples: ["2026-W53"] }), weekStart: day, completed: z.int().min(0) }))
      .meta({ description: "Registrations completed per ISO week (agency time zone): the 12 weeks ending with the week of `to`, oldest first." }),
    documents: z
      .object({
        turnaround: z.object(mean).meta({ description: "From a document request to the first approval of the document answering it." }),
        versionsReviewed: z.int().min(0),
        versionsRejected: z.int().min(0),
        rejectionRate: z.number().min(0).max(1).nullable().meta({ description: "Rejected / reviewed (first reviews); null when none." }),
      })
      .meta({ description: "The agency's documents in the range; not narrowed by pipeline or assignee." }),
    openWork: z
      .array(z.object({ userId: z.uuid().nullable(), name: z.string().nullable(), open: z.int().min(0), overdue: z.int().min(0) }))
      .meta({ description: "Active registrations per assignee, most open first; `userId` null is the unassigned row." }),
    verifications: z
      .object({ within7: z.int().min(0), within30: z.int().min(0), within90: z.int().min(0), expired: z.int().min(0) })
      .meta({ description: "Verified accounts and corps expiring within 7, 30 and 90 days (cumulative), and already expired." }),
    idSlots: z
      .object({ slotsInUse: z.int().min(0), peopleWithOne: z.int().min(0), peopleAtCap: z.int().min(0) })
      .meta({ description: "The agency's two-per-ID slots; not narrowed by pipeline or assignee." }),
  })
  .meta({ id: "Dashboard", description: "The managers' dashboard: every figure for the filters." }) satisfies z.ZodType<Dashboard>;

/** The widget of a CSV export. */
export const dashboardWidgetSchema = z.enum(dashboardWidgets);

export const dashboardCsvParamsSchema = z.object({
  widget: dashboardWidgetSchema.meta({ description: "The widget to export." }),
});
