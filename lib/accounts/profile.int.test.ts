/**
 * Issue 6 §3, design.md §4.3: editing an Official Account after creation, against the
 * real database through the app's role. An edit bumps the account's own version, keeps
 * every new name in the history with who and when, and audits field names only; a stale
 * version is STALE_VERSION with the current profile, who and when, and overwrites
 * nothing. WeChat's calendar rules, in the agency's time zone (Asia/Shanghai) with the
 * clock moved across the boundaries: after registration the introduction changes once
 * per calendar month (B9), a Chinese individual renames twice per calendar year (B8) —
 * in the code and, bypassing it, in the database's trigger. An organisation renamed
 * after registration is warned. Another agency's account, a bad id, or a client a
 * restricted staff member does not see: NOT_FOUND; a manager reads but may not edit.
 * The JSON API (GET / PATCH /official-accounts/{id}) answers the same, as problem+json.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getAccountRoute, PATCH as patchAccountRoute } from "@/app/api/v1/official-accounts/[id]/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { getOfficialAccountProfile, updateOfficialAccount } from "./profile";
import { PROFILE_MESSAGES } from "./profile-schemas";

process.env.TEST_CLOCK = "1";
// Accounts are made before any of the registration dates the tests set.
const start = new Date("2025-12-01T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";
const unique = () => newId().slice(-12);

let admin: pg.Client;
type Agency = { id: string; slug: string; staff: ApiActor; manager: ApiActor; staffName: string };
let home: Agency;
let away: Agency;
const companies: Record<"cn_org" | "cn_individual" | "overseas", string> = { cn_org: "", cn_individual: "", overseas: "" };

async function makeAgency(label: string): Promise<Agency> {
  const id = newId();
  const slug = `profile-${label}-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [id, slug, `Profile ${label}`, start]);
  const actors: ApiActor[] = [];
  for (const role of ["staff", "manager"] as const) {
    const userId = newId();
    const email = `${role}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, `${role} ${label}`, start]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
    actors.push(await findMemberActor(slug, email));
  }
  return { id, slug, staff: actors[0]!, manager: actors[1]!, staffName: `staff ${label}` };
}

async function makeCompany(agencyId: string, kind: keyof typeof companies, assignee: string | null = null): Promise<string> {
  const id = newId();
  const uscc = kind === "cn_org" ? `91${Array.from({ length: 16 }, () => Math.floor(Math.random() * 10)).join("")}` : null;
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, country, assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [id, agencyId, kind, { cn_org: "enterprise", cn_individual: "individual", overseas: "overseas_company" }[kind], `资料测试${unique()}`, uscc, kind === "overseas" ? "SG" : null, assignee, start],
  );
  return id;
}

type AccountSeed = { name?: string | null; registeredAt?: string | null; introduction?: string | null; introChangedAt?: string | null; wechatId?: string | null };

/** An Official Account and its card, written as the migrating connection (with its first name in the history). */
async function makeAccount(companyId: string, seed: AccountSeed = {}, agencyId = home.id): Promise<string> {
  const { rows } = await admin.query<{ kind: string }>(`select kind from client_companies where id = $1`, [companyId]);
  const kind = rows[0]!.kind;
  const registration = newId();
  const id = newId();
  const pipeline = { cn_org: "oa_cn_org", cn_individual: "oa_cn_individual", overseas: "oa_overseas" }[kind];
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
     values ($1, $2, $3, 'official_account', $4, 'intake', $5, $5, $5)`,
    [registration, agencyId, companyId, pipeline, start],
  );
  const name = seed.name === undefined ? `资料号${unique().slice(-4)}` : seed.name;
  await admin.query(
    `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, introduction,
       intro_changed_at, wechat_id, registered_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [
      id, agencyId, companyId, registration, kind, kind === "cn_individual" ? "subscription" : "service", name,
      seed.introduction ?? null, seed.introChangedAt ?? null, seed.wechatId ?? null, seed.registeredAt ?? null, start,
    ],
  );
  if (name) {
    await admin.query(
      `insert into official_account_names (id, agency_id, client_company_id, official_account_id, name, changed_at, changed_by)
       values ($1, $2, $3, $4, $5, $6, null)`,
      [newId(), agencyId, companyId, id, name, start],
    );
  }
  return id;
}

const refusal = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

const stored = async (id: string) =>
  (
    await admin.query(
      `select name, introduction, intro_changed_at, login_email, wechat_id, original_id, registered_at, version from official_accounts where id = $1`,
      [id],
    )
  ).rows[0];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  home = await makeAgency("home");
  away = await makeAgency("away");
  for (const kind of ["cn_org", "cn_individual", "overseas"] as const) companies[kind] = await makeCompany(home.id, kind);
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("an Official Account's profile", () => {
  it("is read with its name history newest first, who and when, and nothing limited before registration", async () => {
    clock.set(new Date("2026-04-10T04:00:00Z"));
    const id = await makeAccount(companies.cn_individual, { name: "初始名称" });
    await updateOfficialAccount(home.staff, id, { version: 1, name: "第二个名称" });
    const profile = await getOfficialAccountProfile(home.manager, id);
    expect(profile).toMatchObject({
      id,
      subjectKind: "cn_individual",
      accountType: "subscription",
      name: "第二个名称",
      registeredAt: null,
      introNextChangeAt: null,
      renamesLeftThisYear: null,
      nameNextChangeAt: null,
      version: 2,
    });
    expect(profile.names).toEqual([
      { name: "第二个名称", changedAt: "2026-04-10T04:00:00.000Z", changedBy: { id: home.staff.user.id, name: home.staffName } },
      { name: "初始名称", changedAt: start.toISOString(), changedBy: null },
    ]);
  });

  it("saves an edit in one go: the version bumped, the name in the history, the values normalised, the audit naming fields only", async () => {
    clock.set(new Date("2026-04-12T03:00:00Z"));
    const id = await makeAccount(companies.overseas, { name: "Merlion Daily" });
    const saved = await updateOfficialAccount(
      home.staff,
      id,
      {
        version: 1,
        name: "  Merlion   Weekly ",
        introduction: "News from Singapore.",
        loginEmail: "mp@merlion.example",
        wechatId: "merlion_weekly",
        originalId: " GH_0123456789AB ",
        registeredAt: "２０２６/03/18",
      },
      { requestId: "req-profile-1" },
    );
    expect(saved).toMatchObject({
      name: "Merlion Weekly",
      introduction: "News from Singapore.",
      loginEmail: "mp@merlion.example",
      wechatId: "merlion_weekly",
      originalId: "gh_0123456789ab",
      registeredAt: "2026-03-18",
      introChangedAt: null,
      version: 2,
      warnings: [],
    });
    expect(saved.names.map((n) => n.name)).toEqual(["Merlion Weekly", "Merlion Daily"]);
    // The registration date is the day's start in Shanghai.
    expect((await stored(id)).registered_at.toISOString()).toBe("2026-03-17T16:00:00.000Z");
    const { rows } = await admin.query(`select action, data, request_id, actor_user_id from audit_events where target_id = $1`, [id]);
    expect(rows).toEqual([
      {
        action: "official_account.update",
        data: { fields: ["name", "introduction", "loginEmail", "wechatId", "originalId", "registeredAt"], version: 2 },
        request_id: "req-profile-1",
        actor_user_id: home.staff.user.id,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain("merlion.example");
  });

  it("keeps fields left out, clears one sent as null or blank, and refuses clearing a name or a registration date", async () => {
    clock.set(new Date("2026-04-12T03:00:00Z"));
    const id = await makeAccount(companies.overseas, { name: "Keep Me", wechatId: "keep_me_1", registeredAt: "2026-02-01T00:00:00Z" });
    const saved = await updateOfficialAccount(home.staff, id, { version: 1, loginEmail: "x@keep.example" });
    expect(saved).toMatchObject({ name: "Keep Me", wechatId: "keep_me_1", loginEmail: "x@keep.example", registeredAt: "2026-02-01", version: 2 });
    // The same day sent back keeps the stored instant.
    await updateOfficialAccount(home.staff, id, { version: 2, wechatId: "", registeredAt: "2026-02-01" });
    expect(await stored(id)).toMatchObject({ wechat_id: null, registered_at: new Date("2026-02-01T00:00:00Z"), version: 3 });
    const error = await refusal(updateOfficialAccount(home.staff, id, { version: 3, name: "", registeredAt: null }));
    expect(error.code).toBe("VALIDATION");
    expect(error.details.fields).toEqual({ name: PROFILE_MESSAGES.nameRequired, registeredAt: PROFILE_MESSAGES.registeredAtKept });
    expect((await stored(id)).version).toBe(3);
  });

  it("changes nothing and writes no event for an edit that changes nothing", async () => {
    const id = await makeAccount(companies.overseas, { name: "Same Same" });
    const saved = await updateOfficialAccount(home.staff, id, { version: 1, name: "Same Same", introduction: "" });
    expect(saved.version).toBe(1);
    const { rows } = await admin.query(`select 1 from audit_events where target_id = $1`, [id]);
    expect(rows).toHaveLength(0);
  });

  it("refuses a stale version with the current profile, who saved it and when, and overwrites nothing", async () => {
    clock.set(new Date("2026-04-20T06:30:00Z"));
    const id = await makeAccount(companies.overseas, { name: "First Take" });
    await updateOfficialAccount(home.staff, id, { version: 1, name: "Second Take", wechatId: "second_take" });
    clock.set(new Date("2026-04-20T07:00:00Z"));
    const error = await refusal(updateOfficialAccount(home.staff, id, { version: 1, name: "Third Take" }));
    expect(error.code).toBe("STALE_VERSION");
    expect(error.details).toMatchObject({
      messageKey: PROFILE_MESSAGES.stale,
      changedBy: home.staffName,
      changedAt: "2026-04-20T06:30:00.000Z",
      current: { name: "Second Take", wechatId: "second_take", version: 2 },
    });
    expect(await stored(id)).toMatchObject({ name: "Second Take", version: 2 });
  });

  it("is not moved by the card: an operator change or a stage move leaves the account's version alone", async () => {
    const id = await makeAccount(companies.overseas, { name: "Own Version" });
    await admin.query(`update registrations set version = version + 5 where id = (select registration_id from official_accounts where id = $1)`, [id]);
    const saved = await updateOfficialAccount(home.staff, id, { version: 1, wechatId: "own_version" });
    expect(saved.version).toBe(2);
  });

  it("refuses what WeChat would, with every field's message at once", async () => {
    clock.set(new Date("2026-04-12T03:00:00Z"));
    const id = await makeAccount(companies.overseas, { name: "Valid Name" });
    const error = await refusal(
      updateOfficialAccount(home.staff, id, {
        version: 1,
        name: "abc",
        introduction: "字".repeat(121),
        loginEmail: "not-an-address",
        wechatId: "1abcdef",
        originalId: "gh_123",
        registeredAt: "2026-02-30",
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details.fields).toEqual({
      name: PROFILE_MESSAGES.nameLength,
      introduction: PROFILE_MESSAGES.introductionLength,
      loginEmail: PROFILE_MESSAGES.email,
      wechatId: PROFILE_MESSAGES.wechatId,
      originalId: PROFILE_MESSAGES.originalId,
      registeredAt: PROFILE_MESSAGES.date,
    });
    // A CJK character counts 2: 16 of them are 32, too long; "ab中" is 4, long enough; 120 characters fit.
    expect((await refusal(updateOfficialAccount(home.staff, id, { version: 1, name: "一二三四五六七八九十一二三四五六" }))).details.fields).toEqual({
      name: PROFILE_MESSAGES.nameLength,
    });
    expect((await refusal(updateOfficialAccount(home.staff, id, { version: 1, wechatId: "ab_12" }))).details.fields).toEqual({
      wechatId: PROFILE_MESSAGES.wechatId,
    });
    expect((await refusal(updateOfficialAccount(home.staff, id, { version: 1, registeredAt: "2026-04-13" }))).details.fields).toEqual({
      registeredAt: PROFILE_MESSAGES.futureDate,
    });
    expect((await refusal(updateOfficialAccount(home.staff, id, {}))).details.fields).toEqual({ version: PROFILE_MESSAGES.invalidValue });
    const saved = await updateOfficialAccount(home.staff, id, { version: 1, name: "ab中", introduction: "字".repeat(120), wechatId: "a-b_c1", registeredAt: "2026-04-12" });
    expect(saved).toMatchObject({ name: "ab中", wechatId: "a-b_c1", registeredAt: "2026-04-12", version: 2 });
  });

  it("lets a stored value recorded before these checks be sent back unchanged", async () => {
    const id = await makeAccount(companies.overseas, { name: "Old Style", wechatId: "xixi" });
    const saved = await updateOfficialAccount(home.staff, id, { version: 1, wechatId: "xixi", loginEmail: "old@style.example" });
    expect(saved).toMatchObject({ wechatId: "xixi", loginEmail: "old@style.example", version: 2 });
    const error = await refusal(updateOfficialAccount(home.staff, id, { version: 2, wechatId: "xixo" }));
    expect(error.details.fields).toEqual({ wechatId: PROFILE_MESSAGES.wechatId });
  });
});

describe("the introduction, once per calendar month after registration (Asia/Shanghai)", () => {
  it("changes freely before registration, then once a month, again from the first of the next month", async () => {
    clock.set(new Date("2026-05-20T02:00:00Z"));
    const id = await makeAccount(companies.cn_org, { name: "月度介绍测试" });
    await updateOfficialAccount(home.staff, id, { version: 1, introduction: "注册前一" });
    await updateOfficialAccount(home.staff, id, { version: 2, introduction: "注册前二" });
    expect((await stored(id)).intro_changed_at).toBeNull();
    await updateOfficialAccount(home.staff, id, { version: 3, registeredAt: "2026-05-19" });

    // 23:30 on 31 May in Shanghai.
    clock.set(new Date("2026-05-31T15:30:00Z"));
    expect((await getOfficialAccountProfile(home.staff, id)).introNextChangeAt).toBeNull();
    const changed = await updateOfficialAccount(home.staff, id, { version: 4, introduction: "五月的介绍" });
    expect(changed).toMatchObject({ introChangedAt: "2026-05-31T15:30:00.000Z", introNextChangeAt: "2026-05-31T16:00:00.000Z" });

    // 23:59:59, still May: refused on the field, saying from when.
    clock.set(new Date("2026-05-31T15:59:59Z"));
    const error = await refusal(updateOfficialAccount(home.staff, id, { version: 5, introduction: "还是五月" }));
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toMatchObject({
      fields: { introduction: PROFILE_MESSAGES.introductionOncePerMonth },
      nextAllowedAt: { introduction: "2026-05-31T16:00:00.000Z" },
    });
    // Other fields still change while the introduction waits.
    await updateOfficialAccount(home.staff, id, { version: 5, wechatId: "monthly_intro" });

    // 00:00 on 1 June in Shanghai (still 31 May in UTC).
    clock.set(new Date("2026-05-31T16:00:00Z"));
    expect((await getOfficialAccountProfile(home.staff, id)).introNextChangeAt).toBeNull();
    const june = await updateOfficialAccount(home.staff, id, { version: 6, introduction: "六月的介绍" });
    expect(june).toMatchObject({ introduction: "六月的介绍", introNextChangeAt: "2026-06-30T16:00:00.000Z" });
  });

  it("is held by the database too, and its refusal maps to the field", async () => {
    const id = await makeAccount(companies.cn_org, {
      name: "数据库介绍测试",
      registeredAt: "2026-05-01T00:00:00Z",
      introduction: "旧介绍",
      introChangedAt: "2026-06-02T01:00:00Z",
    });
    await expect(
      admin.query(`update official_accounts set introduction = '绕过', intro_changed_at = $2, updated_at = $2 where id = $1`, [id, "2026-06-20T01:00:00Z"]),
    ).rejects.toMatchObject({ code: "23514", constraint: "official_accounts_intro_once_a_month" });
    await expect(admin.query(`update official_accounts set registered_at = null where id = $1`, [id])).rejects.toMatchObject({
      code: "23514",
      constraint: "official_accounts_registered_at_kept",
    });
  });
});

describe("renames after registration (domain.md B8)", () => {
  it("lets a Chinese individual rename twice per calendar year, again from 1 January in Shanghai", async () => {
    clock.set(new Date("2026-03-01T02:00:00Z"));
    const id = await makeAccount(companies.cn_individual, { name: "个人号改名", registeredAt: "2026-01-10T00:00:00Z" });
    expect((await getOfficialAccountProfile(home.staff, id)).renamesLeftThisYear).toBe(2);
    expect((await updateOfficialAccount(home.staff, id, { version: 1, name: "个人号改名一" })).renamesLeftThisYear).toBe(1);
    clock.set(new Date("2026-03-01T02:01:00Z"));
    const second = await updateOfficialAccount(home.staff, id, { version: 2, name: "个人号改名二" });
    expect(second).toMatchObject({ renamesLeftThisYear: 0, nameNextChangeAt: "2026-12-31T16:00:00.000Z", warnings: [] });

    const error = await refusal(updateOfficialAccount(home.staff, id, { version: 3, name: "个人号改名三" }));
    expect(error.details).toMatchObject({ fields: { name: PROFILE_MESSAGES.renameLimit }, nextAllowedAt: { name: "2026-12-31T16:00:00.000Z" } });
    // The database refuses it too, bypassing the code.
    await admin.query(`update official_accounts set updated_at = $2 where id = $1`, [id, "2026-03-02T00:00:00Z"]);
    await expect(
      admin.query(`update official_accounts set name = '绕过改名', updated_at = $2 where id = $1`, [id, "2026-03-02T01:00:00Z"]),
    ).rejects.toMatchObject({ code: "23514", constraint: "official_accounts_rename_limit" });

    // 23:59 on 31 December in Shanghai: still refused; 00:00 on 1 January: renamed.
    clock.set(new Date("2026-12-31T15:59:00Z"));
    expect((await refusal(updateOfficialAccount(home.staff, id, { version: 3, name: "个人号改名三" }))).details.fields).toEqual({
      name: PROFILE_MESSAGES.renameLimit,
    });
    clock.set(new Date("2026-12-31T16:00:00Z"));
    expect((await getOfficialAccountProfile(home.staff, id)).renamesLeftThisYear).toBe(2);
    const next = await updateOfficialAccount(home.staff, id, { version: 3, name: "个人号改名三" });
    expect(next).toMatchObject({ name: "个人号改名三", renamesLeftThisYear: 1 });
    expect(next.names.map((n) => n.name)).toEqual(["个人号改名三", "个人号改名二", "个人号改名一", "个人号改名"]);
  });

  it("does not count renames before registration", async () => {
    clock.set(new Date("2026-03-01T02:00:00Z"));
    const id = await makeAccount(companies.cn_individual, { name: "注册前改名" });
    for (const [version, name] of [[1, "注册前改名一"], [2, "注册前改名二"], [3, "注册前改名三"]] as const) {
      await updateOfficialAccount(home.staff, id, { version, name });
      clock.advance(60_000);
    }
    // Registered today: the renames recorded earlier today came before it.
    const registered = await updateOfficialAccount(home.staff, id, { version: 4, registeredAt: "2026-03-01" });
    expect(registered.renamesLeftThisYear).toBe(2);
  });

  it("warns an organisation renamed after registration that WeChat takes it at (re)verification or the annual review", async () => {
    clock.set(new Date("2026-03-01T02:00:00Z"));
    const id = await makeAccount(companies.cn_org, { name: "企业改名测试" });
    expect((await updateOfficialAccount(home.staff, id, { version: 1, name: "企业改名测试甲" })).warnings).toEqual([]);
    await updateOfficialAccount(home.staff, id, { version: 2, registeredAt: "2026-02-20" });
    expect((await updateOfficialAccount(home.staff, id, { version: 3, wechatId: "org_rename" })).warnings).toEqual([]);
    const renamed = await updateOfficialAccount(home.staff, id, { version: 4, name: "企业改名测试乙" });
    expect(renamed).toMatchObject({ warnings: ["org_rename_at_verification"], renamesLeftThisYear: null });
    // Not limited to two a year.
    await updateOfficialAccount(home.staff, id, { version: 5, name: "企业改名测试丙" });
    expect((await updateOfficialAccount(home.staff, id, { version: 6, name: "企业改名测试丁" })).version).toBe(7);
  });
});

describe("who may read and edit", () => {
  it("answers NOT_FOUND for another agency's account and for an id that is not a UUID", async () => {
    const id = await makeAccount(companies.overseas, { name: "Home Only" });
    for (const call of [
      () => getOfficialAccountProfile(away.staff, id),
      () => updateOfficialAccount(away.staff, id, { version: 1, name: "Taken Over" }),
      () => getOfficialAccountProfile(home.staff, "not-a-uuid"),
      () => updateOfficialAccount(home.staff, "not-a-uuid", { version: 1 }),
      () => getOfficialAccountProfile(home.staff, newId()),
    ]) {
      expect((await refusal(call())).code).toBe("NOT_FOUND");
    }
    expect((await stored(id)).name).toBe("Home Only");
  });

  it("lets a manager read but not edit (account:write)", async () => {
    const id = await makeAccount(companies.overseas, { name: "Read Only" });
    expect((await getOfficialAccountProfile(home.manager, id)).name).toBe("Read Only");
    expect((await refusal(updateOfficialAccount(home.manager, id, { version: 1, name: "Manager Edit" }))).code).toBe("FORBIDDEN");
    expect((await stored(id)).version).toBe(1);
  });

  it("hides the accounts of clients a restricted staff member does not see", async () => {
    const agency = await makeAgency("restricted");
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [agency.id]);
    const theirs = await makeCompany(agency.id, "overseas", agency.staff.user.id);
    const others = await makeCompany(agency.id, "overseas");
    const visible = await makeAccount(theirs, { name: "Assigned One" }, agency.id);
    const hidden = await makeAccount(others, { name: "Not Theirs" }, agency.id);
    expect((await getOfficialAccountProfile(agency.staff, visible)).name).toBe("Assigned One");
    expect((await refusal(getOfficialAccountProfile(agency.staff, hidden))).code).toBe("NOT_FOUND");
    expect((await refusal(updateOfficialAccount(agency.staff, hidden, { version: 1, name: "Reached" }))).code).toBe("NOT_FOUND");
  });
});

describe("the JSON API", () => {
  const call = (id: string, token: string, body?: unknown) =>
    new Request(`${BASE}/official-accounts/${id}`, {
      method: body === undefined ? "GET" : "PATCH",
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  async function read(response: Response) {
    return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, unknown> };
  }

  it("reads and edits a profile; a stale version is 409 with the current profile, a rule 422 with nextAllowedAt", async () => {
    clock.set(new Date("2026-06-10T02:00:00Z"));
    const { token } = await createApiToken(home.staff, { name: "profile script", expiresInDays: 30 });
    const id = await makeAccount(companies.cn_org, { name: "接口资料测试", registeredAt: "2026-05-01T00:00:00Z" });

    const got = await read(await getAccountRoute(call(id, token), params(id)));
    expect(got).toMatchObject({ status: 200, body: { id, name: "接口资料测试", registeredAt: "2026-05-01", version: 1 } });

    const patched = await read(await patchAccountRoute(call(id, token, { version: 1, name: "接口资料测试改", introduction: "六月" }), params(id)));
    expect(patched).toMatchObject({
      status: 200,
      body: { name: "接口资料测试改", introduction: "六月", version: 2, warnings: ["org_rename_at_verification"], introNextChangeAt: "2026-06-30T16:00:00.000Z" },
    });

    const stale = await read(await patchAccountRoute(call(id, token, { version: 1, wechatId: "api_stale" }), params(id)));
    expect(stale).toMatchObject({
      status: 409,
      type: "application/problem+json",
      body: { code: "STALE_VERSION", changedBy: home.staffName, current: { name: "接口资料测试改", version: 2 } },
    });

    const rule = await read(await patchAccountRoute(call(id, token, { version: 2, introduction: "又一次" }), params(id)));
    expect(rule).toMatchObject({
      status: 422,
      type: "application/problem+json",
      body: {
        code: "VALIDATION",
        fields: { introduction: { key: PROFILE_MESSAGES.introductionOncePerMonth, message: "The introduction was already changed this calendar month, and WeChat allows one change a month." } },
        nextAllowedAt: { introduction: "2026-06-30T16:00:00.000Z" },
      },
    });

    const invalid = await read(await patchAccountRoute(call(id, token, { version: 2, wechatId: "9", originalId: "gh_x" }), params(id)));
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.fields as object).sort()).toEqual(["originalId", "wechatId"]);
  });

  it("answers 404 for another agency's account and a bad id, and 403 to a manager's edit", async () => {
    const id = await makeAccount(companies.overseas, { name: "API Home" });
    const outsider = (await createApiToken(away.staff, { name: "away script", expiresInDays: 30 })).token;
    expect((await getAccountRoute(call(id, outsider), params(id))).status).toBe(404);
    expect((await patchAccountRoute(call(id, outsider, { version: 1, name: "API Away" }), params(id))).status).toBe(404);
    const own = (await createApiToken(home.staff, { name: "bad id script", expiresInDays: 30 })).token;
    expect((await getAccountRoute(call("nope", own), params("nope"))).status).toBe(404);
    const manager = (await createApiToken(home.manager, { name: "manager script", expiresInDays: 30 })).token;
    expect((await getAccountRoute(call(id, manager), params(id))).status).toBe(200);
    const refused = await read(await patchAccountRoute(call(id, manager, { version: 1, name: "API Manager" }), params(id)));
    expect(refused).toMatchObject({ status: 403, type: "application/problem+json", body: { code: "FORBIDDEN" } });
    expect((await stored(id)).name).toBe("API Home");
  });
});
