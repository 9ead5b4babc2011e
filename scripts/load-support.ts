/**
 * What `npm run load` and `npm run faults` share (scripts/load.ts, scripts/faults.ts):
 * the stack, the virtual users and the checks afterwards.
 *
 * - The stack: the bench database of scripts/bench-support.ts (embedded PostgreSQL or
 *   DATABASE_URL's server, migrated, filled by the seed generator), an s3rver on a free
 *   port, client administrators and API tokens added to /bench, and `next start` of the
 *   existing build (with `npm start`'s Node options, scripts/next-start.ts) pinned to core 0
 *   while this process (the load generator) moves to core 1 (taskset), as design.md §8 asks.
 * - The users: a closed loop each, no think time, with its own session (signed in through
 *   /api/auth/sign-in) or bearer token. Staff open the clients list and the board and move
 *   a card of their own (to on hold and back, through the board's server action); client
 *   administrators open the portal and upload a PDF (the intent action, the presigned POST
 *   straight to S3, the complete action) and download their latest version (the route
 *   HEADs the object before its 303); managers open the dashboard; API clients list
 *   registrations. A custom driver rather than autocannon: every flow needs a session per
 *   user, server actions whose answer is read, and the S3 POST between two of them.
 * - Every request is one outcome: ok, refused (a 4xx or an action's refusal), unavailable
 *   (the app saying clearly that the database or the store is down: a 503 problem with
 *   Retry-After, an error page or action failure naming the service), error (any other
 *   5xx or error page) or network (no answer from the app; for the S3 POST, from the store).
 * - The invariants, read as the owner after the run (lib/testing-free: plain SQL and
 *   HeadObject): every version uploaded during the run has its object, every card's stage
 *   is its last event's, the ID slots are as before, no half-written rows.
 *
 * Server-only modules are imported, hence `tsx --conditions=react-server` (package.json).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { newApiToken } from "@/lib/api/tokens";
import { freePort } from "@/lib/embedded/ports";
import { startEmbeddedS3, type EmbeddedS3Options, type RunningS3 } from "@/lib/embedded/s3";
import { listServerActions } from "@/lib/testing/routes";
import { round2, setUpBench, SLUG, summarise, type Bench, type BenchSetup, type Summary } from "./bench-support";
import { nextStartCommand } from "./next-start";

/* ------------------------------------------------------------ the stack */

export type Stack = {
  appUrl: string;
  setup: BenchSetup;
  /** The s3rver: stopped and started again on the same port and directory by npm run faults. */
  s3: { current: RunningS3 | undefined; options: EmbeddedS3Options; endpoint: string };
  serverLog: string;
  users: LoadUsers;
  actions: Record<ActionName, { id: string; page: string }>;
  /** When the traffic began: rows written after it are the run's. */
  startedAt?: Date;
  /** The ID slots before the run (holder → slot). */
  slotsBefore: Map<string, string>;
  /** The process id of `next start` (taskset execs it; next-server may run in a child of it, same process group). */
  serverPid: number;
};

const BUCKET = "weidesk-load";
const SERVER_CORE = "0";
const DRIVER_CORE = "1";

/** The server actions the users call, by file and export (read from the build's manifest). */
const ACTIONS = {
  moveCard: { file: "app/(app)/[agency]/registrations/actions.ts", exportedName: "moveCardAction" },
  createIntent: { file: "app/portal/[agency]/requests/[id]/actions.ts", exportedName: "createUploadIntentAction" },
  complete: { file: "app/portal/[agency]/requests/[id]/actions.ts", exportedName: "completeUploadAction" },
} as const;
type ActionName = keyof typeof ACTIONS;

/** Each action's id and a page whose bundle serves it (its first worker, with the slug and a placeholder id). */
function resolveActions(): Stack["actions"] {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const listed = listServerActions() ?? [];
  const found = {} as Stack["actions"];
  for (const [name, wanted] of Object.entries(ACTIONS) as [ActionName, (typeof ACTIONS)[ActionName]][]) {
    const action = listed.find((candidate) => candidate.file === wanted.file && candidate.exportedName === wanted.exportedName);
    if (!action) throw new Error(`${wanted.file}#${wanted.exportedName} is not in the server action manifest: run \`npx next build\` first.`);
    const worker = Object.keys(manifest.node[action.id]!.workers).find((key) => key.endsWith("/page"))!;
    const page = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("[agency]", SLUG)
      .replace(/\[[^\]]+\]/g, randomUUID());
    found[name] = { id: action.id, page };
  }
  return found;
}

export type LoadUser = { kind: "staff" | "client" | "manager" | "api"; email: string; companyId?: string; token?: string };
export type LoadUsers = LoadUser[];

/** How many of `total` users of each kind: half staff, a quarter client administrators, the rest managers and API clients. */
export function userMix(total: number): Record<LoadUser["kind"], number> {
  const api = total >= 4 ? Math.max(1, Math.round(total * 0.1)) : 0;
  const manager = total >= 3 ? Math.max(1, Math.round(total * 0.15)) : 0;
  const client = total >= 2 ? Math.max(1, Math.round(total * 0.25)) : 0;
  return { staff: total - api - manager - client, client, manager, api };
}

/**
 * The users of the run: the seeded staff and manager of /bench (signed in once per
 * virtual user), a client administrator per client user (made here, one company each,
 * with the seeded users' password) and an API token per API user (a staff member's).
 */
async function prepareUsers(setup: BenchSetup, total: number): Promise<LoadUsers> {
  const { owner, agency } = setup;
  const mix = userMix(total);
  const members = async (role: string) =>
    (
      await owner.query<{ id: string; email: string }>(
        `select u.id, u.email from memberships m join users u on u.id = m.user_id
         where m.agency_id = $1 and m.role = $2 and m.status = 'active' order by u.email`,
        [agency.id, role],
      )
    ).rows;
  const staff = await members("staff");
  const managers = await members("manager");
  if (staff.length === 0 || managers.length === 0) throw new Error("the bench agency has no staff or manager");
  const users: LoadUsers = [];
  for (let i = 0; i < mix.staff; i++) users.push({ kind: "staff", email: staff[i % staff.length]!.email });
  for (let i = 0; i < mix.manager; i++) users.push({ kind: "manager", email: managers[i % managers.length]!.email });

  const { rows: companies } = await owner.query<{ id: string }>(
    "select id from client_companies where agency_id = $1 and archived_at is null order by id limit $2",
    [agency.id, mix.client],
  );
  for (const [i, company] of companies.entries()) {
    const email = `client${i}@${SLUG}-load.example`;
    await owner.query(
      `with u as (
         insert into users (id, email, name, password_hash, email_verified_at, created_at)
         select gen_random_uuid(), $1, $2, password_hash, now(), now() from users where email = $3
         returning id)
       insert into memberships (id, agency_id, user_id, role, client_company_id, created_at)
       select gen_random_uuid(), $4, u.id, 'client_admin', $5, now() from u`,
      [email, `客户管理员 ${i}`, staff[0]!.email, agency.id, company.id],
    );
    users.push({ kind: "client", email, companyId: company.id });
  }
  for (let i = 0; i < mix.api; i++) {
    const made = newApiToken();
    const holder = staff[i % staff.length]!;
    await owner.query(
      "insert into api_tokens (id, agency_id, user_id, name, token_hash, created_at) values (gen_random_uuid(), $1, $2, $3, $4, now())",
      [agency.id, holder.id, `load ${i}`, made.hash],
    );
    users.push({ kind: "api", email: holder.email, token: made.token });
  }
  return users;
}

/** The ID slots by holder (account id → slot of which ID), to compare after the run. */
async function slotSnapshot(client: pg.Client, agencyId: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ holder: string; slot: string }>(
    `select coalesce(official_account_id, external_account_id)::text as holder, encode(operator_id_hmac, 'hex') || '#' || slot as slot
     from id_slots where agency_id = $1`,
    [agencyId],
  );
  return new Map(rows.map((row) => [row.holder, row.slot]));
}

/**
 * The whole stack, its cleanups registered on `bench`: s3rver, the database (setUpBench),
 * the users, then `next start` on core 0, waited for until /api/health answers ok.
 */
export async function startStack(
  bench: Bench,
  opts: {
    scale: number;
    agencies: number;
    users: number;
    lean: boolean;
    port: number | null;
    /** A database already set up and seeded (npm run bench seeds before it takes the build lock). */
    setup?: BenchSetup;
    /** More environment for `next start` (npm run bench's statement counter). */
    serverEnv?: Record<string, string>;
  },
): Promise<Stack> {
  if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) throw new Error("No production build in .next: run `npx next build` first.");
  const actions = resolveActions();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `weidesk-${bench.name}-`));
  bench.onExit(`remove ${root}`, () => fs.rmSync(root, { recursive: true, force: true }));
  const port = opts.port ?? (await freePort());
  const appUrl = `http://127.0.0.1:${port}`;

  const s3Options: EmbeddedS3Options = { directory: path.join(root, "s3"), port: await freePort(), bucket: BUCKET, allowedOrigins: [appUrl] };
  const s3 = { current: await startEmbeddedS3(s3Options) as RunningS3 | undefined, options: s3Options, endpoint: `http://127.0.0.1:${s3Options.port}` };
  bench.onExit("stop s3rver", () => s3.current?.stop());
  bench.log(`s3rver on ${s3.endpoint}, bucket ${BUCKET}`);
  const s3Env = {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: s3.current!.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.current!.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
  };
  Object.assign(process.env, s3Env);

  // --lean: the seed without the cards' history (events, documents, reviews): faster to make, a thinner dashboard.
  const setup = opts.setup ?? (await setUpBench(bench, { scale: opts.scale, agencies: opts.agencies, lean: opts.lean, keep: false }));
  // The owner's connection outlives a PostgreSQL restart only as a broken client: never let it crash this process.
  setup.owner.on("error", () => {});
  const users = await prepareUsers(setup, opts.users);
  const slotsBefore = await slotSnapshot(setup.owner, setup.agency.id);

  const serverLog = path.resolve(`test-results/${bench.name}-server.log`);
  fs.mkdirSync(path.dirname(serverLog), { recursive: true });
  const logFile = fs.openSync(serverLog, "w");
  const [node, startArgs] = nextStartCommand(["-p", String(port)]);
  const next: ChildProcess = spawn("taskset", ["-c", SERVER_CORE, node, ...startArgs], {
    env: {
      ...process.env,
      ...setup.env,
      ...s3Env,
      APP_URL: appUrl,
      PORT: String(port),
      MAIL_OUTBOX: "1",
      REMINDERS_ENABLED: "0",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...opts.serverEnv,
    },
    stdio: ["ignore", logFile, logFile],
    // Its own process group: stopping it reaches next-server's workers too.
    detached: true,
  });
  let stopping = false;
  bench.onExit("stop next start", () => {
    stopping = true;
    return stopGroup(next);
  });
  next.once("exit", (code, signal) => {
    if (!stopping) bench.log(`next start exited (${signal ?? `code ${code}`}); its output is in ${path.relative(process.cwd(), serverLog)}`);
  });
  await waitForHealth(appUrl, next);
  // The load generator on the other core (the embedded PostgreSQL and s3rver started before: they float).
  spawnSync("taskset", ["-cp", DRIVER_CORE, String(process.pid)], { stdio: "ignore" });
  bench.log(`next start on ${appUrl} (core ${SERVER_CORE}; this driver on core ${DRIVER_CORE}); server output in ${path.relative(process.cwd(), serverLog)}`);
  return { appUrl, setup, s3, serverLog, users, actions, slotsBefore, serverPid: next.pid! };
}

async function stopGroup(child: ChildProcess) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(appUrl: string, next: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (next.exitCode !== null) throw new Error("next start exited before it answered");
    const response = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (response?.ok) return;
    await sleep(250);
  }
  throw new Error("next start did not answer /api/health within 60 s");
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/* ------------------------------------------------------------ outcomes */

export type Outcome = "ok" | "refused" | "unavailable" | "error" | "network";
export type Sample = { route: string; at: number; ms: number; outcome: Outcome; detail?: string };

/** Every request of the run, in order; the figures are read from it afterwards. */
export class Recorder {
  readonly samples: Sample[] = [];
  recording = true;
  /** Requests that failed (unavailable, error, network), recorded or not. */
  failures = 0;

  add(sample: Sample) {
    if (sample.outcome !== "ok" && sample.outcome !== "refused") this.failures++;
    if (this.recording) this.samples.push(sample);
  }
}

export type RouteFigures = {
  route: string;
  requests: number;
  perSecond: number;
  latencyMs: Summary | null;
  outcomes: Record<Outcome, number>;
  firstFailure: string | null;
};

/** Per route (and in total): requests, throughput over `seconds`, latency of the ok ones, outcomes. */
export function figures(samples: Sample[], seconds: number): { routes: RouteFigures[]; total: RouteFigures } {
  const of = (route: string, list: Sample[]): RouteFigures => {
    const outcomes = { ok: 0, refused: 0, unavailable: 0, error: 0, network: 0 } as Record<Outcome, number>;
    for (const sample of list) outcomes[sample.outcome]++;
    const ok = list.filter((sample) => sample.outcome === "ok").map((sample) => sample.ms);
    const failure = list.find((sample) => sample.outcome === "error" || sample.outcome === "network");
    return {
      route,
      requests: list.length,
      perSecond: round2(list.length / seconds),
      latencyMs: ok.length ? summarise(ok) : null,
      outcomes,
      firstFailure: failure ? `${failure.outcome}: ${failure.detail ?? ""}`.slice(0, 300) : null,
    };
  };
  const byRoute = new Map<string, Sample[]>();
  for (const sample of samples) byRoute.set(sample.route, [...(byRoute.get(sample.route) ?? []), sample]);
  const routes = [...byRoute.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([route, list]) => of(route, list));
  return { routes, total: of("all", samples) };
}

export function printFigures(table: { routes: RouteFigures[]; total: RouteFigures }) {
  const cell = (value: number | string, width: number) => String(value).padStart(width);
  console.log(`${"route".padEnd(34)}${cell("req", 7)}${cell("req/s", 8)}${cell("p50 ms", 9)}${cell("p95 ms", 9)}${cell("max ms", 9)}  outcomes`);
  for (const row of [...table.routes, table.total]) {
    const l = row.latencyMs;
    const outcomes = Object.entries(row.outcomes)
      .filter(([name, n]) => n > 0 && name !== "ok")
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
    console.log(
      `${row.route.padEnd(34)}${cell(row.requests, 7)}${cell(row.perSecond.toFixed(1), 8)}${cell(l ? l.p50.toFixed(1) : "-", 9)}` +
        `${cell(l ? l.p95.toFixed(1) : "-", 9)}${cell(l ? l.max.toFixed(1) : "-", 9)}  ${outcomes || "all ok"}`,
    );
  }
}

/* ------------------------------------------------------------ the virtual users */

const REQUEST_TIMEOUT_MS = 30_000;
const FAILURE_PAUSE_MS = 200;
const UNAVAILABLE_DIGEST = "weidesk-unavailable:";
// A digest in a page's flight data: Next's own (redirects, not-found) start with NEXT_.
const ERROR_DIGEST = /\\?"digest\\?":\\?"(?!NEXT_|weidesk-unavailable)/;

/** A small but real PDF: file-type reads it as application/pdf. */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
    `trailer << /Root 1 0 R >>\n%${"x".repeat(2_000)}\n%%EOF\n`,
);

export type Card = { id: string; version: number; stage: string; resumeStage: string | null };

/** The cards the staff users move: in a working stage, a disjoint set per user. */
export async function cardsFor(setup: BenchSetup, users: number, perUser = 50): Promise<Card[][]> {
  const { rows } = await setup.owner.query<{ id: string; version: number; stage: string; resume_stage: string | null }>(
    `select id, version, stage, resume_stage from registrations
     where agency_id = $1 and stage not in ('on_hold', 'rejected', 'abandoned', 'registered', 'live', 'verified')
     order by id limit $2`,
    [setup.agency.id, users * perUser],
  );
  return Array.from({ length: users }, (_, i) =>
    rows.slice(i * perUser, (i + 1) * perUser).map((row) => ({ id: row.id, version: row.version, stage: row.stage, resumeStage: row.resume_stage })),
  );
}

/** One signed-in user's requests, each timed and classified into the recorder. */
export class Session {
  private cookies = new Map<string, string>();

  constructor(
    private readonly stack: Stack,
    private readonly recorder: Recorder,
    readonly user: LoadUser,
  ) {}

  /** The session's cookies as a Cookie header (npm run bench hands it to autocannon). */
  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      if (at > 0) this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }

  /** Times `send` and records what `judge` makes of the answer; a throw is a network failure. */
  private async timed<T>(route: string, send: () => Promise<Response>, judge: (response: Response, body: string) => { outcome: Outcome; detail?: string; value?: T }) {
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await send();
      const body = await response.text();
      const judged = judge(response, body);
      this.recorder.add({ route, at, ms: performance.now() - started, outcome: judged.outcome, detail: judged.detail });
      return judged;
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
      this.recorder.add({ route, at, ms: performance.now() - started, outcome: "network", detail });
      return { outcome: "network" as Outcome, detail, value: undefined };
    }
  }

  async signIn(): Promise<boolean> {
    const { appUrl, setup } = this.stack;
    const judged = await this.timed(
      "POST /api/auth/sign-in",
      () =>
        fetch(`${appUrl}/api/auth/sign-in`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: appUrl },
          body: JSON.stringify({ email: this.user.email, password: setup.password }),
          redirect: "manual",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      (response, body) => {
        this.keepCookies(response);
        return judgeJson(response, body);
      },
    );
    return judged.outcome === "ok";
  }

  page(route: string, pathname: string) {
    const { appUrl } = this.stack;
    return this.timed(
      route,
      () =>
        fetch(`${appUrl}${pathname}`, {
          headers: { Cookie: this.cookieHeader(), Accept: "text/html" },
          redirect: "manual",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      (response, body) => {
        if (body.includes(UNAVAILABLE_DIGEST)) return { outcome: "unavailable", detail: unavailableNamed(body) };
        if (response.status >= 500) return { outcome: "error", detail: `HTTP ${response.status}` };
        if (response.status !== 200) return { outcome: "refused", detail: `HTTP ${response.status} ${response.headers.get("location") ?? ""}` };
        if (ERROR_DIGEST.test(body)) return { outcome: "error", detail: "error page without a service named" };
        return { outcome: "ok" };
      },
    );
  }

  /** A server action as the browser's router sends it; its answer is the flight row the first row points at. */
  action<T>(route: string, name: ActionName, args: unknown[]) {
    const { appUrl, actions } = this.stack;
    const action = actions[name];
    return this.timed<T>(
      route,
      () =>
        fetch(`${appUrl}${action.page}`, {
          method: "POST",
          headers: {
            Cookie: this.cookieHeader(),
            Origin: appUrl,
            "Next-Action": action.id,
            "Content-Type": "text/plain;charset=UTF-8",
            Accept: "text/x-component",
          },
          body: JSON.stringify(args),
          redirect: "manual",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      (response, body) => {
        if (body.includes(UNAVAILABLE_DIGEST)) return { outcome: "unavailable", detail: unavailableNamed(body) };
        if (response.status >= 500) return { outcome: "error", detail: `HTTP ${response.status} ${body.slice(0, 200)}` };
        if (response.status !== 200) return { outcome: "refused", detail: `HTTP ${response.status}` };
        const result = actionResult(body) as { ok?: boolean; code?: string; data?: T } | null;
        if (!result) return { outcome: "error", detail: `unreadable action answer: ${body.slice(0, 200)}` };
        if (result.ok) return { outcome: "ok", value: result.data as T, detail: undefined };
        if (result.code === "UNAVAILABLE") return { outcome: "unavailable", detail: String((result as { message?: string }).message) };
        if (result.code === "INTERNAL") return { outcome: "error", detail: "INTERNAL" };
        return { outcome: "refused", detail: result.code, value: result as T };
      },
    );
  }

  api(route: string, pathname: string) {
    const { appUrl } = this.stack;
    return this.timed(
      route,
      () =>
        fetch(`${appUrl}${pathname}`, {
          headers: { Authorization: `Bearer ${this.user.token}`, Accept: "application/json" },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      judgeJson,
    );
  }

  /** A version's download: a 303 to a presigned GET, after a HEAD of the object in the store. */
  download(route: string, pathname: string) {
    const { appUrl } = this.stack;
    return this.timed(
      route,
      () => fetch(`${appUrl}${pathname}`, { headers: { Cookie: this.cookieHeader() }, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      (response, body) => {
        if (response.status === 303) return { outcome: "ok" };
        if (response.status === 503 && response.headers.has("retry-after") && body.length > 0) return { outcome: "unavailable", detail: body };
        if (body.includes(UNAVAILABLE_DIGEST)) return { outcome: "unavailable", detail: unavailableNamed(body) };
        if (response.status >= 500) return { outcome: "error", detail: `HTTP ${response.status} ${body.slice(0, 200)}` };
        return { outcome: "refused", detail: `HTTP ${response.status}` };
      },
    );
  }

  /** The presigned POST straight to the store: the file field last. */
  postToStore(upload: { url: string; fields: Record<string, string> }) {
    return this.timed(
      "POST S3 (presigned)",
      () => {
        const form = new FormData();
        for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
        form.append("file", new Blob([PDF], { type: "application/pdf" }), "licence.pdf");
        return fetch(upload.url, { method: "POST", body: form, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      },
      (response) => (response.ok ? { outcome: "ok" } : { outcome: response.status >= 500 ? "error" : "refused", detail: `HTTP ${response.status}` }),
    );
  }
}

/**
 * A JSON answer: 2xx ok; a 503 problem+json naming the service with Retry-After is
 * "unavailable" (anything less is an error); another 5xx an error; the rest refused.
 */
function judgeJson(response: Response, body: string): { outcome: Outcome; detail?: string } {
  if (response.ok) return { outcome: "ok" };
  if (response.status === 503) {
    const problem = safeJson(body) as { detail?: string; messageKey?: string } | null;
    const clear =
      (response.headers.get("content-type") ?? "").startsWith("application/problem+json") &&
      response.headers.has("retry-after") &&
      typeof problem?.detail === "string";
    return clear ? { outcome: "unavailable", detail: `${problem!.messageKey}: ${problem!.detail}` } : { outcome: "error", detail: `unclear 503: ${body.slice(0, 200)}` };
  }
  if (response.status >= 500) return { outcome: "error", detail: `HTTP ${response.status} ${body.slice(0, 200)}` };
  return { outcome: "refused", detail: `HTTP ${response.status}` };
}

function unavailableNamed(body: string) {
  return /weidesk-unavailable:(\w+)/.exec(body)?.[0] ?? "weidesk-unavailable";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The action's result in a flight answer: row 0 is `{ a: "$@N", … }`, row N the value. */
function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) rows.set(line.slice(0, at), line.slice(at + 1));
  }
  const head = safeJson(rows.get("0") ?? "") as { a?: unknown } | null;
  if (!head || !("a" in head)) return null;
  const ref = typeof head.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : null;
  return ref ? safeJson(rows.get(ref) ?? "") : head.a;
}

type Driver = { stop: () => void; done: Promise<void> };

/**
 * Signs every user in, then runs their loops until stop(): staff page the clients list
 * and the board and move one of their cards; managers read the dashboard; client
 * administrators read the portal and upload; API clients list registrations.
 */
export async function startUsers(stack: Stack, recorder: Recorder, log: (text: string) => void): Promise<Driver> {
  const staffCount = stack.users.filter((user) => user.kind === "staff").length;
  const cards = await cardsFor(stack.setup, staffCount);
  const sessions = stack.users.map((user) => new Session(stack, recorder, user));
  const signedIn = await Promise.all(sessions.map((session) => (session.user.kind === "api" ? true : session.signIn())));
  if (signedIn.some((ok) => !ok)) throw new Error(`sign-in failed for ${signedIn.filter((ok) => !ok).length} users`);
  log(`${sessions.length} users signed in (${Object.entries(userMix(sessions.length)).map(([kind, n]) => `${n} ${kind}`).join(", ")})`);

  let running = true;
  let staffIndex = 0;
  const loops = sessions.map(async (session) => {
    const mine = session.user.kind === "staff" ? cards[staffIndex++]! : [];
    let turn = 0;
    let uploaded: Uploaded | undefined;
    while (running) {
      turn++;
      const failuresBefore = recorder.failures;
      if (session.user.kind === "staff") {
        await session.page("page /[agency]/clients", `/${SLUG}/clients${turn % 3 === 0 ? "?sort=name" : ""}`);
        await session.page("page /[agency]/registrations", `/${SLUG}/registrations`);
        const card = mine[turn % mine.length];
        if (card) await moveCard(session, card);
      } else if (session.user.kind === "manager") {
        await session.page("page /[agency]/dashboard", `/${SLUG}/dashboard`);
      } else if (session.user.kind === "api") {
        await session.api("GET /api/v1/registrations", "/api/v1/registrations?limit=20");
      } else {
        await session.page("page /portal/[agency]", `/portal/${SLUG}`);
        uploaded = (await upload(session, uploaded?.documentId)) ?? uploaded;
        if (uploaded) {
          await session.download("GET /portal/[agency]/…/download", `/portal/${SLUG}/documents/versions/${uploaded.versionId}/download`);
        }
      }
      // A user whose requests fail fast (a fault) must not spin: a short pause, as a person would.
      if (recorder.failures > failuresBefore) await sleep(FAILURE_PAUSE_MS);
    }
  });
  return {
    stop: () => {
      running = false;
    },
    done: Promise.all(loops).then(() => {}),
  };
}

export async function moveCard(session: Session, card: Card) {
  const to = card.stage === "on_hold" ? card.resumeStage : "on_hold";
  if (!to) return;
  type Answer = { version: number; stage: string; resumeStage: string | null } & { stale?: { card: Card } };
  const judged = await session.action<Answer>("action moveCard", "moveCard", [SLUG, { id: card.id, to, version: card.version }]);
  const now = judged.outcome === "ok" ? judged.value : judged.value?.stale?.card;
  if (now) Object.assign(card, { version: now.version, stage: now.stage, resumeStage: now.resumeStage });
}

export type Uploaded = { documentId: string; versionId: string };

/** Intent, POST to S3, complete: a new version of the user's licence (a new document the first time). */
export async function upload(session: Session, documentId: string | undefined): Promise<Uploaded | undefined> {
  const input = {
    companyId: session.user.companyId,
    kind: "business_licence",
    ...(documentId ? { documentId } : {}),
    fileName: "licence.pdf",
    contentType: "application/pdf",
    size: PDF.length,
  };
  const intent = await session.action<{ id: string; upload: { url: string; fields: Record<string, string> } | null }>(
    "action createUploadIntent",
    "createIntent",
    [SLUG, input, randomUUID()],
  );
  if (intent.outcome !== "ok" || !intent.value) return undefined;
  if (intent.value.upload) {
    const posted = await session.postToStore(intent.value.upload);
    if (posted.outcome !== "ok") return undefined;
  }
  const done = await session.action<Uploaded>("action completeUpload", "complete", [SLUG, intent.value.id]);
  return done.outcome === "ok" ? done.value : undefined;
}

/* ------------------------------------------------------------ invariants */

export type Invariant = { name: string; ok: boolean; detail: string };

/**
 * Read after the run on fresh connections: every version uploaded since `since` has its
 * object in S3; every card's stage is the to_stage of its last event, and the run's moves
 * each wrote one; the ID slots are the ones before the run; no half-written rows
 * (a document without a version, a completed intent without its version, a pending
 * intent that recorded a version).
 */
export async function checkInvariants(stack: Stack, since: Date): Promise<Invariant[]> {
  const client = new pg.Client({ connectionString: stack.setup.url, application_name: "weidesk-load-check" });
  await client.connect();
  const agencyId = stack.setup.agency.id;
  const results: Invariant[] = [];
  const check = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });
  try {
    const { rows: versions } = await client.query<{ s3_key: string }>(
      "select s3_key from document_versions where agency_id = $1 and uploaded_at >= $2",
      [agencyId, since],
    );
    const s3 = new S3Client({
      region: "us-east-1",
      endpoint: stack.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const missing: string[] = [];
    for (const version of versions) {
      await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: version.s3_key })).catch(() => missing.push(version.s3_key));
    }
    s3.destroy();
    check("every version of the run has its object (HeadObject)", missing.length === 0, `${versions.length} versions, ${missing.length} without an object${missing[0] ? ` (${missing[0]})` : ""}`);

    const { rows: stages } = await client.query<{ moved: number; mismatched: number; events: number }>(
      `with moved as (
         select r.id, r.stage,
           (select e.to_stage from registration_events e where e.agency_id = r.agency_id and e.registration_id = r.id
            order by e.at desc, e.id desc limit 1) as last_stage
         from registrations r where r.agency_id = $1 and r.stage_entered_at >= $2)
       select count(*)::int as moved, count(*) filter (where last_stage is distinct from stage)::int as mismatched,
         (select count(*)::int from registration_events where agency_id = $1 and at >= $2) as events
       from moved`,
      [agencyId, since],
    );
    const s = stages[0]!;
    check("every stage change has its event", s.mismatched === 0, `${s.moved} cards moved in the run, ${s.events} events written, ${s.mismatched} whose stage is not their last event's`);

    const after = await slotSnapshot(client, agencyId);
    const changed = [...new Set([...stack.slotsBefore.keys(), ...after.keys()])].filter((holder) => stack.slotsBefore.get(holder) !== after.get(holder));
    const { rows: heldByDead } = await client.query<{ n: number }>(
      `select count(*)::int as n from id_slots s join official_accounts a on a.agency_id = s.agency_id and a.id = s.official_account_id
       join registrations r on r.id = a.registration_id where s.agency_id = $1 and r.stage in ('rejected', 'abandoned')`,
      [agencyId],
    );
    check(
      "ID slot counts match",
      changed.length === 0 && heldByDead[0]!.n === 0,
      `${stack.slotsBefore.size} slots before, ${after.size} after, ${changed.length} changed holders, ${heldByDead[0]!.n} held by rejected or abandoned accounts`,
    );

    const { rows: half } = await client.query<{ docs_without_version: number; completed_without_version: number; pending_with_version: number }>(
      `select
         (select count(*)::int from documents d where d.agency_id = $1 and d.created_at >= $2
            and not exists (select 1 from document_versions v where v.agency_id = d.agency_id and v.document_id = d.id)) as docs_without_version,
         (select count(*)::int from upload_intents i where i.agency_id = $1 and i.created_at >= $2 and i.status = 'completed'
            and not exists (select 1 from document_versions v where v.agency_id = i.agency_id and v.id = i.version_id)) as completed_without_version,
         (select count(*)::int from upload_intents i where i.agency_id = $1 and i.created_at >= $2 and i.status <> 'completed'
            and exists (select 1 from document_versions v where v.agency_id = i.agency_id and v.id = i.version_id)) as pending_with_version`,
      [agencyId, since],
    );
    const h = half[0]!;
    check(
      "no half-written rows",
      h.docs_without_version + h.completed_without_version + h.pending_with_version === 0,
      `documents without a version ${h.docs_without_version}, completed intents without their version ${h.completed_without_version}, ` +
        `unfinished intents with a version ${h.pending_with_version}`,
    );
  } finally {
    await client.end();
  }
  return results;
}

export function printInvariants(invariants: Invariant[]) {
  for (const invariant of invariants) console.log(`  ${invariant.ok ? "ok  " : "FAIL"} ${invariant.name}: ${invariant.detail}`);
}

/** The run's verdict as the error Bench.run prints (its message alone, no stack) before exiting 1. */
export function verdictFailure(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
