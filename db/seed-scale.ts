/**
 * `npm run db:seed -- --scale N [--agency slug] [--agencies K]`: fills an agency (made
 * if the slug is new; "bench" by default) with N client companies and rows in the
 * proportions of design.md §8's bench (100 000 companies, 150 000 registrations of
 * which 5 000 in the oa_overseas pipeline, about 400 000 documents), plus K small
 * agencies of SMALL_AGENCY_COMPANIES companies each. For the tests and the benchmark.
 *
 * Set-based: everything but the people is made by INSERT … SELECT over generate_series
 * with random() names and codes, through a few temporary tables, in one transaction.
 * The people's ID numbers are made in Node (valid resident IDs, unique in the agency),
 * encrypted and hashed with the app's PII keys like real ones, and sent as arrays.
 * Valid USCCs and organisation codes (check characters included) are computed in SQL.
 *
 * Proportions per company (kind by i mod 20): 85% cn_org, 10% cn_individual, 5% overseas;
 * each company one card in its kind's pipeline, plus a second Official Account for a
 * quarter and a WeCom corp for another quarter of all companies (cn_org ones): 1.5 cards
 * per company. Stages are spread by weight over every stage and side state.
 *
 * Runs as the migrating connection, like the demo seed (a superuser, or a member of
 * weidesk_maint): FORCE row-level security refuses everyone else.
 */
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { clock } from "@/lib/clock";
import { encryptPii, hmacPii, type PiiKeys } from "@/lib/crypto/pii";
import { requiredDocuments } from "@/lib/documents/kinds";
import { newId } from "@/lib/ids";
import { nationalDays } from "@/lib/registration/holidays";
import {
  guardStage,
  pipelines,
  pipelineStages,
  rejectableStages,
  sideStages,
  type Pipeline,
  type Stage,
} from "@/lib/registration/pipelines";
import { SAMPLE_COUNTY_CODES } from "@/lib/validation/data/gb2260";
import { createRng, pick, randomInt, type Rng } from "@/lib/validation/random";
import { generateResidentId, maskResidentId } from "@/lib/validation/resident-id";
import { assumeBulkWriter, seedPiiKeys, type SeedOptions } from "./seed";
import { BULK_INDUSTRIES, BRAND_CHARACTERS, CITIES, COMMON_ROADS, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SCALES, SURNAMES } from "./seed-data/names";

export const DEFAULT_SCALE_SLUG = "bench";
export const SMALL_AGENCY_COMPANIES = 100;

export type ScaleOptions = {
  /** Client companies to add to the agency. */
  companies: number;
  slug?: string;
  /** Small agencies to add beside it (`<slug>-small-01` …), SMALL_AGENCY_COMPANIES companies each. */
  smallAgencies?: number;
  /** Password of the users made for a new agency; none (no sign-in) when absent. */
  password?: string;
  pii?: SeedOptions["pii"];
  /** Progress lines; nothing by default. */
  log?: (line: string) => void;
  /**
   * Also the rows no list of companies reads (default true): registration events,
   * document requests, documents with their versions and reviews, notes, notifications
   * and audit events, two thirds of the time. False for the clients list's EXPLAIN test,
   * whose queries read only companies, cards, Official Accounts, WeCom corps and users.
   */
  history?: boolean;
  /**
   * Keep the row triggers (foreign-key checks, the official_accounts rules) on. By
   * default a superuser skips them (session_replication_role = replica): the rows
   * reference only rows made alongside and satisfy the rules by construction.
   */
  foreignKeyChecks?: boolean;
};

export type ScaleAgencyResult = {
  slug: string;
  agencyId: string;
  created: boolean;
  /** E-mails of the users made for a new agency (they sign in with options.password). */
  users: string[];
  rows: Record<string, number>;
};
export type ScaleResult = { agencies: ScaleAgencyResult[]; rows: Record<string, number>; ms: number };

/** Names of the tables the generator fills, in the order it fills them. */
export const SCALE_TABLES = [
  "agencies", "users", "memberships", "client_companies", "people", "person_companies", "registrations",
  "official_accounts", "official_account_names", "wecom_corps", "external_accounts", "id_slots",
  "registration_events", "document_requests", "document_request_comments", "documents", "document_registrations",
  "document_versions", "document_reviews", "notes", "notifications", "audit_events",
] as const;

/** Fills the agencies, commits, then refreshes the planner's statistics. */
export async function seedScale(connectionString: string, options: ScaleOptions): Promise<ScaleResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  if (!Number.isInteger(options.companies) || options.companies < 0) throw new Error("--scale needs a whole number of companies");
  const keys = seedPiiKeys(options);
  const client = new pg.Client({ connectionString, application_name: "weidesk-seed-scale" });
  await client.connect();
  const results: ScaleAgencyResult[] = [];
  try {
    await client.query("begin");
    await assumeBulkWriter(async (text) => (await client.query(text)).rows);
    await client.query("set local work_mem = '256MB'");
    const { rows: me } = await client.query<{ superuser: boolean }>("select current_setting('is_superuser') = 'on' as superuser");
    const triggersOff = !options.foreignKeyChecks && me[0]!.superuser;
    if (triggersOff) {
      // Row triggers (the foreign-key checks, the Official Account rules of 0004) take a
      // third of the time at this size. The generator makes every reference from rows it
      // has just made and only adult operators, and the tests run it with the triggers on.
      // CHECK, UNIQUE and NOT NULL constraints hold either way.
      await client.query("set local session_replication_role = replica");
    }
    await createHelpers(client);
    const passwordHash = options.password ? await hashPassword(options.password) : null;
    const now = clock.now();
    const slug = options.slug ?? DEFAULT_SCALE_SLUG;
    const history = options.history ?? true;
    if (options.companies > 0) {
      results.push(await fillAgency(client, { slug, companies: options.companies, now, keys, passwordHash, history, triggersOff, log }));
    }
    for (let k = 1; k <= (options.smallAgencies ?? 0); k++) {
      const small = `${slug}-small-${String(k).padStart(2, "0")}`;
      results.push(await fillAgency(client, { slug: small, companies: SMALL_AGENCY_COMPANIES, now, keys, passwordHash, history, triggersOff, log: () => {} }));
    }
    // The dashboard's summary rows (ADR 0020): with the triggers off, built from what was
    // loaded (with them on, the triggers kept them row by row).
    if (triggersOff) {
      for (const result of results) await client.query("select weidesk_rebuild_summaries($1)", [result.agencyId]);
      log(`summaries rebuilt after ${seconds(started)}`);
      // The Chinese search's posting lists (ADR 0028), likewise.
      for (const result of results) await client.query("select weidesk_rebuild_company_grams($1)", [result.agencyId]);
      log(`posting lists rebuilt after ${seconds(started)}`);
      // The companies' registration counts (ADR 0030): loaded with the companies, from the rule
      // the registrations follow; checked here, and any wrong one corrected (none, unless the
      // two drift apart: every corrected row is a new row version, out of the heap's order).
      let corrected = 0;
      for (const result of results) {
        const { rows } = await client.query<{ n: number }>("select weidesk_rebuild_registration_counts($1) as n", [result.agencyId]);
        corrected += rows[0]!.n;
      }
      log(`registration counts checked after ${seconds(started)} (${corrected} corrected)`);
    }
    log(`committing after ${seconds(started)}`);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }

  // Fresh statistics, so the first queries on the new rows get the plans they will have.
  const analyse = new pg.Client({ connectionString, application_name: "weidesk-seed-scale" });
  await analyse.connect();
  try {
    await analyse.query(`analyze ${[...SCALE_TABLES, "client_company_grams"].join(", ")}`);
  } finally {
    await analyse.end();
  }
  const rows: Record<string, number> = {};
  for (const result of results) {
    for (const [table, count] of Object.entries(result.rows)) rows[table] = (rows[table] ?? 0) + count;
  }
  return { agencies: results, rows, ms: performance.now() - started };
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/* ------------------------------------------------------------ SQL helpers */

const q = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(q).join(",")}]::text[]`;
/** One element of a constant array, chosen by a random() drawn per row. */
const pickSql = (values: readonly string[], random = "random()") =>
  `(${textArray(values)})[1 + floor(${random} * ${values.length})::int]`;

async function createHelpers(client: pg.Client) {
  // Time-ordered ids like the app's UUIDv7 (lib/ids.ts), for rows made in the past: 48 bits
  // of milliseconds, the version, 12 random bits, the variant, 62 random bits. Built from
  // integers (random(), not gen_random_uuid() and text surgery): six times cheaper, and
  // the generator makes millions of them.
  await client.query(`
    create function pg_temp.uuid7(t timestamptz) returns uuid language sql volatile as $$
      select encode(int8send((floor(extract(epoch from t) * 1000)::bigint << 16) | x'7000'::int | floor(random() * 4096)::int)
                    || int8send((floor(random() * 2147483648)::bigint << 31) | floor(random() * 2147483648)::bigint
                                | (-9223372036854775807 - 1)), 'hex')::uuid
    $$`);
  // The deadline n business days (Monday to Friday) after t, at 23:59:59 in China (design.md §5).
  await client.query(`
    create function pg_temp.business_days(t timestamptz, n int) returns timestamptz language sql immutable as $$
      select ((d - greatest(extract(isodow from d)::int - 5, 0) + (n / 5) * 7 + n % 5
               + case when least(extract(isodow from d)::int, 5) + n % 5 > 5 then 2 else 0 end)
              + time '23:59:59') at time zone 'Asia/Shanghai'
      from (select (t at time zone 'Asia/Shanghai')::date as d) s
    $$`);
}

/** Σ value(char k) × weight k over `expr` (digits and USCC letters), as SQL. */
function weightedSum(expr: string, weights: readonly number[], alphabet: string) {
  return weights.map((w, k) => `(strpos(${q(alphabet)}, substr(${expr}, ${k + 1}, 1)) - 1) * ${w}`).join(" + ");
}
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/* ------------------------------------------------------------ the pools */

const OVERSEAS = [
  { country: "SG", suffix: "Pte. Ltd.", city: "Singapore", reg: `to_char(2010 + floor(random() * 15), 'FM0000') || lpad(floor(random() * 100000)::text, 5, '0') || chr(65 + floor(random() * 26)::int)` },
  { country: "GB", suffix: "Ltd", city: "London", reg: `lpad(floor(random() * 100000000)::text, 8, '0')` },
  { country: "US", suffix: "LLC", city: "San Francisco, CA", reg: `lpad(floor(random() * 10000000)::text, 7, '0')` },
  { country: "DE", suffix: "GmbH", city: "München", reg: `'HRB ' || (100000 + floor(random() * 200000))::int` },
  { country: "FR", suffix: "SAS", city: "Paris", reg: `to_char(floor(random() * 1e9), 'FM000" "000" "000')` },
  { country: "JP", suffix: "Co., Ltd.", city: "Tokyo", reg: `lpad(floor(random() * 1e13)::bigint::text, 13, '0')` },
  { country: "AU", suffix: "Pty Ltd", city: "Sydney NSW", reg: `to_char(floor(random() * 1e9), 'FM000" "000" "000')` },
  { country: "HK", suffix: "Limited", city: "Hong Kong", reg: `lpad(floor(random() * 10000000)::text, 7, '0')` },
  { country: "CA", suffix: "Inc.", city: "Vancouver, BC", reg: `'BC' || lpad(floor(random() * 10000000)::text, 7, '0')` },
  { country: "KR", suffix: "Co., Ltd.", city: "Seoul", reg: `to_char(floor(random() * 1e10), 'FM000"-"00"-"00000')` },
] as const;
const OVERSEAS_PREFIXES = [
  "Bluewater", "Golden Gate", "Maple Leaf", "Alpine", "Pacific Crest", "Silver Oak", "Evergreen", "Sunrise",
  "Crescent", "Atlas", "Aurora", "Summit", "Harbourview", "Lotus", "Coral Bay", "Cedar", "Northwind", "Riverside",
] as const;
const OVERSEAS_SECTORS = [
  "Trading", "Education", "Medtech", "Foods", "Cosmetics", "Media", "Logistics", "Wines", "Design", "Wellness",
] as const;
const OA_SUFFIXES = ["官方", "服务号", "生活馆", "优选", "学堂", "健康", "资讯", "会员中心", "商城", "俱乐部"] as const;
const SELF_MEDIA = ["美食", "旅行", "亲子", "健身", "数码", "读书", "摄影", "手工", "职场", "理财"] as const;
const INDIVIDUAL_OA = ["的小站", "说", "日记", "笔记", "的生活", "频道"] as const;
const SHOPS: readonly (readonly [zh: string, en: string, industry: string])[] = [
  ["餐厅", "Restaurant", "餐饮"], ["便利店", "Convenience Store", "零售"], ["工作室", "Studio", "文化创意"],
  ["美发店", "Hair Salon", "生活服务"], ["花店", "Florist", "零售"], ["茶馆", "Teahouse", "餐饮"],
  ["烘焙坊", "Bakery", "餐饮"], ["书店", "Bookshop", "零售"],
];
const NOTES = [
  "客户希望尽快完成认证", "运营者由市场部负责人担任", "改名前务必先与客户确认", "对公打款请提醒财务留意",
  "Client prefers WeChat over e-mail.", "老客户介绍，报价九折", "Invoice to the Shanghai entity.", "认证年审提醒已加到日历",
] as const;
const REASONS = [
  "照片模糊，证件号码无法辨认", "缺少公章，请盖章后重新扫描", "The scan is black and white; please send a colour scan.",
  "文件已过期，请提供最新版本", "Wrong document: this is last year's.",
] as const;
const FILE_NAMES: Record<string, string> = {
  business_licence: "营业执照", org_code_certificate: "组织机构代码证", id_card_front: "身份证正面",
  id_card_back: "身份证反面", id_holding_photo: "手持身份证", authorisation_letter: "授权运营书",
  verification_letter: "认证公函", certificate_of_incorporation: "Certificate of Incorporation",
  application: "Application letter", contact_proof: "Utility bill", business_card: "business card", logo: "logo", other: "补充材料",
};

/** Weights of each state by pipeline: the pipeline's stages in order, then on_hold, rejected, abandoned. */
const WEIGHTS: Record<Pipeline, readonly number[]> = {
  oa_cn_org: [4, 9, 4, 3, 3, 6, 4, 8, 47, 5, 4, 3],
  oa_cn_individual: [4, 9, 4, 3, 3, 6, 4, 8, 47, 5, 4, 3],
  oa_overseas: [5, 10, 6, 14, 5, 48, 5, 4, 3],
  wecom: [4, 4, 8, 5, 6, 4, 4, 4, 49, 5, 4, 3],
};
const MAX_DAYS: Partial<Record<Stage, number>> = {
  intake: 3, documents: 10, account_created: 1.8, email_verified: 1, type_chosen: 1, subject_submitted: 8,
  profile_submitted: 2, under_review: 9, application_submitted: 3, awaiting_response: 20, credentials_received: 3,
  admin_appointed: 3, corp_created: 2, verification_submitted: 6, verified: 3, backend_configured: 5, members_invited: 10,
};
/**
 * A thousand buckets per pipeline, each one state (with the stage a side state goes back
 * to): a card draws a bucket, so stages follow WEIGHTS and every state is reachable.
 */
function stateBuckets(): string {
  const rows: string[] = [];
  for (const pipeline of pipelines) {
    const stages = pipelineStages[pipeline] as readonly Stage[];
    const states = [...stages, ...sideStages] as Stage[];
    const weights = WEIGHTS[pipeline];
    const total = weights.reduce((a, b) => a + b, 0);
    const docs = stages.indexOf("documents") + 1;
    const guard = stages.indexOf(guardStage[pipeline]) + 1;
    const entries: { stage: Stage; resume: Stage | null; weight: number }[] = [];
    states.forEach((stage, i) => {
      const weight = weights[i]!;
      const resumes =
        stage === "rejected" ? rejectableStages[pipeline]
        : stage === "abandoned" ? stages.slice(0, 3)
        : stage === "on_hold" ? stages.slice(1, -1)
        : null;
      if (!resumes) entries.push({ stage, resume: null, weight });
      else for (const resume of resumes) entries.push({ stage, resume, weight: weight / resumes.length });
    });
    let bucket = 0;
    let acc = 0;
    entries.forEach((entry, index) => {
      acc += entry.weight;
      const end = index === entries.length - 1 ? 1000 : Math.round((acc / total) * 1000);
      const effective = entry.resume ?? entry.stage;
      const position = stages.indexOf(effective) + 1;
      for (; bucket < end; bucket++) {
        rows.push(
          `(${q(pipeline)}, ${bucket}, ${q(entry.stage)}, ${entry.resume ? q(entry.resume) : "null"}, ${q(effective)}, ${position}, ` +
            `${entry.resume !== null}, ${position === stages.length && !entry.resume}, ${docs}, ${guard}, ${MAX_DAYS[effective] ?? 3})`,
        );
      }
    });
  }
  return rows.join(",\n");
}

/* ------------------------------------------------------------ people */

type BulkPerson = { name: string; birth: string; cipher: Buffer; keyId: string; hmac: Buffer; mask: string; mobile: string };

function makePeople(rng: Rng, count: number, keys: PiiKeys, taken: Set<string>, now: Date): BulkPerson[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, , weight] of SURNAMES) cumulative.push((sum += weight));
  const people: BulkPerson[] = [];
  const thisYear = now.getUTCFullYear();
  for (let i = 0; i < count; i++) {
    const r = rng() * sum;
    const surname = SURNAMES[cumulative.findIndex((c) => r < c)]![0];
    const male = rng() < 0.5;
    const [given] = pick(rng, male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    const year = thisYear - randomInt(rng, 20, 62);
    const birth = `${year}-${String(randomInt(rng, 1, 12)).padStart(2, "0")}-${String(randomInt(rng, 1, 28)).padStart(2, "0")}`;
    let idNumber: string;
    let hmac: Buffer;
    do {
      idNumber = generateResidentId({ rng, regionCode: pick(rng, SAMPLE_COUNTY_CODES), birthDate: birth, sex: male ? "male" : "female" });
      hmac = hmacPii(keys, idNumber);
    } while (taken.has(hmac.toString("hex")));
    taken.add(hmac.toString("hex"));
    const { ciphertext, keyId } = encryptPii(keys, idNumber);
    people.push({
      name: surname + given,
      birth,
      cipher: ciphertext,
      keyId,
      hmac,
      mask: maskResidentId(idNumber),
      mobile: `+861${randomInt(rng, 3, 9)}${String(randomInt(rng, 0, 999_999_999)).padStart(9, "0")}`,
    });
  }
  return people;
}

/* ------------------------------------------------------------ one agency */

type FillInput = {
  slug: string;
  companies: number;
  now: Date;
  keys: PiiKeys;
  passwordHash: string | null;
  history: boolean;
  /** Row triggers off: the companies' registration counts are loaded with them (the triggers would count the cards). */
  triggersOff: boolean;
  log: (line: string) => void;
};

async function fillAgency(client: pg.Client, input: FillInput): Promise<ScaleAgencyResult> {
  const { slug, now, log } = input;
  const n = input.companies;
  const started = performance.now();
  const rows: Record<string, number> = {};
  const run = async (table: string | null, text: string, values?: unknown[]) => {
    const result = await client.query(text, values);
    if (table) rows[table] = (rows[table] ?? 0) + (result.rowCount ?? 0);
    return result;
  };
  const NOW = `${q(now.toISOString())}::timestamptz`;
  // Reproducible per agency and per fill: the slug and how many companies it had.
  const seedOf = (base: number) => [...`${slug}#${base}`].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 0x5ca1e);
  let rng = createRng(seedOf(0));

  /* ---- the agency and its staff */

  const found = await client.query<{ id: string }>("select id from agencies where slug = $1", [slug]);
  const created = found.rowCount === 0;
  const agencyId = found.rows[0]?.id ?? newId();
  const AGENCY = `${q(agencyId)}::uuid`;
  if (created) {
    await run("agencies", "insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)", [
      agencyId, slug, `基准测试 ${slug}`, new Date(now.getTime() - 1_200 * 86_400_000),
    ]);
    // Like every new agency (sign-up, the demo seed): the national holiday calendar.
    const days = nationalDays();
    await run(
      "holidays",
      `insert into holidays (agency_id, date, kind, name)
       select $1, d, k::holiday_kind, n from unnest($2::date[], $3::text[], $4::text[]) as h(d, k, n)`,
      [agencyId, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
    );
  }
  const staffRoles = ["owner", "admin", "staff", "staff", "staff", "manager"] as const;
  const existingStaff = await client.query<{ user_id: string }>(
    "select user_id from memberships where agency_id = $1 and role in ('owner', 'admin', 'staff') and status = 'active'",
    [agencyId],
  );
  let assignees = existingStaff.rows.map((r) => r.user_id);
  const madeUsers: string[] = [];
  if (assignees.length === 0) {
    const made = staffRoles.map((role, i) => {
      const [surname] = pick(rng, SURNAMES);
      const [given] = pick(rng, i % 2 ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
      return { id: newId(), role, email: `${role}${i}@${slug}.example`, name: surname + given };
    });
    await run(
      "users",
      `insert into users (id, email, name, password_hash, email_verified_at, created_at)
       select id, email, name, $2, $3, $3 from unnest($1::uuid[], $4::text[], $5::text[]) as u(id, email, name)
       on conflict do nothing`,
      [made.map((u) => u.id), input.passwordHash, now, made.map((u) => u.email), made.map((u) => u.name)],
    );
    const { rows: ids } = await client.query<{ id: string; email: string }>(
      "select id, email from users where email = any($1::text[])",
      [made.map((u) => u.email)],
    );
    const idOf = new Map(ids.map((u) => [u.email, u.id]));
    await run(
      "memberships",
      `insert into memberships (id, agency_id, user_id, role, created_at)
       select gen_random_uuid(), $1, user_id, role::role, $2 from unnest($3::uuid[], $4::text[]) as m(user_id, role)
       on conflict (agency_id, user_id) do nothing`,
      [agencyId, now, made.map((u) => idOf.get(u.email)!), made.map((u) => u.role)],
    );
    assignees = made.filter((u) => u.role !== "manager").map((u) => idOf.get(u.email)!);
    madeUsers.push(...made.map((u) => `${u.email} (${u.role})`));
  }
  const ASSIGNEES = `array[${assignees.map(q).join(",")}]::uuid[]`;
  const assignee = `(${ASSIGNEES})[1 + floor(random() * ${assignees.length})::int]`;
  if (n === 0) return { slug, agencyId, created, users: madeUsers, rows };

  /* ---- people: valid, unique, encrypted ID numbers made in Node */

  const taken = new Set(
    (
      await client.query<{ hmac: Buffer }>(
        "select id_number_hmac as hmac from people where agency_id = $1 and id_number_hmac is not null",
        [agencyId],
      )
    ).rows.map((r) => r.hmac.toString("hex")),
  );
  const base = (await client.query<{ n: number }>("select count(*)::int as n from client_companies where agency_id = $1", [agencyId])).rows[0]!.n;
  rng = createRng(seedOf(base));

  /* ---- companies */

  const cityCount = CITIES.length;
  const brandCount = BRAND_CHARACTERS.length;
  const industryCount = BULK_INDUSTRIES.length;
  const brandZh = textArray(BRAND_CHARACTERS.map(([zh]) => zh));
  const brandPy = textArray(BRAND_CHARACTERS.map(([, py]) => py));
  const brandEn = `initcap((${brandPy})[b1]) || case when (${brandPy})[b2] ~ '^[aoe]' then '''' else '' end || (${brandPy})[b2]`;
  const orgSeq = `lpad((((${base} + i)::bigint * 7919) % 100000000)::text, 8, '0')`;
  const orgCheck = `(case 11 - (${weightedSum("o8", ORG_WEIGHTS, USCC_ALPHABET)}) % 11 when 10 then 'X' when 11 then '0' else (11 - (${weightedSum("o8", ORG_WEIGHTS, USCC_ALPHABET)}) % 11)::text end)`;
  // The people are made in Node while the server makes the companies' codes (g_company):
  // the query is on the wire before makePeople takes the event loop.
  const companiesMade = run(
    null,
    `create temp table g_company on commit drop as
     select s.*, pg_temp.uuid7(created_at) as id, pg_temp.uuid7(created_at + interval '20 minutes') as person_id,
       case when kind = 'cn_org' then
         f17 || substr(${q(USCC_ALPHABET)}, 1 + (31 - (${weightedSum("f17", USCC_WEIGHTS, USCC_ALPHABET)}) % 31) % 31, 1)
       end as uscc
     from (
       select t.*, prefix || (${textArray(CITIES.map((c) => c.code))})[ci] || o8 || ${orgCheck} as f17
       from (
         select i,
           case when i % 20 = 0 then 'overseas' when i % 20 in (1, 2) then 'cn_individual' else 'cn_org' end::company_kind as kind,
           r_subject, 1 + floor(random() * ${cityCount})::int as ci,
           1 + b0 as b1, 1 + (b0 + 1 + floor(random() * ${brandCount - 1})::int) % ${brandCount} as b2,
           1 + floor(random() * ${industryCount})::int as ii, 1 + floor(random() * 8)::int as si,
           1 + (i / 20) % ${OVERSEAS.length} as oi,
           ${NOW} - (400 + random() * 700) * interval '1 day' as created_at,
           ${assignee} as assignee,
           case when r_subject < 0.90 then '91' when r_subject < 0.97 then '92' when r_subject < 0.98 then '11'
                when r_subject < 0.99 then '12' else '52' end as prefix,
           ${orgSeq} as o8
         from (select i, random() as r_subject, floor(random() * ${brandCount})::int as b0 from generate_series(1, ${n}) i) g
       ) t
     ) s`,
  );
  const bulkPeople = makePeople(rng, n, input.keys, taken, now);
  await companiesMade;
  await client.query(`create temp table g_person (i int primary key, name text, birth date, cipher bytea, key_id text, hmac bytea, mask text, mobile text) on commit drop`);
  for (let from = 0; from < n; from += 10_000) {
    const chunk = bulkPeople.slice(from, from + 10_000);
    await client.query(
      `insert into g_person select * from unnest($1::int[], $2::text[], $3::date[], $4::bytea[], $5::text[], $6::bytea[], $7::text[], $8::text[])`,
      [
        chunk.map((_, k) => from + k + 1), chunk.map((p) => p.name), chunk.map((p) => p.birth), chunk.map((p) => p.cipher),
        chunk.map((p) => p.keyId), chunk.map((p) => p.hmac), chunk.map((p) => p.mask), chunk.map((p) => p.mobile),
      ],
    );
  }
  log(`${slug}: ${n} people (made in Node) and the companies' codes in ${seconds(started)}`);

  await client.query("analyze g_person; analyze g_company");
  const shopZh = textArray(SHOPS.map(([zh]) => zh));
  const shopEn = textArray(SHOPS.map(([, en]) => en));
  const cityPrefix = textArray(CITIES.map((c) => c.namePrefix));
  const cityEn = textArray(CITIES.map((c) => c.en));
  const overseasCase = (field: "suffix" | "city" | "country" | "reg") =>
    `case oi ${OVERSEAS.map((o, k) => `when ${k + 1} then ${field === "reg" ? o.reg : q(o[field])}`).join(" ")} end`;
  await run(
    "client_companies",
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, name_en, uscc, legacy_org_code,
       country, foreign_registration_number, industry, scale, address, assignee_user_id, created_at, updated_at, registration_count)
     select c.id, ${AGENCY}, c.kind,
       (case when c.kind = 'cn_individual' then 'individual' when c.kind = 'overseas' then 'overseas_company'
             else (case c.prefix when '91' then 'enterprise' when '92' then 'individual_business' when '11' then 'government'
                   when '12' then 'media' else 'other_org' end) end)::subject_type,
       case when c.kind = 'cn_individual' then p.name
            when c.kind = 'overseas' then null
            when c.prefix = '92' then (${cityPrefix})[ci] || (${brandZh})[b1] || (${brandZh})[b2] || (${shopZh})[si]
            when c.prefix = '11' then (${cityPrefix})[ci] || (${brandZh})[b1] || '区' || ${pickSql(["市场监督管理局", "文化和旅游局", "教育局", "卫生健康局"])}
            when c.prefix = '12' then (${brandZh})[b1] || (${brandZh})[b2] || ${pickSql(["日报社", "晚报社", "广播电视台"])}
            when c.prefix = '52' then (${cityPrefix})[ci] || (${brandZh})[b1] || (${brandZh})[b2] || ${pickSql(["培训学校", "康复中心", "养老服务中心"])}
            else (${cityPrefix})[ci] || (${brandZh})[b1] || (${brandZh})[b2] || (${textArray(BULK_INDUSTRIES.map(([w]) => w))})[ii] || '有限公司'
       end,
       case when c.kind = 'overseas' then ${pickSql(OVERSEAS_PREFIXES)} || ' ' || ${pickSql(OVERSEAS_SECTORS)} || ' ' || ${overseasCase("suffix")}
            when c.kind = 'cn_individual' then null
            when c.prefix = '92' then ${brandEn} || ' ' || (${shopEn})[si] || ', ' || (${cityEn})[ci]
            when c.prefix = '91' then (${cityEn})[ci] || ' ' || ${brandEn} || ' ' || (${textArray(BULK_INDUSTRIES.map(([, , en]) => en))})[ii] || ' Co., Ltd.'
       end,
       c.uscc,
       case when c.kind = 'cn_org' and c.i % 20 = 3 then substr(c.uscc, 9, 8) || '-' || substr(c.uscc, 17, 1) end,
       case when c.kind = 'overseas' then ${overseasCase("country")} end,
       case when c.kind = 'overseas' then ${overseasCase("reg")} end,
       case when c.kind = 'cn_individual' then ${pickSql(SELF_MEDIA)}
            when c.prefix = '92' then (${textArray(SHOPS.map(([, , industry]) => industry))})[si]
            when c.prefix = '11' then '政府机关' when c.prefix = '12' then '新闻媒体' when c.prefix = '52' then '社会服务'
            else (${textArray(BULK_INDUSTRIES.map(([, label]) => label))})[ii] end,
       ${pickSql(SCALES)},
       case when c.kind = 'overseas' then (1 + floor(random() * 300))::int || ' ' || ${pickSql(["Market Street", "King Street", "Harbour Road", "Park Avenue", "Station Road"])} || ', ' || ${overseasCase("city")}
            else (${textArray(CITIES.map((x) => x.address))})[ci] || ${pickSql(COMMON_ROADS)} || (1 + floor(random() * 899))::int || '号' end,
       c.assignee, c.created_at, c.created_at,
       -- With the triggers off, the cards made below (g_reg): one per company, a second Official
       -- Account or a WeCom for some organisations. With them on, the triggers count them.
       ${input.triggersOff ? "1 + (c.kind = 'cn_org' and c.i % 20 between 3 and 12)::int" : "0"}
     from g_company c join g_person p using (i)`,
  );
  const collisions = await client.query(
    `select count(*)::int as n from (select uscc from client_companies where agency_id = ${AGENCY} and uscc is not null group by uscc having count(*) > 1) d`,
  );
  if (collisions.rows[0].n > 0) throw new Error("generated USCCs collide with existing ones: run again");

  await run(
    "people",
    `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, birth_date,
       id_expires_on, mobile, created_at, updated_at)
     select c.person_id, ${AGENCY}, p.name, 'prc_resident_id', p.cipher, p.key_id, p.hmac, p.mask, p.birth,
       case when p.birth > (${NOW} - interval '46 years')::date then (${NOW} + (random() * 3600 - 60) * interval '1 day')::date end,
       p.mobile, c.created_at + interval '20 minutes', c.created_at + interval '20 minutes'
     from g_company c join g_person p using (i)`,
  );
  await run(
    "person_companies",
    `insert into person_companies (agency_id, person_id, client_company_id, role)
     select ${AGENCY}, c.person_id, c.id, r.role::person_role
     from g_company c cross join lateral (values ('operator'), (case when c.kind = 'overseas' then 'contact' else 'legal_representative' end)) r(role)`,
  );
  log(`${slug}: companies and people in ${seconds(started)}`);

  /* ---- registrations: 1.5 per company, states by weight */

  await client.query(
    `create temp table g_state (pipeline pipeline, bucket int, stage stage, resume stage, effective stage, eff_pos int,
       side boolean, terminal boolean, docs_pos int, guard_pos int, max_days float8) on commit drop`,
  );
  await client.query(`insert into g_state values ${stateBuckets()}`);
  await client.query(`create temp table g_path on commit drop as
    select pipeline, stage, position, lag(stage) over (partition by pipeline order by position) as prev
    from pipeline_stages where not is_side_state`);
  await run(
    null,
    `create temp table g_reg on commit drop as
     select s.*, pg_temp.uuid7(created_at) as id, pg_temp.uuid7(created_at) as account_id, pg_temp.uuid7(created_at) as request_id,
       created_at + (docs_pos - 1) * gap as docs_at
     from (
       select t.*, last_at - (eff_pos - 1) * gap as created_at
       from (
         select d.*, st.stage, st.resume, st.effective, st.eff_pos, st.side, st.terminal, st.docs_pos, st.guard_pos,
           e.entered_at, e.entered_at - case when st.side then gap else interval '0' end as last_at
         from (
           select cards.*, floor(random() * 1000)::int as bucket, random() as r_time, random() as r_a, random() as r_b,
             (1 + random() * 4) * interval '1 day' as gap, ${assignee} as assignee
           from (
             select i, id as company_id, kind, person_id, b1, b2, 1 as nth,
               (case kind when 'cn_org' then 'oa_cn_org' when 'cn_individual' then 'oa_cn_individual' else 'oa_overseas' end)::pipeline as pipeline
             from g_company
             union all
             select i, id, kind, person_id, b2, b1, 2, 'oa_cn_org' from g_company where kind = 'cn_org' and i % 20 between 3 and 7
             union all
             select i, id, kind, person_id, b1, b2, 3, 'wecom' from g_company where kind = 'cn_org' and i % 20 between 8 and 12
           ) cards
         ) d
         join g_state st on st.pipeline = d.pipeline and st.bucket = d.bucket
         cross join lateral (select ${NOW} - (case
             when st.terminal then 1 + d.r_time * 360
             when st.stage = 'on_hold' then 3 + d.r_time * 37
             when st.stage = 'rejected' then 1 + d.r_time * 24
             when st.stage = 'abandoned' then 10 + d.r_time * 110
             else 0.05 + d.r_time * 1.3 * st.max_days end) * interval '1 day' as entered_at) e
       ) t
     ) s`,
  );
  await client.query("analyze g_reg");
  await run(
    "registrations",
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at,
       due_at, waiting, waiting_since, assignee_user_id, version, created_at, updated_at)
     select id, ${AGENCY}, company_id, (case when pipeline = 'wecom' then 'wecom' else 'official_account' end)::product,
       pipeline, stage, resume, entered_at,
       case when side then null
            when stage = 'documents' then (((docs_at at time zone 'Asia/Shanghai')::date + 7) + time '23:59:59') at time zone 'Asia/Shanghai'
            when stage = 'account_created' then entered_at + interval '48 hours'
            when stage = 'subject_submitted' and pipeline = 'oa_cn_org' then entered_at + interval '10 days'
            when stage = 'under_review' then pg_temp.business_days(entered_at, 7)
            when stage = 'awaiting_response' then pg_temp.business_days(entered_at, 10)
            when stage = 'verification_submitted' then pg_temp.business_days(entered_at, 5)
       end,
       (case when stage = 'on_hold' then 'client'
             when stage = 'documents' and r_a < 0.8 then 'client'
             when stage in ('subject_submitted', 'under_review', 'awaiting_response', 'verification_submitted') then 'wechat'
             else 'none' end)::waiting,
       -- Triggers are off here (session_replication_role): waiting_since as 0022's trigger would set it.
       case when stage = 'on_hold' or (stage = 'documents' and r_a < 0.8)
              or stage in ('subject_submitted', 'under_review', 'awaiting_response', 'verification_submitted')
            then entered_at end,
       assignee, eff_pos + side::int, created_at, entered_at
     from g_reg`,
  );
  log(`${slug}: registrations in ${seconds(started)}`);

  /* ---- Official Accounts, names, corps, slots */

  const brandZhSql = `(${brandZh})[b1] || (${brandZh})[b2]`;
  await run(
    "official_accounts",
    `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, operator_person_id,
       name, introduction, intro_changed_at, login_email, wechat_id, original_id, registered_at, verification_status,
       verification_expires_at, created_at, updated_at)
     select r.account_id, ${AGENCY}, r.company_id, r.id, r.kind,
       (case when r.pipeline = 'oa_overseas' then 'service'
             when r.eff_pos < 5 then null
             when r.pipeline = 'oa_cn_individual' then 'subscription'
             when r.r_b < 0.6 then 'service' else 'subscription' end)::account_type,
       case when r.eff_pos >= 2 then r.person_id end,
       n.name,
       case when r.eff_pos >= n.profile_pos then n.name || '官方帐号：最新资讯、会员服务与在线咨询。' end,
       case when r.eff_pos >= n.profile_pos then r.created_at + (n.profile_pos - 1) * r.gap end,
       case when r.eff_pos >= 3 then 'mp' || substr(replace(r.account_id::text, '-', ''), 17, 16) || '@${input.slug}.bench.example' end,
       case when r.terminal and r.r_b < 0.6 then 'wx' || substr(md5(r.account_id::text), 1, 10) end,
       case when r.terminal then 'gh_' || substr(md5(r.id::text), 1, 12) end,
       case when r.terminal then r.entered_at end,
       (case when not r.terminal or r.pipeline = 'oa_cn_individual' then 'none'
             when r.r_a < 0.5 then 'verified' when r.r_a < 0.6 then 'pending' when r.r_a < 0.7 then 'expired' else 'none' end)::verification_status,
       case when r.terminal and r.pipeline <> 'oa_cn_individual' and r.r_a < 0.5 then ${NOW} + (5 + r.r_b * 355) * interval '1 day'
            when r.terminal and r.pipeline <> 'oa_cn_individual' and r.r_a >= 0.6 and r.r_a < 0.7 then ${NOW} - (5 + r.r_b * 55) * interval '1 day'
       end,
       r.created_at, r.entered_at
     from g_reg r
     join g_person p on p.i = r.i
     cross join lateral (select
         case when r.kind = 'cn_individual' then p.name || ${pickSql(INDIVIDUAL_OA, "r.r_b")}
              when r.kind = 'overseas' then ${brandZhSql} || '中国'
              else ${brandZhSql} || ${pickSql(OA_SUFFIXES, "r.r_b")} end as name,
         case when r.pipeline = 'oa_overseas' then 3 else 7 end as profile_pos) n
     where r.pipeline <> 'wecom'`,
  );
  await run(
    "official_account_names",
    `insert into official_account_names (id, agency_id, client_company_id, official_account_id, name, changed_at, changed_by)
     select pg_temp.uuid7(o.created_at), ${AGENCY}, o.client_company_id, o.id, o.name, o.created_at, r.assignee
     from official_accounts o join g_reg r on r.account_id = o.id
     where o.agency_id = ${AGENCY}`,
  );
  await run(
    "wecom_corps",
    `insert into wecom_corps (id, agency_id, client_company_id, registration_id, admin_person_id, corp_name, short_name, industry,
       scale, tier, region, corp_id, verification_status, verification_expires_at, created_at, updated_at)
     select r.account_id, ${AGENCY}, r.company_id, r.id, case when r.eff_pos >= 2 then r.person_id end,
       coalesce(c.legal_name_zh, c.name_en), ${brandZhSql}, c.industry, c.scale,
       case when r.terminal and r.r_b < 0.3 then 'paid' else 'free' end, null,
       case when r.eff_pos >= 4 then 'ww' || substr(md5(r.account_id::text), 1, 16) end,
       (case when r.stage = 'rejected' then 'failed' when r.eff_pos >= 6 then 'verified' when r.eff_pos = 5 then 'pending' else 'none' end)::verification_status,
       case when r.eff_pos >= 6 then r.created_at + 5 * r.gap + interval '365 days' end,
       r.created_at, r.entered_at
     from g_reg r join client_companies c on c.id = r.company_id
     where r.pipeline = 'wecom'`,
  );
  // Slots in the order they were taken: an external account first (made with the
  // company), then each Official Account once its operator was set (design.md §4.2).
  await run(
    null,
    `create temp table g_taker on commit drop as
     select r.i, r.account_id as official_account_id, null::uuid as external_account_id, r.docs_at as at
     from g_reg r where r.pipeline <> 'wecom' and r.eff_pos >= 2 and r.stage not in ('rejected', 'abandoned')`,
  );
  await run(
    "external_accounts",
    `with picked as (
       select c.i, c.person_id, c.created_at + interval '1 hour' as at, pg_temp.uuid7(c.created_at + interval '1 hour') as id, b1, b2
       from g_company c left join (select i, count(*) as n from g_taker group by i) t using (i)
       where c.i % 10 = 7 and coalesce(t.n, 0) < 2
     ), made as (
       insert into g_taker select i, null, id, at from picked
     )
     insert into external_accounts (id, agency_id, operator_person_id, name, wechat_id, note, created_at)
     select id, ${AGENCY}, person_id, ${brandZhSql} || '日记', 'wx' || substr(md5(id::text), 1, 8), 'Operated before the client came to us.', at
     from picked`,
  );
  await run(
    "id_slots",
    `insert into id_slots (agency_id, operator_id_hmac, slot, official_account_id, external_account_id, taken_at)
     select ${AGENCY}, p.hmac, row_number() over (partition by t.i order by t.at, t.external_account_id nulls last), t.official_account_id,
       t.external_account_id, t.at
     from g_taker t join g_person p using (i)`,
  );
  log(`${slug}: accounts, corps and ID slots in ${seconds(started)}`);
  if (!input.history) {
    await client.query("drop table g_person, g_company, g_state, g_path, g_reg, g_taker");
    log(`${slug}: done (no history) in ${seconds(started)}`);
    return { slug, agencyId, created, users: madeUsers, rows };
  }

  /* ---- the cards' history */

  await run(
    "registration_events",
    `insert into registration_events (id, agency_id, client_company_id, registration_id, from_stage, to_stage, actor_user_id, at, note)
     select pg_temp.uuid7(at), ${AGENCY}, r.company_id, r.id, p.prev, p.stage, r.assignee, at, null
     from g_reg r join g_path p on p.pipeline = r.pipeline and p.position <= r.eff_pos
     cross join lateral (select r.created_at + (p.position - 1) * r.gap as at) t
     union all
     select pg_temp.uuid7(r.entered_at), ${AGENCY}, r.company_id, r.id, r.effective, r.stage, r.assignee, r.entered_at,
       ${pickSql(["客户暂停项目", "微信审核未通过", "客户决定放弃", "Client paused the project."])}
     from g_reg r where r.side`,
  );
  log(`${slug}: registration history in ${seconds(started)}`);

  /* ---- documents: the pipeline's required set (shared ones linked), some extras */

  const kindRows: string[] = [];
  for (const pipeline of pipelines) {
    for (const kind of requiredDocuments[pipeline]) {
      // A company's second account and its WeCom corp reuse the first card's licence and ID photo.
      const shared = kind === "business_licence" || kind === "id_holding_photo";
      kindRows.push(`(${q(pipeline)}, ${q(kind)}, ${shared}, 1.0)`);
    }
  }
  // Logos for most registered accounts bring the total to about 4 documents per company.
  kindRows.push(`('oa_cn_org', 'logo', false, 0.9)`, `('oa_cn_individual', 'logo', false, 0.9)`);
  kindRows.push(`('oa_cn_individual', 'id_card_front', true, 0.6)`, `('oa_cn_individual', 'id_card_back', true, 0.6)`);
  kindRows.push(`('oa_overseas', 'business_card', false, 0.6)`, `('oa_overseas', 'application', false, 0.8)`);
  await client.query(`create temp table g_kind (pipeline pipeline, kind document_kind, shared boolean, share float8) on commit drop`);
  await client.query(`insert into g_kind values ${kindRows.join(", ")}`);
  await run(
    null,
    `create temp table g_doc on commit drop as
     select s.*, pg_temp.uuid7(doc_start) as id,
       case when status = 'requested' then 0 when status = 'expired' then 1 else 1 + (r_v < 0.3)::int end as versions
     from (
       select x.*,
         (case when eff_pos < docs_pos then 'requested'
               when eff_pos = docs_pos then (case when r_s < 0.3 then 'requested' when r_s < 0.6 then 'uploaded'
                                                   when r_s < 0.8 then 'rejected' else 'approved' end)
               when eff_pos < guard_pos then (case when r_s < 0.7 then 'approved' else 'uploaded' end)
               when terminal and r_s < 0.05 then 'expired'
               else 'approved' end)::document_status as status
       from (
         select r.id as registration_id, r.request_id, r.company_id, r.person_id, r.pipeline, r.nth, r.eff_pos, r.docs_pos,
           r.guard_pos, r.terminal, r.side, r.stage, r.r_a, k.kind,
           k.kind in ('id_holding_photo', 'id_card_front', 'id_card_back') as personal, random() as r_v, random() as r_s,
           case when r.eff_pos >= r.docs_pos then r.docs_at else r.created_at end as doc_start,
           case when r.eff_pos > r.docs_pos then r.docs_at + r.gap when r.side then r.entered_at else ${NOW} end as doc_end
         from g_reg r join g_kind k on k.pipeline = r.pipeline
         where not (k.shared and (r.nth = 2 or r.pipeline = 'wecom'))
           -- A hash of the pair, not random(): a qual on g_kind alone would be drawn once per kind.
           and (k.share >= 1 or (hashtext(r.id::text || k.kind::text) & 1023) < k.share * 1024)
           and (k.kind <> 'logo' or r.terminal)
       ) x
     ) s`,
  );
  await client.query("analyze g_doc");
  await run(
    "document_requests",
    `insert into document_requests (id, agency_id, client_company_id, registration_id, kinds, due_on, message, status, requested_by, created_at)
     select r.request_id, ${AGENCY}, r.company_id, r.id, k.kinds, (r.docs_at at time zone 'Asia/Shanghai')::date + 7,
       '您好，请上传以下材料，谢谢！',
       case when r.eff_pos > r.docs_pos then 'fulfilled' when r.stage = 'abandoned' then 'cancelled' else 'open' end,
       r.assignee, least(r.docs_at, r.entered_at)
     from g_reg r join (select registration_id, array_agg(kind order by kind) as kinds from g_doc group by registration_id) k
       on k.registration_id = r.id
     where r.eff_pos <= r.docs_pos or r.r_a < 0.5`,
  );
  await run(
    "document_request_comments",
    `insert into document_request_comments (id, agency_id, client_company_id, document_request_id, author_user_id, body, created_at)
     select pg_temp.uuid7(q.created_at + interval '2 hours'), ${AGENCY}, q.client_company_id, q.id, q.requested_by,
       ${pickSql(["请尽快上传，谢谢", "照片需要四角完整", "Please use the template we sent.", "授权书需要加盖公章"])}, q.created_at + interval '2 hours'
     from document_requests q where q.agency_id = ${AGENCY} and q.status = 'open' and random() < 0.5`,
  );
  await run(
    "documents",
    `insert into documents (id, agency_id, client_company_id, person_id, document_request_id, kind, status, signed, chopped,
       colour_scan, expires_on, version, created_at, updated_at)
     select d.id, ${AGENCY}, d.company_id, case when d.personal then d.person_id end,
       case when d.eff_pos <= d.docs_pos or d.r_a < 0.5 then d.request_id end,
       d.kind, d.status,
       d.kind in ('authorisation_letter', 'verification_letter') and d.status in ('approved', 'expired'),
       d.kind in ('authorisation_letter', 'verification_letter') and d.status in ('approved', 'expired'),
       d.kind = 'business_licence' and d.status <> 'requested',
       case when d.status = 'expired' then (${NOW} - (5 + random() * 55) * interval '1 day')::date end,
       1 + d.versions * 2, d.doc_start,
       d.doc_start + (d.doc_end - d.doc_start) * (2 * d.versions) / (2 * d.versions + 1)
     from g_doc d`,
  );
  await run(
    "document_registrations",
    `insert into document_registrations (agency_id, client_company_id, document_id, registration_id)
     select ${AGENCY}, company_id, id, registration_id from g_doc
     union all
     select ${AGENCY}, r.company_id, d.id, r.id
     from g_reg r join g_doc d on d.company_id = r.company_id and d.nth = 1 and d.pipeline = 'oa_cn_org'
       and (d.kind = 'business_licence' or (d.kind = 'id_holding_photo' and r.pipeline = 'oa_cn_org'))
     where r.nth in (2, 3)`,
  );
  await run(
    null,
    `create temp table g_version on commit drop as
     select pg_temp.uuid7(at) as id, t.* from (
       select d.id as document_id, d.company_id, d.kind, d.status, v, d.versions,
         d.doc_start + (d.doc_end - d.doc_start) * (2 * v - 1) / (2 * d.versions + 1) as at,
         d.doc_start + (d.doc_end - d.doc_start) * (2 * v) / (2 * d.versions + 1) as reviewed_at,
         d.personal or d.kind in ('logo', 'business_card') or random() < 0.4 as jpeg
       from g_doc d cross join lateral generate_series(1, d.versions) v
     ) t`,
  );
  await run(
    "document_versions",
    `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag, detected_type,
       original_name, uploaded_by, uploaded_at)
     select v.id, ${AGENCY}, v.company_id, v.document_id,
       -- upload.ts's finalKey, with no object behind it: the reconciliation reports these rows.
       'agencies/' || ${q(agencyId)} || '/companies/' || v.company_id || '/documents/' || v.document_id || '/' || v.id,
       case when v.jpeg then 180000 + floor(random() * 1900000)::int else 150000 + floor(random() * 6350000)::int end,
       decode(md5(v.id::text) || md5(v.document_id::text || v.v), 'hex'), '"' || md5(v.id::text || 'etag') || '"',
       case when v.jpeg then 'image/jpeg' else 'application/pdf' end,
       (case v.kind ${Object.entries(FILE_NAMES).map(([kind, name]) => `when ${q(kind)} then ${q(name)}`).join(" ")} end)
         || case when v.jpeg then '.jpg' else '.pdf' end,
       ${assignee}, v.at
     from g_version v`,
  );
  await run(
    "document_reviews",
    `insert into document_reviews (id, agency_id, client_company_id, document_version_id, decision, reason, reviewer_user_id, at)
     select pg_temp.uuid7(v.reviewed_at), ${AGENCY}, v.company_id, v.id, x.decision::review_decision,
       case when x.decision = 'reject' then ${pickSql(REASONS)} end, ${assignee}, v.reviewed_at
     from g_version v
     cross join lateral (select case when v.v < v.versions or v.status = 'rejected' then 'reject'
                                     when v.status in ('approved', 'expired') then 'approve' end as decision) x
     where x.decision is not null`,
  );
  log(`${slug}: documents, versions and reviews in ${seconds(started)}`);

  /* ---- notes, notifications, audit */

  await run(
    "notes",
    `insert into notes (id, agency_id, client_company_id, registration_id, author_user_id, body, created_at)
     select pg_temp.uuid7(at), ${AGENCY}, r.company_id, case when random() < 0.6 then r.id end, r.assignee, ${pickSql(NOTES)}, at
     from g_reg r cross join lateral (select r.created_at + (r.entered_at - r.created_at) * random() as at) t
     where r.r_b < 0.2`,
  );
  await run(
    "notifications",
    `insert into notifications (id, agency_id, user_id, kind, data, created_at, read_at)
     select pg_temp.uuid7(at), ${AGENCY}, u, ${pickSql(["document.uploaded", "registration.due_soon", "registration.overdue", "registration.assigned"])},
       '{}'::jsonb, at, case when random() < 0.6 then at + interval '2 hours' end
     from (select u, ${NOW} - random() * interval '30 days' as at
           from unnest(${ASSIGNEES}) u cross join generate_series(1, ${Math.max(5, Math.round(n / 2000))}) g) t`,
  );
  await run(
    "audit_events",
    `insert into audit_events (id, agency_id, actor_user_id, action, target_type, target_id, data, at)
     select pg_temp.uuid7(created_at), ${AGENCY}, assignee, 'client.create', 'client_company', id, jsonb_build_object('kind', kind), created_at
     from g_company
     union all
     select pg_temp.uuid7(created_at), ${AGENCY}, assignee, 'registration.create', 'registration', id,
       jsonb_build_object('pipeline', pipeline), created_at
     from g_reg`,
  );
  await client.query(
    "drop table g_person, g_company, g_state, g_path, g_reg, g_taker, g_kind, g_doc, g_version",
  );
  log(`${slug}: done in ${seconds(started)}`);
  return { slug, agencyId, created, users: madeUsers, rows };
}
