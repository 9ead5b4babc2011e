/**
 * The registrations board's plans at scale (issue 7 §3, design.md §8: a 5 000-card
 * pipeline; "plan after ANALYZE with default planner settings: no seq scan of a big
 * table"). The suite's one scale database (lib/testing/scale-database.ts, shared with the
 * clients list's EXPLAIN test) holds the bulk generator's 100 000 companies and 150 000 cards
 * (5 000 in oa_overseas) with each card's required documents, vacuumed and analysed; every statement the board
 * sends — the counts, the columns' first cards, a column's "load more" among dated and among
 * undated cards, the list view — is EXPLAINed as weidesk_app inside a read-only tenant
 * transaction with the parameters the app binds. Each column must be read through
 * registrations_column_idx (agency_id, pipeline_code, stage_code, due_at, id), in its order, and no
 * plan may scan a big table sequentially. Execution times from EXPLAIN ANALYZE are printed
 * for the record (the benchmark holds the time targets). `BOARD_EXPLAIN_SCALE=N` runs it
 * at another size.
 */
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlForRole } from "@/db/roles";
import { encodeCursor } from "@/lib/lists/keyset";
import { explainAsTenant, planNodes, planOutline, seqScansOf, type PlanNode } from "@/lib/testing/plans";
import { scaleDatabase, SCALE_SLUG } from "@/lib/testing/scale-database";
import { boardCardsSql, boardCountsSql, columnPageSql, type BoardActor } from "./board";
import { boardColumns, COLUMN_PAGE_SIZE, LIST_PAGE_SIZE, parseBoardQuery, type BoardFilters } from "./board-query";
import type { Pipeline, Stage } from "./pipelines";

const SCALE = Number(process.env.BOARD_EXPLAIN_SCALE ?? 100_000);
const SLUG = SCALE_SLUG;
const PIPELINE: Pipeline = "oa_overseas";
const BIG_TABLES = new Set([
  "client_companies",
  "registrations",
  "official_accounts",
  "wecom_corps",
  "documents",
  "document_registrations",
  "registration_events",
]);

let url: string;
let owner: pg.Client;
let app: pg.Client;
let actor: BoardActor;
const now = new Date();
const timings: string[] = [];

/** The indexes the plan reads registrations through (a bitmap scan's are on its Bitmap Index Scan children). */
function registrationIndexes(plan: PlanNode): string[] {
  return planNodes(plan).flatMap((node) => {
    if (node["Node Type"] === "Bitmap Index Scan") return node["Index Name"]?.startsWith("registrations_") ? [node["Index Name"]] : [];
    if (node["Relation Name"] !== "registrations" || node["Node Type"] === "Bitmap Heap Scan") return [];
    return [node["Index Name"] ?? node["Node Type"]];
  });
}

const explain = (query: SQL) => explainAsTenant(app, { agencyId: actor.agency.id, userId: actor.user.id }, query);

/**
 * `boardIndex`: registrations is read through the column index only; "in order": also
 * without sorting a column's cards before its limit (unfiltered columns: a filter that
 * keeps few cards, as overdue does, may well be read as a bitmap and sorted).
 */
async function expectPlan(label: string, query: SQL, { boardIndex }: { boardIndex: false | true | "in order" }) {
  const { plan, ms } = await explain(query);
  timings.push(`  ${label.padEnd(56)} ${ms.toFixed(2).padStart(8)} ms`);
  expect(seqScansOf(plan, BIG_TABLES), `${label}:\n${planOutline(plan)}`).toEqual([]);
  if (boardIndex) {
    const used = registrationIndexes(plan);
    expect(used.length, `${label}: registrations is read\n${planOutline(plan)}`).toBeGreaterThan(0);
    expect(used.every((index) => index === "registrations_column_idx"), `${label}:\n${planOutline(plan)}`).toBe(true);
  }
  if (boardIndex === "in order") {
    const sortsUnderLimit = planNodes(plan).some((node) => node["Node Type"] === "Limit" && (node.Plans ?? []).some((child) => child["Node Type"] === "Sort"));
    expect(sortsUnderLimit, `${label}: a column is sorted rather than read in order\n${planOutline(plan)}`).toBe(false);
  }
}

const filters = (input: Record<string, string> = {}): BoardFilters => parseBoardQuery({ pipeline: PIPELINE, ...input });

/** The cursor after the card `offset` cards into `stage`'s column (dated first, then undated). */
async function cursorAt(stage: Stage, offset: number): Promise<string> {
  const { rows } = await owner.query<{ due_at: Date | null; id: string }>(
    `select due_at, id from registrations where agency_id = $1 and pipeline = $2 and stage = $3
     order by due_at asc nulls last, id asc offset $4 limit 1`,
    [actor.agency.id, PIPELINE, stage, offset],
  );
  const row = rows[0]!;
  return encodeCursor("due", row.due_at ? row.due_at.toISOString() : "", row.id);
}

beforeAll(async () => {
  const scale = await scaleDatabase(SCALE);
  url = scale.url;
  const agencyId = scale.agencyId;
  owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const { rows } = await owner.query<{ assignee_user_id: string }>(
    `select assignee_user_id from registrations where agency_id = $1 and assignee_user_id is not null limit 1`,
    [agencyId],
  );
  actor = { agency: { id: agencyId, slug: SLUG, name: SLUG, defaultLocale: "en", timeZone: "Asia/Shanghai", requireTotpForAdmins: false }, user: { id: rows[0]!.assignee_user_id } as BoardActor["user"], role: "staff" };
  app = new pg.Client({ connectionString: urlForRole(url, "weidesk_app", process.env.DATABASE_ROLE_PASSWORD) });
  await app.connect();
  console.log(`[board-explain] ${scale.summary}`);
}, 900_000);

afterAll(async () => {
  console.log(`[board-explain] DB execution time (EXPLAIN ANALYZE), SCALE ${SCALE}:\n${timings.join("\n")}`);
  await app?.end();
  await owner?.end();
  // The scale database is shared with the other EXPLAIN test: the global teardown drops it.
});

describe(`the board of a ${SCALE / 20}-card pipeline: columns read through registrations_column_idx`, () => {
  it("has the cards it needs", async () => {
    const { rows } = await owner.query<{ n: number; undated: number }>(
      `select count(*)::int as n, count(*) filter (where due_at is null)::int as undated from registrations where agency_id = $1 and pipeline = $2`,
      [actor.agency.id, PIPELINE],
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(SCALE / 25);
    expect(rows[0]!.undated).toBeGreaterThan(COLUMN_PAGE_SIZE);
  });

  it("the counts and every column's first cards, unfiltered and filtered", async () => {
    const columns = boardColumns(PIPELINE);
    for (const [label, input, order] of [
      ["no filter", {}, "in order"],
      ["mine", { assignee: "mine" }, true],
      ["overdue or due soon", { overdue: "1", soon: "1" }, true],
      ["waiting", { waiting: "any" }, true],
      ["type", { type: "service" }, true],
    ] as const) {
      await expectPlan(`columns, ${label}`, boardCardsSql(actor, PIPELINE, filters(input), now, columns), { boardIndex: order });
      await expectPlan(`counts, ${label}`, boardCountsSql(actor, PIPELINE, filters(input), now), { boardIndex: false });
    }
  });

  it("load more: deep among dated cards and among undated ones", async () => {
    const { rows } = await owner.query<{ stage: Stage; n: number; dated: number }>(
      `select stage, count(*)::int as n, count(due_at)::int as dated from registrations where agency_id = $1 and pipeline = $2
       group by stage order by count(*) desc`,
      [actor.agency.id, PIPELINE],
    );
    const dated = rows.find((row) => row.dated > 3 * COLUMN_PAGE_SIZE)!;
    const undated = rows.find((row) => row.n - row.dated > 3 * COLUMN_PAGE_SIZE)!;
    expect(dated, JSON.stringify(rows)).toBeDefined();
    expect(undated, JSON.stringify(rows)).toBeDefined();
    for (const [label, stage, offset] of [
      [`${dated.stage}, ${Math.floor(dated.dated / 2)} dated cards deep`, dated.stage, Math.floor(dated.dated / 2)],
      [`${undated.stage}, among undated cards`, undated.stage, undated.dated + Math.floor((undated.n - undated.dated) / 2)],
    ] as const) {
      const cursor = await cursorAt(stage, offset);
      const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string, string];
      const position = { due: decoded[1] === "" ? null : decoded[1], id: decoded[2] };
      await expectPlan(`load more, ${label}`, columnPageSql(actor, PIPELINE, filters(), now, stage, position, COLUMN_PAGE_SIZE + 1), { boardIndex: "in order" });
    }
  });

  it("the list view: one stage, and the whole pipeline", async () => {
    await expectPlan("list, one stage", columnPageSql(actor, PIPELINE, filters(), now, "documents", null, LIST_PAGE_SIZE + 1), { boardIndex: "in order" });
    await expectPlan("list, whole pipeline", columnPageSql(actor, PIPELINE, filters(), now, null, null, LIST_PAGE_SIZE + 1), { boardIndex: false });
  });
});
