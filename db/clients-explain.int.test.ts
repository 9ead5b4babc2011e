/**
 * The clients list's plans at scale (issue 6 §4, design.md §8: "plan after ANALYZE with
 * default planner settings: no seq scan of a big table, also for 2-character Chinese
 * searches"). A fresh database cloned from the migrated template is filled by the bulk
 * generator (db/seed-scale.ts) and vacuumed and analysed (default planner settings); then every query the list sends — each sort
 * both ways, on the first page and on a keyset page deep in; the kind, assignee, archived
 * pipeline/stage and "has overdue work" filters; a 2-character Chinese search, credit-code searches and an
 * exact WeChat ID; and the capped count of each — is EXPLAINed as weidesk_app inside a
 * tenant transaction (entered as db/tenant.ts enters, read only as the list runs), with
 * the same bound parameters the app sends, and no plan node may be a sequential scan of
 * client_companies, registrations, official_accounts, wecom_corps, people or documents.
 * The statements inside the SECURITY DEFINER search and pipeline functions, which the outer
 * plan shows only as a Function Scan, are checked too, by auto_explain (nestedPlans).
 * Each query's execution time from EXPLAIN ANALYZE is printed for the record (the
 * benchmark, not this test, holds the time targets: design.md §8).
 *
 * Scale: the bench's 100 000 companies (`db:seed --scale 100000`), with their 150 000
 * cards, 125 000 Official Accounts and 25 000 WeCom corps, generated exactly as the seed
 * makes them, in the suite's one scale database that the board's EXPLAIN test shares
 * (lib/testing/scale-database.ts: without the history no list query reads, which is two
 * thirds of the generator's time). The plans depend only on the tables a query reads, so
 * they are the plans of the full data set. `CLIENTS_EXPLAIN_SCALE=N` runs it at another size.
 */
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCountSql, listPageSql, listSql, SEARCH_LOOKUP_CAP } from "@/lib/clients/list";
import { companyListQuerySchema, companySorts, type CompanyListQuery } from "@/lib/clients/schemas";
import { COUNT_CAP, encodeCursor } from "@/lib/lists/keyset";
import { explainAsTenant, planOutline, seqScansOf, type PlanNode } from "@/lib/testing/plans";
import { scaleDatabase } from "@/lib/testing/scale-database";
import { urlForRole } from "./roles";

const SCALE = Number(process.env.CLIENTS_EXPLAIN_SCALE ?? 100_000);
/** The big tables: none of them may be read by a sequential scan. */
const BIG_TABLES = new Set(["client_companies", "client_company_grams", "registrations", "official_accounts", "wecom_corps", "people", "documents"]);

const dialect = new PgDialect();

let url: string;
let owner: pg.Client;
let app: pg.Client;
/** A superuser session with auto_explain loaded: see nestedPlans. */
let nested: pg.Client;
let agencyId: string;
let assigneeId: string;
const timings: string[] = [];

/**
 * The plans of the statements run INSIDE the list's SECURITY DEFINER search and pipeline
 * functions (weidesk_search_companies, weidesk_companies_in_stage, weidesk_companies_overdue), which EXPLAIN of the
 * outer query shows only as a Function Scan. auto_explain, loaded in a superuser session
 * that then runs the query as weidesk_app (SET ROLE: the policies are weidesk_app's, and
 * inside the functions weidesk_owner's, exactly as in the app), sends every nested
 * statement's plan back as a NOTICE.
 */
async function nestedPlans(query: SQL): Promise<PlanNode[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const plans: PlanNode[] = [];
  const onNotice = (notice: { message?: string }) => {
    const message = notice.message ?? "";
    const start = message.indexOf("{");
    if (!message.includes("plan:") || start < 0) return;
    plans.push((JSON.parse(message.slice(start)) as { Plan: PlanNode }).Plan);
  };
  nested.on("notice", onNotice);
  await nested.query("begin read only");
  try {
    await nested.query("set local role weidesk_app");
    await nested.query("select weidesk_enter_tenant($1, $2, '')", [agencyId, assigneeId]);
    await nested.query(text, params);
  } finally {
    await nested.query("rollback");
    nested.off("notice", onNotice);
  }
  return plans;
}

/** EXPLAIN (and EXPLAIN ANALYZE) of `query` as weidesk_app in the agency's read-only tenant transaction. */
const explain = (query: SQL) => explainAsTenant(app, { agencyId, userId: assigneeId }, query);

const SORT_KEY = {
  name: "c.sort_name",
  created: `to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  updated: `to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
} as const;
const SORT_COLUMN = { name: "c.sort_name", created: "c.created_at", updated: "c.updated_at" } as const;

/** The cursor of the page that starts `offset` active rows into the sort (what the list would hand out there). */
async function cursorAt(sort: CompanyListQuery["sort"], dir: CompanyListQuery["dir"], offset: number): Promise<string> {
  const { rows } = await owner.query<{ key: string; id: string }>(
    `select ${SORT_KEY[sort]} as key, c.id from client_companies c where c.agency_id = $1 and c.archived_at is null
     order by ${SORT_COLUMN[sort]} ${dir}, c.id ${dir} offset $2 limit 1`,
    [agencyId, offset],
  );
  return encodeCursor(sort, rows[0]!.key, rows[0]!.id);
}

const query = (input: Record<string, string>) => companyListQuerySchema.parse(input);

beforeAll(async () => {
  const scale = await scaleDatabase(SCALE);
  url = scale.url;
  agencyId = scale.agencyId;
  owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const { rows } = await owner.query<{ assignee_user_id: string }>(
    `select assignee_user_id from client_companies where agency_id = $1 and assignee_user_id is not null limit 1`,
    [agencyId],
  );
  assigneeId = rows[0]!.assignee_user_id;
  app = new pg.Client({ connectionString: urlForRole(url, "weidesk_app", process.env.DATABASE_ROLE_PASSWORD) });
  await app.connect();
  nested = new pg.Client({ connectionString: url });
  await nested.connect();
  await nested.query("load 'auto_explain'");
  await nested.query(
    "set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; " +
      "set auto_explain.log_format = json; set auto_explain.log_level = notice; set client_min_messages = notice",
  );
  console.log(`[clients-explain] ${scale.summary}`);
}, 600_000);

afterAll(async () => {
  console.log(`[clients-explain] DB execution time (EXPLAIN ANALYZE), SCALE ${SCALE}:\n${timings.join("\n")}`);
  await app?.end();
  await nested?.end();
  await owner?.end();
  // The scale database is shared with the other EXPLAIN test: the global teardown drops it.
});

/** EXPLAINs the page and the count of `input`: neither may scan a big table sequentially. */
async function expectIndexedPlans(label: string, input: Record<string, string> | (() => Promise<Record<string, string>>)) {
  const values = query(typeof input === "function" ? await input() : input);
  const page = await explain(listPageSql(agencyId, values));
  const count = await explain(listCountSql(agencyId, values));
  timings.push(`  ${label.padEnd(48)} page ${page.ms.toFixed(2).padStart(8)} ms   count ${count.ms.toFixed(2).padStart(8)} ms`);
  expect(seqScansOf(page.plan, BIG_TABLES), `page of ${label}:\n${planOutline(page.plan)}`).toEqual([]);
  expect(seqScansOf(count.plan, BIG_TABLES), `count of ${label}:\n${planOutline(count.plan)}`).toEqual([]);
  const { sql: text } = dialect.sqlToQuery(listPageSql(agencyId, values));
  if (/weidesk_(search_companies|companies_in_stage|companies_overdue)\(/.test(text)) {
    // The function's own statements: they must use the indexes too (ADR 0009).
    const inner = await nestedPlans(listPageSql(agencyId, values));
    expect(inner.length, `auto_explain saw no statement for ${label}`).toBeGreaterThan(1);
    for (const plan of inner) expect(seqScansOf(plan, BIG_TABLES), `inside a function, ${label}:\n${planOutline(plan)}`).toEqual([]);
  }
}

describe(`the clients list at ${SCALE} companies: no sequential scan of a big table`, () => {
  it("has the rows it needs", async () => {
    const { rows } = await owner.query<{ n: number; archived: number }>(
      `select count(*)::int as n, count(archived_at)::int as archived from client_companies where agency_id = $1`,
      [agencyId],
    );
    expect(rows[0]!.n).toBe(SCALE);
    expect(rows[0]!.archived).toBeGreaterThan(SCALE / 50);
    expect(rows[0]!.n - rows[0]!.archived).toBeGreaterThan(COUNT_CAP); // the count is capped, not exhaustive
  });

  for (const sort of companySorts) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort ${sort} ${dir}: the first page and a page ${Math.floor(SCALE / 2)} rows deep`, async () => {
        await expectIndexedPlans(`sort ${sort} ${dir}, first page`, { sort, dir });
        await expectIndexedPlans(`sort ${sort} ${dir}, deep page`, async () => ({
          sort,
          dir,
          after: await cursorAt(sort, dir, Math.floor(SCALE / 2)),
        }));
      });
    }
  }

  it("filters: kind, assignee, unassigned, archived, all, pipeline, pipeline and stage, overdue", async () => {
    await expectIndexedPlans("kind cn_individual", { kind: "cn_individual" });
    await expectIndexedPlans("kind overseas, by created desc", { kind: "overseas", sort: "created", dir: "desc" });
    await expectIndexedPlans("one assignee", { assignee: assigneeId });
    await expectIndexedPlans("one assignee, deep page", async () => {
      const { rows } = await owner.query<{ key: string; id: string }>(
        `select sort_name as key, id from client_companies where agency_id = $1 and assignee_user_id = $2 and archived_at is null
         order by sort_name, id offset 1000 limit 1`,
        [agencyId, assigneeId],
      );
      return { assignee: assigneeId, after: encodeCursor("name", rows[0]!.key, rows[0]!.id) };
    });
    await expectIndexedPlans("unassigned", { assignee: "none" });
    await expectIndexedPlans("archived", { archived: "archived" });
    await expectIndexedPlans("archived and active", { archived: "all", sort: "updated", dir: "desc" });
    await expectIndexedPlans("pipeline oa_overseas", { pipeline: "oa_overseas" });
    await expectIndexedPlans("pipeline oa_cn_org, stage under_review", { pipeline: "oa_cn_org", stage: "under_review" });
    await expectIndexedPlans("has overdue work", { overdue: "1" });
    await expectIndexedPlans("has overdue work, one assignee", { overdue: "1", assignee: assigneeId });
  });

  it("search: 2 Chinese characters, a full and a partial credit code, a WeChat ID", async () => {
    const { rows } = await owner.query<{ name: string; uscc: string; wechat_id: string }>(
      `select c.legal_name_zh as name, c.uscc, oa.wechat_id from client_companies c
       join official_accounts oa on oa.client_company_id = c.id
       where c.agency_id = $1 and c.kind = 'cn_org' and oa.wechat_id is not null order by c.id limit 1`,
      [agencyId],
    );
    const sample = rows[0]!;
    // The first two characters: a city, shared by many names — the hard case for the planner.
    await expectIndexedPlans(`Chinese "${sample.name.slice(0, 2)}"`, { q: sample.name.slice(0, 2) });
    await expectIndexedPlans(`Chinese "${sample.name.slice(2, 4)}"`, { q: sample.name.slice(2, 4) });
    await expectIndexedPlans("full credit code", { q: sample.uscc });
    await expectIndexedPlans("partial credit code, lower case", { q: sample.uscc.slice(4, 14).toLowerCase() });
    await expectIndexedPlans("WeChat ID", { q: sample.wechat_id });
  });

  it("a Chinese search, rare, common or clustered in name order, finds what a plain query finds, page after page (ADR 0027, 0028)", async () => {
    // 「公司」 is in most generated names, 「圳市」 in every 深圳市 one (all together in name
    // order), 「有限公司」 has three common pairs, 「州华」 is rare: posting lists, the
    // walk of a time order past SEARCH_LOOKUP_CAP, and the lookup below it.
    const where = `c.agency_id = $1 and c.archived_at is null and c.search_name like '%' || $2 || '%'`;
    const plain = async (q: string, sort: CompanyListQuery["sort"], dir: "asc" | "desc", after?: string) => {
      const keyset = after ? `and (${SORT_COLUMN[sort]}, c.id) ${dir === "asc" ? ">" : "<"} ((select ${SORT_COLUMN[sort]} from client_companies c where c.id = $3), $3::uuid)` : "";
      const { rows } = await owner.query<{ id: string; key: string }>(
        `select c.id, ${SORT_KEY[sort]} as key from client_companies c where ${where} ${keyset}
         order by ${SORT_COLUMN[sort]} ${dir}, c.id ${dir} limit 51`,
        after ? [agencyId, q, after] : [agencyId, q],
      );
      return rows;
    };
    const listed = async (input: Record<string, string>) => {
      await app.query("begin read only");
      try {
        await app.query("select weidesk_enter_tenant($1, $2, '')", [agencyId, assigneeId]);
        const { sql: text, params } = dialect.sqlToQuery(listSql(agencyId, query(input)));
        const { rows } = await app.query<{ total: number; id: string | null }>(text, params);
        return { total: rows[0]!.total, ids: rows.flatMap((r) => (r.id ? [r.id] : [])) };
      } finally {
        await app.query("rollback");
      }
    };
    const matches: Record<string, number> = {};
    for (const q of ["公司", "圳市", "有限公司", "州华"]) {
      const { rows: counted } = await owner.query<{ n: number }>(
        `select count(*)::int as n from (select 1 from client_companies c where ${where} limit ${COUNT_CAP + 1}) t`,
        [agencyId, q],
      );
      matches[q] = counted[0]!.n;
      for (const [sort, dir] of [["name", "asc"], ["name", "desc"], ["updated", "desc"], ["created", "asc"]] as const) {
        const first = await listed({ q, sort, dir });
        const expected = await plain(q, sort, dir);
        expect(first.total, `${q} by ${sort} ${dir}: total`).toBe(matches[q]);
        expect(first.ids, `${q} by ${sort} ${dir}: first page`).toEqual(expected.map((r) => r.id));
        if (expected.length < 51) continue;
        // A page further on: the keyset goes into the posting list or the walk.
        const at = expected[49]!;
        const next = await listed({ q, sort, dir, after: encodeCursor(sort, at.key, at.id) });
        expect(next.ids, `${q} by ${sort} ${dir}: second page`).toEqual((await plain(q, sort, dir, at.id)).map((r) => r.id));
      }
    }
    expect(matches["公司"]).toBeGreaterThan(SEARCH_LOOKUP_CAP);
    expect(matches["圳市"]).toBeGreaterThan(SEARCH_LOOKUP_CAP);
    expect(matches["州华"]).toBeGreaterThan(0);
    expect(matches["州华"]).toBeLessThan(SEARCH_LOOKUP_CAP);
    await expectIndexedPlans('Chinese "公司" (posting list)', { q: "公司" });
    await expectIndexedPlans('Chinese "圳市" (posting list, clustered)', { q: "圳市" });
    await expectIndexedPlans('Chinese "有限公司" (rarest pair)', { q: "有限公司" });
    await expectIndexedPlans('Chinese "公司" by update (walked)', { q: "公司", sort: "updated", dir: "desc" });
    await expectIndexedPlans('Chinese "州华" by creation (looked up)', { q: "州华", sort: "created" });
  });

  it("the capped count without filters", async () => {
    await expectIndexedPlans("everything (capped count)", {});
  });
});
