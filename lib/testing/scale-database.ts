/**
 * The integration suite's one database at the bench's scale (design.md §8: 100 000
 * companies), shared by the EXPLAIN tests of the clients list (db/clients-explain.int.test.ts)
 * and of the board (lib/registration/board-explain.int.test.ts). Filling it is the slowest
 * thing the suite does, so it is done once per run, by whichever test file asks first: the
 * others wait on an advisory lock and then find it ready (a `scale_ready` marker table).
 * The global teardown drops it with the worker databases (its name matches their pattern).
 *
 * What it holds: the seed generator's data without the history no list or board query reads
 * (`history: false`: registration events, audit… are two thirds of the generator's time),
 * plus what the two tests need of it: a few percent of the companies archived, as a real
 * agency has (the clients list's archived filter), and every card's required documents,
 * two thirds approved, about as many as the bench's (the board's document progress).
 * Vacuumed and analysed: the capped counts are index-only scans, which need the visibility
 * map that autovacuum would otherwise set at a time of its choosing.
 */
import pg from "pg";
import { inject } from "vitest";
import { seedScale } from "@/db/seed-scale";
import { withDatabase } from "./global-setup";

export const SCALE_SLUG = "explain";

export type ScaleDatabase = {
  url: string;
  agencyId: string;
  /** How the generator's figures came out when it was filled (by this file or another). */
  summary: string;
};

/** Any fixed 64-bit key: the suite's lock on filling the scale database. */
const FILL_LOCK = 7_310_418_233;

function scaleDatabaseName(scale: number): string {
  return `${inject("templateDatabase")}_wscale${scale}`;
}

/**
 * The scale database at `scale` companies, filled on first use. Read it only: another test
 * file may be reading it at the same time.
 */
export async function scaleDatabase(scale: number): Promise<ScaleDatabase> {
  const database = scaleDatabaseName(scale);
  const url = withDatabase(inject("databaseServerUrl"), database);
  // Advisory locks belong to a database: take it in the server's `postgres` database, which
  // every test file's connection shares (each worker has a database of its own).
  const admin = new pg.Client({ connectionString: withDatabase(inject("databaseServerUrl"), "postgres") });
  await admin.connect();
  try {
    await admin.query("select pg_advisory_lock($1)", [FILL_LOCK]);
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (rowCount) {
      const ready = await readMarker(url);
      if (ready) return { url, ...ready };
      // A file that failed half-way left it: start again.
      await admin.query(`drop database ${admin.escapeIdentifier(database)} with (force)`);
    }
    await admin.query(`create database ${admin.escapeIdentifier(database)} template ${admin.escapeIdentifier(inject("templateDatabase"))}`);
    return { url, ...(await fill(url, scale)) };
  } finally {
    await admin.query("select pg_advisory_unlock($1)", [FILL_LOCK]).catch(() => undefined);
    await admin.end();
  }
}

async function readMarker(url: string): Promise<Omit<ScaleDatabase, "url"> | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ agency_id: string; summary: string }>(
      "select agency_id, summary from scale_ready where to_regclass('scale_ready') is not null",
    ).catch(() => ({ rows: [] as { agency_id: string; summary: string }[] }));
    return rows[0] ? { agencyId: rows[0].agency_id, summary: `${rows[0].summary} (filled by another test file)` } : null;
  } finally {
    await client.end();
  }
}

async function fill(url: string, scale: number): Promise<Omit<ScaleDatabase, "url">> {
  const seeded = await seedScale(url, { companies: scale, slug: SCALE_SLUG, smallAgencies: 5, history: false });
  const agencyId = seeded.agencies.find((agency) => agency.slug === SCALE_SLUG)!.agencyId;
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    // The generator archives nobody: archive a few percent, so the clients list's filter has rows to find.
    await owner.query(
      `update client_companies set archived_at = updated_at + interval '1 day' where agency_id = $1 and hashtext(id::text) % 33 = 0`,
      [agencyId],
    );
    // Each card's required kinds linked to it, two thirds approved (the board's document progress).
    await owner.query(`create temp table g_docs as
      select gen_random_uuid() as id, r.agency_id, r.client_company_id, r.id as registration_id, q.kind
      from registrations r join pipeline_required_documents q on q.pipeline = r.pipeline`);
    await owner.query(`insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at)
      select id, agency_id, client_company_id, kind, (case when hashtext(id::text) % 3 = 0 then 'uploaded' else 'approved' end)::document_status, now(), now()
      from g_docs`);
    await owner.query(`insert into document_registrations (agency_id, client_company_id, document_id, registration_id)
      select agency_id, client_company_id, id, registration_id from g_docs`);
    await owner.query(
      "vacuum analyze client_companies, client_company_grams, registrations, official_accounts, wecom_corps, people, documents, document_registrations, users",
    );
    const summary =
      `${seeded.rows.client_companies} companies, ${seeded.rows.registrations} cards, ` +
      `${seeded.rows.official_accounts} Official Accounts generated in ${(seeded.ms / 1000).toFixed(1)} s`;
    await owner.query("create table scale_ready (agency_id uuid not null, summary text not null)");
    await owner.query("insert into scale_ready values ($1, $2)", [agencyId, summary]);
    return { agencyId, summary };
  } finally {
    await owner.end();
  }
}
