/**
 * The demo seed and the bulk generator, on fresh databases cloned from the migrated
 * template: the seed is complete (every stage, status and slot story), deterministic
 * and idempotent; the generator makes the bench's proportions, passes every
 * constraint (foreign keys checked row by row here) and stays inside its tenant.
 */
import { createHash } from "node:crypto";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { fileTypeFromBuffer } from "file-type";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runReconciliation } from "@/lib/documents/storage-jobs";
import { finalKey } from "@/lib/documents/upload";
import { bucket, s3 } from "@/lib/storage/s3";
import { decryptPii, hmacPii, parsePiiKeys } from "@/lib/crypto/pii";
import { documentStatuses, MAX_IMAGE_BYTES } from "@/lib/documents/kinds";
import { nationalDays } from "@/lib/registration/holidays";
import { resetAppState } from "@/lib/testing/app-state";
import { withDatabase } from "@/lib/testing/global-setup";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { parseResidentId } from "@/lib/validation/resident-id";
import { checkUscc } from "@/lib/validation/uscc";
import { urlForRole } from "./roles";
import { DEMO_AGENCY, DEMO_CLIENT_COMPANY, DEMO_USERS, SECOND_AGENCY, seedDatabase, seedPiiKeys } from "./seed";
import { SMALL_AGENCY_COMPANIES, seedScale } from "./seed-scale";

// Names matching the global teardown's pattern, so a failed run leaves nothing behind.
const fresh = (suffix: string) => `${inject("templateDatabase")}_wseed${process.env.VITEST_POOL_ID ?? "0"}_${suffix}`;
const admin = () => new pg.Client({ connectionString: workerDatabaseUrl() });

let urlA: string;
let urlB: string;
let a: pg.Client;
let demoId: string;

async function createFresh(name: string): Promise<string> {
  const client = admin();
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(inject("templateDatabase"))}`);
  } finally {
    await client.end();
  }
  return withDatabase(inject("databaseServerUrl"), name);
}

/** Row count and a checksum of every public table's content. */
async function snapshot(client: pg.Client): Promise<Record<string, string>> {
  const { rows: tables } = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const { rows } = await client.query<{ n: number; sum: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum from ${client.escapeIdentifier(table)} t`,
    );
    out[table] = `${rows[0]!.n} ${rows[0]!.sum}`;
  }
  return out;
}

/** What the seed decides, without ids, ciphertexts or times (which follow the clock). */
async function content(client: pg.Client): Promise<Record<string, string[]>> {
  const queries: Record<string, string> = {
    companies: "select concat_ws('|', kind, subject_type, legal_name_zh, name_en, uscc, legacy_org_code, country, foreign_registration_number, industry, scale, address) from client_companies",
    people: "select concat_ws('|', name, id_type, id_mask, birth_date, mobile, fixed_line, email) from people",
    cards: "select concat_ws('|', pipeline, stage, resume_stage, waiting, version) from registrations",
    accounts: "select concat_ws('|', name, account_type, introduction, login_email, wechat_id, original_id, verification_status) from official_accounts",
    corps: "select concat_ws('|', corp_name, short_name, tier, corp_id, verification_status) from wecom_corps",
    documents: "select concat_ws('|', kind, status, signed, chopped, colour_scan, version) from documents",
    versions: "select concat_ws('|', size_bytes, encode(sha256, 'hex'), etag, detected_type, original_name) from document_versions",
    reviews: "select concat_ws('|', decision, reason) from document_reviews",
    slots: "select concat_ws('|', slot, official_account_id is null) from id_slots",
    notes: "select body from notes",
  };
  const out: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(queries)) {
    out[name] = (await client.query<{ v: string }>(`select v from (${text}) s(v) order by 1`)).rows.map((r) => r.v);
  }
  return out;
}

// The seeds' files go to a bucket of this file's own: s3rver fails a listing that meets a
// PUT in progress, and the other files' jobs list the shared bucket. The app's worker pool
// (runReconciliation) reads database A.
const SEED_BUCKET = "weidesk-test-seed";
const savedEnv = { S3_BUCKET: process.env.S3_BUCKET, DATABASE_WORKER_URL: process.env.DATABASE_WORKER_URL };

beforeAll(async () => {
  [urlA, urlB] = await Promise.all([createFresh(fresh("a")), createFresh(fresh("b"))]);
  a = new pg.Client({ connectionString: urlA });
  await a.connect();
  await resetAppState();
  process.env.DATABASE_WORKER_URL = urlForRole(urlA, "weidesk_worker", process.env.DATABASE_ROLE_PASSWORD);
  process.env.S3_BUCKET = SEED_BUCKET;
  await s3().send(new CreateBucketCommand({ Bucket: SEED_BUCKET })).catch((error: Error) => {
    if (!/BucketAlready/.test(error.name)) throw error;
  });
});

afterAll(async () => {
  await resetAppState();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await a?.end();
  const client = admin();
  await client.connect();
  try {
    for (const name of [fresh("a"), fresh("b")]) {
      await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    }
  } finally {
    await client.end();
  }
});

describe("the demo seed", () => {
  it("seeds a fresh database once: the second run changes nothing", async () => {
    const first = await seedDatabase(urlA, { demoPassword: "demo-password-1", env: process.env });
    demoId = (await a.query<{ id: string }>("select id from agencies where slug = $1", [DEMO_AGENCY.slug])).rows[0]!.id;
    expect(first).toMatchObject({ agencySlug: DEMO_AGENCY.slug, created: true, files: { outcome: "put" } });
    const before = await snapshot(a);
    const second = await seedDatabase(urlA, { demoPassword: "demo-password-2", env: process.env });
    expect(second.created).toBe(false);
    // The files are in the bucket already: the second run puts none.
    expect(second.files).toMatchObject({ outcome: "put", put: 0 });
    expect(first.files.outcome === "put" && first.files.put).toBe(second.files.outcome === "put" && second.files.present);
    expect(await snapshot(a)).toEqual(before);
  });

  it("gives both demo agencies the national holiday calendar", async () => {
    const { rows } = await a.query<{ slug: string; days: string[] }>(
      `select a.slug, array_agg(h.date::text || ' ' || h.kind || ' ' || h.name order by h.date) as days
       from agencies a join holidays h on h.agency_id = a.id where a.slug in ($1, $2) group by 1 order by 1`,
      [DEMO_AGENCY.slug, SECOND_AGENCY.slug],
    );
    const national = nationalDays().map((day) => `${day.date} ${day.kind} ${day.name}`);
    expect(rows).toEqual([
      { slug: DEMO_AGENCY.slug, days: national },
      { slug: SECOND_AGENCY.slug, days: national },
    ]);
  });

  it("makes the same data in another fresh database", async () => {
    await seedDatabase(urlB, { demoPassword: "demo-password-1", env: process.env });
    const b = new pg.Client({ connectionString: urlB });
    await b.connect();
    try {
      expect(await content(b)).toEqual(await content(a));
    } finally {
      await b.end();
    }
  });

  it("has about sixty clients of every kind, and the users others sign in with", async () => {
    const { rows } = await a.query<{ kind: string; n: number }>(
      "select kind, count(*)::int as n from client_companies where agency_id = $1 group by 1 order by 1",
      [demoId],
    );
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    expect(byKind.cn_org).toBeGreaterThanOrEqual(30);
    expect(byKind.cn_individual).toBeGreaterThanOrEqual(12);
    expect(byKind.overseas).toBeGreaterThanOrEqual(8);
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(55);
    expect(total).toBeLessThanOrEqual(70);

    const { rows: members } = await a.query<{ email: string; role: string; uscc: string | null }>(
      `select u.email, m.role, c.uscc from memberships m join users u on u.id = m.user_id
       left join client_companies c on c.id = m.client_company_id where m.agency_id = $1 order by u.email`,
      [demoId],
    );
    expect(members).toEqual(
      DEMO_USERS.map((u) => ({ email: u.email, role: u.role, uscc: u.role === "client_admin" ? DEMO_CLIENT_COMPANY.uscc : null }))
        .sort((x, y) => x.email.localeCompare(y.email)),
    );
    const { rows: second } = await a.query(
      "select u.email from memberships m join agencies g on g.id = m.agency_id join users u on u.id = m.user_id where g.slug = $1",
      [SECOND_AGENCY.slug],
    );
    expect(second).toEqual([{ email: "staff@yunfan.example" }]);
    // Every cn_individual client is one person, linked to nothing else.
    const { rows: individuals } = await a.query(
      `select c.id from client_companies c where c.agency_id = $1 and c.kind = 'cn_individual'
       and (select count(distinct person_id) from person_companies pc where pc.client_company_id = c.id) <> 1`,
      [demoId],
    );
    expect(individuals).toEqual([]);
  });

  it("has a card in every stage of every pipeline, with its history from intake", async () => {
    const { rows: missing } = await a.query(
      `select ps.pipeline, ps.stage from pipeline_stages ps
       where not exists (select 1 from registrations r where r.agency_id = $1 and r.pipeline = ps.pipeline and r.stage = ps.stage)`,
      [demoId],
    );
    expect(missing).toEqual([]);
    const { rows: broken } = await a.query(
      `select r.id from registrations r
       where r.agency_id = $1 and (
         (select count(*) from registration_events e where e.registration_id = r.id) <> r.version
         or not exists (select 1 from registration_events e where e.registration_id = r.id and e.from_stage is null and e.to_stage = 'intake' and e.at = r.created_at)
         or not exists (select 1 from registration_events e where e.registration_id = r.id and e.to_stage = r.stage and e.at = r.stage_entered_at)
         or r.stage_entered_at > $2 or r.created_at > r.stage_entered_at)`,
      [demoId, new Date()],
    );
    expect(broken).toEqual([]);
    // Deadlines where design.md §5 sets them, and only there.
    const { rows: due } = await a.query<{ stage: string; with_due: boolean }>(
      `select distinct stage, due_at is not null as with_due from registrations where agency_id = $1 and stage in
       ('account_created', 'under_review', 'awaiting_response', 'verification_submitted', 'on_hold', 'rejected', 'abandoned')`,
      [demoId],
    );
    for (const row of due) expect(row.with_due, row.stage).toBe(!["on_hold", "rejected", "abandoned"].includes(row.stage));
  });

  it("uses both slots of some IDs, and a slot only for a live account whose operator holds that ID", async () => {
    const { rows: both } = await a.query(
      "select operator_id_hmac from id_slots where agency_id = $1 group by 1 having count(*) = 2",
      [demoId],
    );
    expect(both.length).toBeGreaterThanOrEqual(3);
    const { rows: external } = await a.query(
      "select 1 from id_slots where agency_id = $1 and external_account_id is not null",
      [demoId],
    );
    expect(external.length).toBeGreaterThan(0);
    const { rows: wrong } = await a.query(
      `select s.* from id_slots s
       left join official_accounts o on o.id = s.official_account_id
       left join external_accounts x on x.id = s.external_account_id
       join people p on p.id = coalesce(o.operator_person_id, x.operator_person_id)
       left join registrations r on r.id = o.registration_id
       where s.agency_id = $1 and (p.id_number_hmac <> s.operator_id_hmac or r.stage in ('rejected', 'abandoned'))`,
      [demoId],
    );
    expect(wrong).toEqual([]);
    const { rows: missed } = await a.query(
      `select o.id from official_accounts o join registrations r on r.id = o.registration_id
       where o.agency_id = $1 and o.operator_person_id is not null and r.stage not in ('rejected', 'abandoned')
       and not exists (select 1 from id_slots s where s.official_account_id = o.id)`,
      [demoId],
    );
    expect(missed).toEqual([]);
  });

  it("has documents in every status, with versions and reviews that agree", async () => {
    const { rows } = await a.query<{ status: string }>("select distinct status from documents where agency_id = $1", [demoId]);
    // Quarantined comes only from a stored object that drifted from its row: the seed's match theirs.
    expect(rows.map((r) => r.status).sort()).toEqual(documentStatuses.filter((s) => s !== "quarantined").sort());
    const { rows: broken } = await a.query(
      `select d.id, d.status from documents d
       left join lateral (select v.id, v.s3_key, v.agency_id from document_versions v where v.document_id = d.id order by v.uploaded_at desc limit 1) last on true
       left join lateral (select w.decision from document_reviews w where w.document_version_id = last.id order by w.at desc limit 1) review on true
       where d.agency_id = $1 and (
         (d.status = 'requested') <> (last.id is null)
         or (d.status in ('approved', 'expired') and review.decision is distinct from 'approve')
         or (d.status = 'rejected' and review.decision is distinct from 'reject')
         or (d.status = 'uploaded' and review.decision is not null)
         or last.s3_key <> 'agencies/' || last.agency_id || '/companies/' || d.client_company_id || '/documents/' || d.id || '/' || last.id)`,
      [demoId],
    );
    expect(broken).toEqual([]);
    const { rows: requests } = await a.query<{ status: string }>(
      "select distinct status from document_requests where agency_id = $1",
      [demoId],
    );
    expect(requests.map((r) => r.status).sort()).toEqual(["cancelled", "fulfilled", "open"]);
    const { rows: comments } = await a.query(
      "select 1 from document_request_comments where agency_id = $1",
      [demoId],
    );
    expect(comments.length).toBeGreaterThan(0);
  });

  it("puts every version's file in the bucket as its row describes it, under upload.ts's key", async () => {
    const { rows } = await a.query<{
      id: string; agency_id: string; client_company_id: string; document_id: string; s3_key: string;
      size_bytes: number; sha256: Buffer; etag: string; detected_type: string;
    }>(
      `select v.id, v.agency_id, v.client_company_id, v.document_id, v.s3_key, v.size_bytes::int as size_bytes, v.sha256, v.etag, v.detected_type
       from document_versions v join agencies g on g.id = v.agency_id where g.slug in ($1, $2) order by v.id`,
      [DEMO_AGENCY.slug, SECOND_AGENCY.slug],
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.s3_key).toBe(
        finalKey({ agencyId: row.agency_id, clientCompanyId: row.client_company_id, documentId: row.document_id, versionId: row.id }),
      );
    }
    for (let start = 0; start < rows.length; start += 8) {
      await Promise.all(
        rows.slice(start, start + 8).map(async (row) => {
          const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: row.s3_key }));
          expect({ size: head.ContentLength, etag: head.ETag }, row.s3_key).toEqual({ size: row.size_bytes, etag: row.etag });
        }),
      );
    }
    // A sample of the bytes themselves: their hash, their type, and the upload's size limit.
    const step = Math.max(1, Math.floor(rows.length / 20));
    for (const row of rows.filter((_, i) => i % step === 0)) {
      const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: row.s3_key }));
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      expect(createHash("sha256").update(bytes).digest("hex"), row.s3_key).toBe(row.sha256.toString("hex"));
      expect((await fileTypeFromBuffer(bytes))?.mime).toBe(row.detected_type);
      expect(bytes.length).toBeLessThan(MAX_IMAGE_BYTES);
    }
  });

  it("leaves the storage reconciliation of the demo agency nothing to report", async () => {
    const agencyId = demoId;
    const { rows: versions } = await a.query<{ id: string; s3_key: string }>(
      "select id, s3_key from document_versions where agency_id = $1 order by id",
      [agencyId],
    );
    const report = await runReconciliation(agencyId, new Date());
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ versionsChecked: versions.length, objectsScanned: versions.length });

    // It would notice: one object changed behind the rows' back is reported (and quarantined).
    const changed = versions[0]!;
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: changed.s3_key, Body: Buffer.from("not the demo file") }));
    const after = await runReconciliation(agencyId, new Date());
    expect(after.findings).toEqual([expect.objectContaining({ kind: "mismatch", versionId: changed.id })]);
  });

  it("stores ID numbers that decrypt to valid numbers whose HMAC matches", async () => {
    const keys = parsePiiKeys(process.env.PII_KEYS!, process.env.PII_HMAC_KEY!);
    const { rows } = await a.query<{ id_type: string; id_number_ciphertext: Buffer; id_key_id: string; id_number_hmac: Buffer; id_mask: string }>(
      "select id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask from people",
    );
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const number = decryptPii(keys, row.id_number_ciphertext, row.id_key_id);
      expect(hmacPii(keys, number).equals(row.id_number_hmac)).toBe(true);
      if (row.id_type === "prc_resident_id") {
        expect(parseResidentId(number, { today: new Date() }), number).toMatchObject({ ok: true });
        expect(row.id_mask).toBe(`${number.slice(0, 6)}********${number.slice(-4)}`);
      }
    }
    const { rows: usccs } = await a.query<{ uscc: string }>("select uscc from client_companies where uscc is not null");
    for (const { uscc } of usccs) expect(checkUscc(uscc).ok, uscc).toBe(true);
  });

  it("refuses clearly without the PII keys", () => {
    const saved = { keys: process.env.PII_KEYS };
    delete process.env.PII_KEYS;
    try {
      expect(() => seedPiiKeys()).toThrow(/PII_KEYS and PII_HMAC_KEY/);
    } finally {
      if (saved.keys) process.env.PII_KEYS = saved.keys;
    }
  });
});

describe("the generator", () => {
  const slug = `gen-${process.pid}`;
  let agencyId: string;

  it("fills a new agency with N companies and the bench's proportions", async () => {
    const result = await seedScale(urlA, { companies: 200, slug, smallAgencies: 1, foreignKeyChecks: true });
    const main = result.agencies.find((x) => x.slug === slug)!;
    expect(main.created).toBe(true);
    agencyId = main.agencyId;
    expect(main.rows).toMatchObject({
      client_companies: 200,
      people: 200,
      person_companies: 400,
      registrations: 300,
      official_accounts: 250,
      official_account_names: 250,
      wecom_corps: 50,
      audit_events: 500,
      holidays: nationalDays().length,
    });
    expect(main.rows.documents).toBeGreaterThan(3.6 * 200);
    expect(main.rows.documents).toBeLessThan(4.4 * 200);
    expect(main.rows.registration_events).toBeGreaterThan(4 * 300);
    expect(result.agencies.find((x) => x.slug === `${slug}-small-01`)!.rows.client_companies).toBe(SMALL_AGENCY_COMPANIES);

    const { rows } = await a.query<{ pipeline: string; n: number }>(
      "select pipeline, count(*)::int as n from registrations where agency_id = $1 group by 1 order by 1",
      [agencyId],
    );
    // 5% of N in the oa_overseas pipeline: the bench's 5 000-card board at N = 100 000.
    expect(Object.fromEntries(rows.map((r) => [r.pipeline, r.n]))).toEqual({
      oa_cn_individual: 20,
      oa_cn_org: 220,
      oa_overseas: 10,
      wecom: 50,
    });
    const { rows: usccs } = await a.query<{ uscc: string }>("select uscc from client_companies where agency_id = $1 and uscc is not null", [agencyId]);
    expect(usccs.length).toBe(170);
    for (const { uscc } of usccs) expect(checkUscc(uscc).ok, uscc).toBe(true);
    const { rows: slots } = await a.query("select 1 from id_slots where agency_id = $1 and slot = 2", [agencyId]);
    expect(slots.length).toBeGreaterThan(0);
    const { rows: kinds } = await a.query<{ kind: string }>("select distinct kind from documents where agency_id = $1", [agencyId]);
    expect(kinds.length).toBeGreaterThanOrEqual(10);
  }, 120_000); // with every row trigger on: 20–25 s alone on 2 cores, more beside the other files

  it("gives every generated card its history and every document versions that match its status", async () => {
    const { rows: cards } = await a.query(
      `select r.id from registrations r
       join (select registration_id, count(*)::int as n, min(at) as first_at, max(at) as last_at
             from registration_events group by 1) e on e.registration_id = r.id
       where r.agency_id = $1 and (e.n <> r.version or e.first_at <> r.created_at or e.last_at <> r.stage_entered_at)`,
      [agencyId],
    );
    expect(cards).toEqual([]);
    const { rows: counted } = await a.query<{ n: number }>(
      "select count(distinct registration_id)::int as n from registration_events where agency_id = $1",
      [agencyId],
    );
    expect(counted[0]!.n).toBe(300);
    const { rows: documents } = await a.query(
      `select d.id from documents d
       left join (select document_id, count(*)::int as n from document_versions group by 1) v on v.document_id = d.id
       where d.agency_id = $1 and (d.status = 'requested') <> (v.n is null)`,
      [agencyId],
    );
    expect(documents).toEqual([]);
  });

  it("satisfies every foreign key, also when the row triggers are skipped", async () => {
    const fast = await seedScale(urlA, { companies: 100, slug: `${slug}-fast` });
    expect(fast.rows.client_companies).toBe(100);
    const { rows: fks } = await a.query<{ child: string; parent: string; cols: string[]; pcols: string[] }>(
      `select conrelid::regclass::text as child, confrelid::regclass::text as parent,
         (select array_agg(x.attname order by k.i) from unnest(conkey) with ordinality k(n, i)
          join pg_attribute x on x.attrelid = conrelid and x.attnum = k.n)::text[] as cols,
         (select array_agg(x.attname order by k.i) from unnest(confkey) with ordinality k(n, i)
          join pg_attribute x on x.attrelid = confrelid and x.attnum = k.n)::text[] as pcols
       from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    expect(fks.length).toBeGreaterThan(30);
    for (const fk of fks) {
      const present = fk.cols.map((c) => `c.${c} is not null`).join(" and ");
      const match = fk.cols.map((c, i) => `p.${fk.pcols[i]} = c.${c}`).join(" and ");
      const { rows } = await a.query<{ n: number }>(
        `select count(*)::int as n from ${fk.child} c where ${present} and not exists (select 1 from ${fk.parent} p where ${match})`,
      );
      expect(rows[0]!.n, `${fk.child} (${fk.cols.join(", ")}) → ${fk.parent}`).toBe(0);
    }
  });

  it("leaves the dashboard's summary rows as a rebuild makes them, triggers on (bulk inserts) or off (rebuilt)", async () => {
    const summaries = async (agencyId: string) => {
      const tables = {
        registration_counts: "pipeline, stage, assignee_user_id, cards",
        registration_completions: "registration_id, assignee_user_id, started_at, completed_at, total_us, hold_us",
        stage_time_daily: "day, pipeline, stage, assignee_user_id, stays, stay_us",
        document_daily: "day, reviewed, rejected, approved, turnaround_us",
        id_slot_totals: "slots, people_with_one, people_at_cap",
        verification_expiries: "registration_id, assignee_user_id, expired, expires_at, sort_at",
        registration_due_days: "due_day, pipeline, assignee_user_id, cards",
        completion_daily: "day, pipeline, assignee_user_id, completed",
      };
      const out: Record<string, string> = {};
      for (const [table, columns] of Object.entries(tables)) {
        // Rows a change brought back to nothing are not in a rebuild.
        const { rows } = await a.query<{ digest: string | null; n: number }>(
          `select md5(string_agg(row(${columns})::text, ',' order by row(${columns})::text)) as digest, count(*)::int as n
           from ${table} where agency_id = $1 ${["registration_counts", "registration_due_days"].includes(table) ? "and cards <> 0" : ""}
             ${table === "completion_daily" ? "and completed <> 0" : ""}
             ${table === "stage_time_daily" ? "and (stays <> 0 or stay_us <> 0)" : ""}`,
          [agencyId],
        );
        out[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
      }
      return out;
    };
    for (const agencySlug of [slug, `${slug}-fast`]) {
      const { rows } = await a.query<{ id: string }>(`select id from agencies where slug = $1`, [agencySlug]);
      const kept = await summaries(rows[0]!.id);
      expect(Number(kept.stage_time_daily!.split(":")[0])).toBeGreaterThan(0);
      expect(Number(kept.registration_completions!.split(":")[0])).toBeGreaterThan(0);
      await a.query(`select weidesk_rebuild_summaries($1)`, [rows[0]!.id]);
      expect(await summaries(rows[0]!.id), agencySlug).toEqual(kept);
    }
  });

  it("shows the generated rows to the app role only inside that agency", async () => {
    const app = new pg.Client({ connectionString: urlForRole(urlA, "weidesk_app", process.env.DATABASE_ROLE_PASSWORD) });
    await app.connect();
    const count = async (agency: string, table: string) => {
      await app.query("begin");
      try {
        await app.query("select weidesk_enter_tenant($1, '', '')", [agency]);
        const { rows } = await app.query<{ mine: number; others: number }>(
          `select count(*) filter (where agency_id = $1)::int as mine, count(*) filter (where agency_id <> $1)::int as others from ${table}`,
          [agencyId],
        );
        return rows[0]!;
      } finally {
        await app.query("rollback");
      }
    };
    try {
      expect(await count(agencyId, "client_companies")).toEqual({ mine: 200, others: 0 });
      expect(await count(agencyId, "registrations")).toEqual({ mine: 300, others: 0 });
      expect((await count(agencyId, "documents")).others).toBe(0);
      expect(await count(demoId, "client_companies")).toMatchObject({ mine: 0 });
      expect((await count(demoId, "client_companies")).others).toBeGreaterThan(50);
      expect(await count("", "documents")).toEqual({ mine: 0, others: 0 });
    } finally {
      await app.end();
    }
  });
});
