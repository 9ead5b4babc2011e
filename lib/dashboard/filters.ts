/**
 * The dashboard's filters (lib/dashboard/types.ts) from a query string: one zod schema
 * for the JSON API (a bad value is 422 with field errors) and the page (a bad value falls
 * back to its default, as the page never shows an error for a hand-edited URL). Staff see
 * their own slice: whatever they ask, the assignee is themselves. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { API_MESSAGES, isoDate } from "@/lib/api/schemas";
import { addDays } from "@/lib/registration/board-query";
import { pipelines, type Pipeline } from "@/lib/registration/pipelines";
import type { Role } from "@/lib/rbac/roles";
import type { DashboardFilters } from "./types";

/** The default range: the 90 days ending today. */
export const DEFAULT_RANGE_DAYS = 90;
/** The longest range the dashboard reads (two years and a day: a leap year either side). */
export const MAX_RANGE_DAYS = 731;


/** The query of GET /api/v1/dashboard (and of the page and its CSV exports). */
export const dashboardQuerySchema = z
  .object({
    from: isoDate.optional().meta({ description: `First day, in the agency's time zone (inclusive); default: ${DEFAULT_RANGE_DAYS - 1} days before \`to\`.` }),
    to: isoDate.optional().meta({ description: "Last day, in the agency's time zone (inclusive); default: today." }),
    pipeline: z
      .enum(pipelines as [Pipeline, ...Pipeline[]], { error: API_MESSAGES.invalidValue })
      .optional()
      .meta({ description: "One pipeline's registrations only." }),
    assignee: z
      .union([z.uuid(), z.literal("none")], { error: API_MESSAGES.invalidValue })
      .optional()
      .meta({ description: 'One member\'s registrations (their user id), or "none" for unassigned ones. Staff always get their own.' }),
  })
  .superRefine((query, context) => {
    if (query.from && query.to && query.from > query.to) {
      context.addIssue({ code: "custom", path: ["from"], message: API_MESSAGES.dateOrder });
    } else if (query.from && query.to && daysBetween(query.from, query.to) >= MAX_RANGE_DAYS) {
      context.addIssue({ code: "custom", path: ["from"], message: API_MESSAGES.invalidValue });
    }
  });

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

export type DashboardFilterContext = {
  /** Today in the agency's time zone (YYYY-MM-DD). */
  today: string;
  role: Role;
  userId: string;
};

export type RawQuery = Record<string, string | string[] | undefined> | URLSearchParams;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Single trimmed values; an empty one counts as absent (as lib/api/handler.ts queryOf). */
function valuesOf(raw: RawQuery): Record<string, string> {
  const entries: [string, string | string[] | undefined][] =
    raw instanceof URLSearchParams ? [...raw.keys()].map((key) => [key, raw.getAll(key)]) : Object.entries(raw);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = (Array.isArray(value) ? value[0] : value)?.trim();
    if (first) values[key] = first;
  }
  return values;
}

/**
 * The filters `raw` asks for, defaults filled in: `error` is the zod error when a value
 * is wrong (the API answers 422 with it); `filters` then holds the defaults in place of
 * the wrong values (what the page shows).
 */
export function parseDashboardFilters(
  raw: RawQuery,
  context: DashboardFilterContext,
): { filters: DashboardFilters; error: z.ZodError | null } {
  const values = valuesOf(raw);
  const parsed = dashboardQuerySchema.safeParse(values);
  const field = <K extends keyof DashboardQuery>(key: K): DashboardQuery[K] | undefined => {
    if (parsed.success) return parsed.data[key];
    const alone = dashboardQuerySchema.shape[key].safeParse(values[key]);
    return alone.success ? (alone.data as DashboardQuery[K]) : undefined;
  };
  const to = field("to") ?? context.today;
  let from = field("from") ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to || daysBetween(from, to) >= MAX_RANGE_DAYS) from = addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const assignee = context.role === "staff" ? context.userId : (field("assignee") ?? null);
  return {
    filters: { from, to, pipeline: field("pipeline") ?? null, assignee },
    error: parsed.success ? null : parsed.error,
  };
}
