/**
 * The demo data `npm run dev` starts with: the demo agency and a user of every role
 * (all with the password `npm run dev` prints), about sixty clients of the three kinds
 * with their people, accounts, cards in every stage of every pipeline, documents in
 * every status and the history behind them (db/seed-data/plan.ts), plus a second
 * agency that the staff user also belongs to, so the agency picker has something to
 * pick. Idempotent: a second run finds the demo agency seeded and changes nothing.
 * Each document version has real bytes (db/seed-data/files.ts), put in the bucket after
 * the commit to the S3 the caller passes (options.env); a run puts only what the bucket lacks.
 *
 * ID numbers are encrypted with the app's keys, PII_KEYS and PII_HMAC_KEY, which the
 * caller puts in process.env (or passes as options.pii).
 *
 * Runs as the migrating connection (DATABASE_URL): a superuser, or a role granted
 * weidesk_maint (BYPASSRLS), since it writes several tenants at once.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { clock } from "@/lib/clock";
import { encryptPii, hmacPii, parsePiiKeys, type PiiKeys } from "@/lib/crypto/pii";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { nationalDays } from "@/lib/registration/holidays";
import {
  agencies,
  auditEvents,
  clientCompanies,
  documentRegistrations,
  documentRequestComments,
  documentRequests,
  documentReviews,
  documents,
  documentVersions,
  externalAccounts,
  holidays,
  idSlots,
  memberships,
  notes,
  notifications,
  officialAccountNames,
  officialAccounts,
  people,
  personCompanies,
  registrationEvents,
  registrations,
  users,
  wecomCorps,
} from "./schema";
import { demoFiles, describePut, putDemoFiles, type DemoFiles, type PutResult } from "./seed-data/files";
import { buildDemoPlan, buildSecondAgencyPlan, type DemoPlan, type DemoUsers, type ProtectId } from "./seed-data/plan";

export const DEMO_AGENCY = { slug: "demo", name: "云帆咨询 Yunfan Consulting" } as const;
export const SECOND_AGENCY = { slug: "demo-north", name: "北辰企业服务 Beichen Services" } as const;

/** The demo client company whose administrator signs in as client@… */
export const DEMO_CLIENT_COMPANY = {
  legalNameZh: "上海青禾文化传播有限公司",
  nameEn: "Shanghai Qinghe Culture Media Co., Ltd.",
  uscc: "91310110666007217T",
} as const;

export const DEMO_USERS: readonly { email: string; name: string; role: Role; locale: "en" | "zh-CN" }[] = [
  { email: "owner@yunfan.example", name: "林晓 Lin Xiao", role: "owner", locale: "zh-CN" },
  { email: "admin@yunfan.example", name: "周敏 Zhou Min", role: "admin", locale: "zh-CN" },
  { email: "staff@yunfan.example", name: "王磊 Wang Lei", role: "staff", locale: "zh-CN" },
  { email: "manager@yunfan.example", name: "Emma Clarke", role: "manager", locale: "en" },
  { email: "client@qinghe.example", name: "陈静 Chen Jing", role: "client_admin", locale: "zh-CN" },
];

export type SeedOptions = {
  demoPassword: string;
  /** The app's PII keys; by default PII_KEYS and PII_HMAC_KEY from process.env. */
  pii?: { keys: string; hmacKey: string };
  /**
   * Where the demo's files go after the commit: the S3_* variables of this environment
   * (the scripts pass theirs). Without it or them, or with S3 out of reach, the seed puts
   * none and says so in `files`.
   */
  env?: Record<string, string | undefined>;
};
export type SeedResult = {
  agencySlug: string;
  created: boolean;
  users: typeof DEMO_USERS;
  /** What became of the demo versions' files; `filesLine` says it in one line for the output. */
  files: PutResult;
  filesLine: string;
};

// Any constant: two seeds starting together (dev and a test run) write once.
const SEED_LOCK_KEY = 0x77736564; // "wsed"

type Db = NodePgDatabase<Record<string, never>>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The PII keys the seed encrypts ID numbers with: the app's own, or it could not read them. */
export function seedPiiKeys(options: Pick<SeedOptions, "pii"> = {}): PiiKeys {
  const keys = options.pii?.keys ?? process.env.PII_KEYS;
  const hmacKey = options.pii?.hmacKey ?? process.env.PII_HMAC_KEY;
  if (!keys || !hmacKey) {
    throw new Error(
      "The seed encrypts ID numbers with the app's keys: set PII_KEYS and PII_HMAC_KEY " +
        "(npm run dev keeps them in .data/secrets.json) or pass options.pii.",
    );
  }
  return parsePiiKeys(keys, hmacKey);
}

export function protectWith(keys: PiiKeys): ProtectId {
  return (normalised) => {
    const { ciphertext, keyId } = encryptPii(keys, normalised);
    return { ciphertext, keyId, hmac: hmacPii(keys, normalised) };
  };
}

/**
 * Makes the current transaction able to write any tenant's rows: a superuser or a
 * BYPASSRLS role already can; a member of weidesk_maint switches to it for the rest
 * of the transaction. FORCE row-level security stops anyone else, the owner included.
 */
export async function assumeBulkWriter(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  const [me] = await query(
    `select r.rolsuper or r.rolbypassrls as bypass,
            exists (select 1 from pg_roles m where m.rolname = 'weidesk_maint'
                    and pg_has_role(current_user, m.oid, 'MEMBER')) as maint
     from pg_roles r where r.rolname = current_user`,
  );
  if (me?.bypass) return;
  if (me?.maint) {
    await query("set local role weidesk_maint");
    return;
  }
  throw new Error("Seeding writes every tenant: connect as a superuser or as a role granted weidesk_maint.");
}

export async function seedDatabase(connectionString: string, options: SeedOptions): Promise<SeedResult> {
  const client = new pg.Client({ connectionString, application_name: "weidesk-seed" });
  await client.connect();
  try {
    const db: Db = drizzle(client);
    let created = false;
    // Made before the transaction: the rows carry their sizes and hashes.
    const files = await demoFiles();
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      await assumeBulkWriter(async (text) => (await tx.execute(sql.raw(text))).rows);
      created = await seedDemo(tx, options, files);
    });
    // After the commit (a store cannot join the transaction), on every run: a store emptied
    // since, or out of reach the first time, gets what is missing.
    const rows = await db.transaction(async (tx) => {
      await assumeBulkWriter(async (text) => (await tx.execute(sql.raw(text))).rows);
      return tx
        .select({
          s3Key: documentVersions.s3Key,
          agencyId: documentVersions.agencyId,
          sizeBytes: documentVersions.sizeBytes,
          sha256: documentVersions.sha256,
          etag: documentVersions.etag,
        })
        .from(documentVersions)
        .innerJoin(agencies, eq(agencies.id, documentVersions.agencyId))
        .where(inArray(agencies.slug, [DEMO_AGENCY.slug, SECOND_AGENCY.slug]));
    });
    const put = options.env ? await putDemoFiles(rows, options.env) : ({ outcome: "skipped", reason: "no S3 settings were passed" } as const);
    return { agencySlug: DEMO_AGENCY.slug, created, users: DEMO_USERS, files: put, filesLine: describePut(put) };
  } finally {
    await client.end();
  }
}

async function agencyBySlug(tx: Tx, slug: string) {
  const [row] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, slug));
  if (!row) return null;
  const { rows } = await tx.execute<{ companies: number; cards: number }>(sql`
    select (select count(*)::int from client_companies where agency_id = ${row.id}) as companies,
           (select count(*)::int from registrations where agency_id = ${row.id}) as cards`);
  return { id: row.id, ...rows[0]! };
}

/** Writes what is missing; false when the demo is there already. */
async function seedDemo(tx: Tx, options: SeedOptions, files: DemoFiles): Promise<boolean> {
  const demo = await agencyBySlug(tx, DEMO_AGENCY.slug);
  // An older seed made the agency, its users and the one client company: fill in the rest.
  if (demo && (demo.cards > 0 || demo.companies > 1)) {
    // A demo seeded before agencies had a holiday calendar gets the national one.
    const second = await agencyBySlug(tx, SECOND_AGENCY.slug);
    await seedCalendars(tx, [demo.id, ...(second ? [second.id] : [])]);
    return false;
  }
  const second = await agencyBySlug(tx, SECOND_AGENCY.slug);
  const keys = seedPiiKeys(options);
  const now = clock.now();

  const userIds = new Map<string, string>();
  const missingUsers: typeof DEMO_USERS[number][] = [];
  for (const user of DEMO_USERS) {
    const [row] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${user.email})`);
    if (row) userIds.set(user.email, row.id);
    else {
      userIds.set(user.email, newId());
      missingUsers.push(user);
    }
  }
  const byRole = (role: Role) => userIds.get(DEMO_USERS.find((u) => u.role === role)!.email)!;
  const demoUsers: DemoUsers = {
    owner: byRole("owner"),
    admin: byRole("admin"),
    staff: byRole("staff"),
    manager: byRole("manager"),
    client: byRole("client_admin"),
  };

  const agencyId = demo?.id ?? newId();
  const secondAgencyId = second?.id ?? newId();
  const [existingClient] = demo
    ? await tx
        .select({ id: clientCompanies.id })
        .from(clientCompanies)
        .where(and(eq(clientCompanies.agencyId, demo.id), eq(clientCompanies.uscc, DEMO_CLIENT_COMPANY.uscc)))
    : [];
  const input = { now, agencyId, secondAgencyId, users: demoUsers, clientCompanyId: existingClient?.id ?? newId(), protect: protectWith(keys), files };
  const plan = buildDemoPlan(input);
  if (!second || second.companies === 0) buildSecondAgencyPlan(input, plan);
  const since = plan.startedAt;

  const newAgencies = [
    ...(demo ? [] : [{ id: agencyId, slug: DEMO_AGENCY.slug, name: DEMO_AGENCY.name, createdAt: since }]),
    ...(second ? [] : [{ id: secondAgencyId, slug: SECOND_AGENCY.slug, name: SECOND_AGENCY.name, createdAt: since }]),
  ];
  if (newAgencies.length > 0) await tx.insert(agencies).values(newAgencies);
  if (missingUsers.length > 0) {
    const passwordHash = await hashPassword(options.demoPassword);
    await tx.insert(users).values(
      missingUsers.map((user) => ({
        id: userIds.get(user.email)!,
        email: user.email,
        name: user.name,
        passwordHash,
        locale: user.locale,
        emailVerifiedAt: since,
        createdAt: since,
      })),
    );
  }

  const companies = plan.clientCompanies.filter((c) => c.id !== existingClient?.id);
  await insertAll(tx, clientCompanies, companies);
  if (existingClient) {
    const row = plan.clientCompanies.find((c) => c.id === existingClient.id)!;
    const { id: _id, agencyId: _agency, ...fields } = row;
    await tx.update(clientCompanies).set(fields).where(eq(clientCompanies.id, existingClient.id));
  }

  const { rows: haveMemberships } = await tx.execute<{ agency_id: string; user_id: string }>(
    sql`select agency_id, user_id from memberships where agency_id in (${agencyId}, ${secondAgencyId})`,
  );
  const has = new Set(haveMemberships.map((m) => `${m.agency_id}:${m.user_id}`));
  const wanted = [
    ...DEMO_USERS.map((user) => ({
      agencyId,
      userId: userIds.get(user.email)!,
      role: user.role,
      clientCompanyId: user.role === "client_admin" ? input.clientCompanyId : null,
    })),
    // The staff user also works for a second agency: the picker after sign-in.
    { agencyId: secondAgencyId, userId: demoUsers.staff, role: "staff" as const, clientCompanyId: null },
  ].filter((m) => !has.has(`${m.agencyId}:${m.userId}`));
  if (wanted.length > 0) {
    const rows = wanted.map((m) => ({ id: newId(), ...m, createdAt: since }));
    await tx.insert(memberships).values(rows);
    for (const m of rows) {
      plan.auditEvents.push({
        id: newId(), agencyId: m.agencyId, actorUserId: demoUsers.owner, action: "member.add",
        targetType: "membership", targetId: m.id, data: { role: m.role }, at: since,
      });
    }
  }
  for (const agency of newAgencies) {
    plan.auditEvents.push({
      id: newId(), agencyId: agency.id, actorUserId: demoUsers.owner, action: "agency.create",
      targetType: "agency", targetId: agency.id, data: { slug: agency.slug }, at: since,
    });
  }

  await writePlan(tx, plan);
  await seedCalendars(tx, [agencyId, secondAgencyId]);
  return true;
}

/**
 * The national holiday calendar (lib/registration/data/prc-holidays.json) for each of
 * `agencyIds` that has no calendar yet, as sign-up gives every new agency: one whose
 * admins removed days keeps its calendar as they left it.
 */
async function seedCalendars(tx: Tx, agencyIds: string[]) {
  const days = nationalDays();
  for (const agencyId of agencyIds) {
    const [any] = await tx.select({ date: holidays.date }).from(holidays).where(eq(holidays.agencyId, agencyId)).limit(1);
    if (any) continue;
    await insertAll(tx, holidays, days.map((day) => ({ agencyId, ...day })));
  }
}

async function writePlan(tx: Tx, plan: DemoPlan) {
  await insertAll(tx, people, plan.people);
  await insertAll(tx, personCompanies, plan.personCompanies);
  await insertAll(tx, registrations, plan.registrations);
  await insertAll(tx, officialAccounts, plan.officialAccounts);
  await insertAll(tx, officialAccountNames, plan.officialAccountNames);
  await insertAll(tx, wecomCorps, plan.wecomCorps);
  await insertAll(tx, externalAccounts, plan.externalAccounts);
  await insertAll(tx, idSlots, plan.idSlots);
  await insertAll(tx, registrationEvents, plan.registrationEvents);
  await insertAll(tx, documentRequests, plan.documentRequests);
  await insertAll(tx, documentRequestComments, plan.documentRequestComments);
  await insertAll(tx, documents, plan.documents);
  await insertAll(tx, documentRegistrations, plan.documentRegistrations);
  await insertAll(tx, documentVersions, plan.documentVersions);
  await insertAll(tx, documentReviews, plan.documentReviews);
  await insertAll(tx, notes, plan.notes);
  await insertAll(tx, notifications, plan.notifications);
  await insertAll(tx, auditEvents, plan.auditEvents.sort((a, b) => a.at.getTime() - b.at.getTime()));
}

/** Multi-row inserts, a few hundred rows at a time (a statement takes at most 65 535 parameters). */
async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: T["$inferInsert"][]) {
  for (let i = 0; i < rows.length; i += 400) {
    await tx.insert(table).values(rows.slice(i, i + 400));
  }
}
