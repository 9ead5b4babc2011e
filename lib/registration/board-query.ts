/**
 * The registrations board's view as the URL carries it (issue 7 §3, ux.md: every view has
 * a URL that restores it): the pipeline, board or list, the filters, the list's stage and
 * page, and the open card. Pure, so the page, its filter bar, the board and
 * lib/registration/board.ts read it alike; anything the URL holds that is not a value
 * falls back to "any" or the default.
 *
 * The schema lives here; everything else (the URL it writes, the due-date arithmetic) is in
 * ./board-view.ts, without zod, for client components, and re-exported here.
 */
import { pipelines, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import { z } from "@/lib/validation/zod";
import { boardColumns, boardTypeFilters, boardViews, DUE_WITHIN_MAX_DAYS, waitingFilters } from "./board-view";

export * from "./board-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID);

const flag = z
  .union([z.literal("1"), z.literal(1), z.literal(true), z.literal("true")])
  .transform(() => true as const)
  .optional()
  .catch(undefined);

export const boardQuerySchema = z.object({
  pipeline: z.enum(pipelines as [Pipeline, ...Pipeline[]]).default("oa_cn_org").catch("oa_cn_org"),
  view: z.enum(boardViews).default("board").catch("board"),
  /** "mine", "none" (unassigned) or a member's user id. */
  assignee: z.union([z.literal("mine"), z.literal("none"), uuid]).optional().catch(undefined),
  /** One client company's cards. */
  client: uuid.optional().catch(undefined),
  overdue: flag,
  soon: flag,
  /**
   * Due from now to N 24-hour days ahead, not yet overdue (the dashboard's "due within 7
   * days", lib/dashboard/queries.ts): a link from there lands on exactly the cards it counts.
   */
  within: z.coerce.number().int().min(1).max(DUE_WITHIN_MAX_DAYS).optional().catch(undefined),
  waiting: z.enum(waitingFilters).optional().catch(undefined),
  type: z.enum(boardTypeFilters).optional().catch(undefined),
  /** Cards idle in their stage past the agency's threshold (isStale). */
  stale: flag,
  /** The list view only: one stage, and the keyset cursor of its page. */
  stage: z.string().max(40).optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
  /** The card open in the drawer. */
  card: uuid.optional().catch(undefined),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

type RawParams = Record<string, string | string[] | undefined>;

/** The view from a page's searchParams (a repeated key counts once; a blank one is "any"). */
export function parseBoardQuery(params: RawParams): BoardQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined && one !== "") raw[key] = one;
  }
  const query = boardQuerySchema.parse(raw);
  // A stage of another pipeline means no stage; the type filter is for Official Accounts only.
  if (query.stage && !boardColumns(query.pipeline).includes(query.stage as Stage)) query.stage = undefined;
  if (query.pipeline === "wecom") query.type = undefined;
  return query;
}
