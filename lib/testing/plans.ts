/**
 * Reading PostgreSQL plans in the EXPLAIN tests (design.md §8: "no seq scan of a big table"):
 * the plan tree as EXPLAIN (FORMAT JSON) gives it, its nodes, an outline for failure
 * messages, and EXPLAIN of a drizzle query as weidesk_app in a read-only tenant transaction,
 * with the parameters the app binds (entered as db/tenant.ts enters: weidesk_enter_tenant).
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Scan Direction"?: string;
  Plans?: PlanNode[];
};

/** Every node of a plan tree, depth first. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** A compact outline of the plan, one node a line, for a failure message. */
export function planOutline(node: PlanNode, depth = 0): string {
  const on = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
  const using = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
  return [`${"  ".repeat(depth)}${node["Node Type"]}${on}${using}`, ...(node.Plans ?? []).map((child) => planOutline(child, depth + 1))].join(
    "\n",
  );
}

/** The plan's sequential scans of `tables`, as "Seq Scan on <table>". */
export function seqScansOf(plan: PlanNode, tables: ReadonlySet<string>): string[] {
  return planNodes(plan)
    .filter((node) => node["Node Type"] === "Seq Scan" && tables.has(node["Relation Name"] ?? ""))
    .map((node) => `Seq Scan on ${node["Relation Name"]}`);
}

const dialect = new PgDialect();

/**
 * EXPLAIN, then EXPLAIN ANALYZE, of `query` on `app` (a weidesk_app connection) in a
 * read-only transaction as `tenant`'s agency and user: the plan, and the execution time
 * for the record (the benchmark, not the tests, holds the time targets).
 */
export async function explainAsTenant(
  app: pg.Client,
  tenant: { agencyId: string; userId: string },
  query: SQL,
): Promise<{ plan: PlanNode; ms: number }> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  await app.query("begin read only");
  try {
    await app.query(
      "select weidesk_enter_tenant($1, $2, '')",
      [tenant.agencyId, tenant.userId],
    );
    const { rows } = await app.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`explain (format json) ${text}`, params);
    const { rows: analysed } = await app.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(`explain (analyze, format json) ${text}`, params);
    return { plan: rows[0]!["QUERY PLAN"][0].Plan, ms: analysed[0]!["QUERY PLAN"][0]["Execution Time"] };
  } finally {
    await app.query("rollback");
  }
}
