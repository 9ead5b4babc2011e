/**
 * Issue 6 §1/§8: client companies through the services against the real database.
 * What each kind demands, the credit code's warning that needs a reason, a duplicate
 * code as a field message, an edit overtaken by another (STALE_VERSION naming who and
 * when, nothing overwritten), the kind fixed, another agency's company as NOT_FOUND, a
 * manager refused, notes, and one audit event per change, written with it or not at all.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateUscc, usccCheckCharacter } from "@/lib/validation/uscc";
import { addNote, getCompanyDetail } from "./detail";
import { createCompany, getCompany, updateCompany, type ClientsActor } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let staff: ClientsActor;
let colleague: ClientsActor;
let manager: ClientsActor;
let outsider: ClientsActor;

const validUscc = () => generateUscc({ rng });
/** A code of the right shape whose check character is wrong. */
function wrongCheckUscc(): string {
  const code = validUscc();
  const wrong = usccCheckCharacter(code.slice(0, 17)) === "0" ? "1" : "0";
  return code.slice(0, 17) + wrong;
}

async function member(agencyId: string, slug: string, role: Role, name: string): Promise<ClientsActor> {
  const userId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
    userId,
    `${role}-${unique()}@example.com`,
    name,
    start,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [
    newId(),
    agencyId,
    userId,
    role,
    start,
  ]);
  return {
    user: { id: userId, email: "", name, locale: null, emailVerified: true, totpEnabled: false },
    agency: { id: agencyId, slug, name: slug, defaultLocale: "en", timeZone: "Asia/Shanghai", requireTotpForAdmins: false },
    role,
  } as ClientsActor;
}

async function agency(): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `cl-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Clients agency', $3)`, [id, slug, start]);
  return { id, slug };
}

async function auditCount(targetId: string, action?: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `select count(*) as n from audit_events where target_id = $1 and ($2::text is null or action = $2)`,
    [targetId, action ?? null],
  );
  return Number(rows[0]!.n);
}

/** The AppError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const fieldsOf = (error: AppError) => error.details.fields as Record<string, string>;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await agency();
  const other = await agency();
  staff = await member(own.id, own.slug, "staff", "Staff Wang");
  colleague = await member(own.id, own.slug, "admin", "Admin Li");
  manager = await member(own.id, own.slug, "manager", "Manager Zhao");
  outsider = await member(other.id, other.slug, "staff", "Outsider");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("createCompany", () => {
  it("adds a Chinese organisation with one client.create event", async () => {
    const uscc = validUscc();
    const { id, version } = await createCompany(staff, {
      kind: "cn_org",
      legalNameZh: `深圳市云帆科技有限公司${unique()}`,
      // Typed in lower case with spaces: stored normalised.
      uscc: ` ${uscc.toLowerCase()} `,
      registrationNumber: "440301１２３４５６７８９",
      scale: "small",
      assigneeUserId: staff.user.id,
    });
    expect(version).toBe(1);
    const company = await getCompany(staff, id);
    expect(company).toMatchObject({ kind: "cn_org", subjectType: "enterprise", uscc, registrationNumber: "440301123456789", scale: "small" });
    expect(company.assignee).toEqual({ id: staff.user.id, name: "Staff Wang" });
    expect(await auditCount(id, "client.create")).toBe(1);
  });

  it("asks each kind for what it needs, every field at once", async () => {
    const org = await refusal(createCompany(staff, { kind: "cn_org" }));
    expect(org.code).toBe("VALIDATION");
    expect(fieldsOf(org)).toEqual({ legalNameZh: "clients.errors.nameRequired", uscc: "validation.required" });

    const individual = await refusal(createCompany(staff, { kind: "cn_individual", nameEn: "Wang Fang" }));
    expect(fieldsOf(individual)).toEqual({ legalNameZh: "clients.errors.nameRequired" });

    const overseas = await refusal(createCompany(staff, { kind: "overseas", country: "S1" }));
    expect(fieldsOf(overseas)).toEqual({ nameEn: "clients.errors.nameRequired", country: "clients.errors.country" });

    const noCountry = await refusal(createCompany(staff, { kind: "overseas", nameEn: "Lion Pte" }));
    expect(fieldsOf(noCountry)).toEqual({ country: "validation.required" });

    const wrongType = await refusal(createCompany(staff, { kind: "cn_individual", legalNameZh: "王芳", subjectType: "enterprise" }));
    expect(fieldsOf(wrongType)).toEqual({ subjectType: "clients.errors.subjectType" });

    const badCode = await refusal(createCompany(staff, { kind: "cn_org", legalNameZh: "某公司", uscc: "12345" }));
    expect(fieldsOf(badCode)).toEqual({ uscc: "validation.uscc.format" });
    const badNumber = await refusal(
      createCompany(staff, { kind: "cn_org", legalNameZh: "某公司", uscc: validUscc(), registrationNumber: "12345" }),
    );
    expect(fieldsOf(badNumber)).toEqual({ registrationNumber: "clients.errors.registrationNumber" });

    const individual2 = await createCompany(staff, { kind: "cn_individual", legalNameZh: `王芳${unique()}` });
    expect((await getCompany(staff, individual2.id)).subjectType).toBe("individual");
    const overseas2 = await createCompany(staff, { kind: "overseas", nameEn: `Lion Pte ${unique()}`, country: "sg" });
    expect((await getCompany(staff, overseas2.id)).country).toBe("SG");
  });

  it("keeps a credit code with a wrong check character only with a reason", async () => {
    const uscc = wrongCheckUscc();
    const input = { kind: "cn_org", legalNameZh: `厦门试点企业${unique()}`, uscc };
    const refused = await refusal(createCompany(staff, input));
    expect(fieldsOf(refused)).toEqual({ uscc: "clients.errors.usccOverride" });

    const { id } = await createCompany(staff, { ...input, usccOverrideReason: "The licence shows this code (pilot era)." });
    const company = await getCompany(staff, id);
    expect(company.uscc).toBe(uscc);
    expect(company.usccOverrideReason).toBe("The licence shows this code (pilot era).");
  });

  it("refuses a credit code the agency already has as a field message, and writes no event", async () => {
    const uscc = validUscc();
    await createCompany(staff, { kind: "cn_org", legalNameZh: `第一家${unique()}`, uscc });
    const before = await admin.query(`select count(*)::int as n from audit_events where action = 'client.create'`);
    // The same code, typed full-width.
    const fullWidth = uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const duplicate = await refusal(createCompany(staff, { kind: "cn_org", legalNameZh: `第二家${unique()}`, uscc: fullWidth }));
    expect(duplicate.code).toBe("VALIDATION");
    expect(fieldsOf(duplicate)).toEqual({ uscc: "clients.errors.usccTaken" });
    const after = await admin.query(`select count(*)::int as n from audit_events where action = 'client.create'`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // Another agency may hold the same code.
    await expect(createCompany(outsider, { kind: "cn_org", legalNameZh: `别家${unique()}`, uscc })).resolves.toMatchObject({ version: 1 });
  });

  it("refuses a manager (FORBIDDEN), whatever the input", async () => {
    const error = await refusal(createCompany(manager, { kind: "overseas", nameEn: "Lion", country: "SG" }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("updateCompany", () => {
  async function orgCompany() {
    const values = { kind: "cn_org", legalNameZh: `杭州某某有限公司${unique()}`, uscc: validUscc(), industry: "Software" };
    const { id } = await createCompany(staff, values);
    return { id, values };
  }

  it("saves from the current version, bumps it and writes one client.update event", async () => {
    const { id, values } = await orgCompany();
    const result = await updateCompany(staff, id, { ...values, industry: "Retail", version: 1 });
    expect(result.version).toBe(2);
    expect((await getCompany(staff, id)).industry).toBe("Retail");
    expect(await auditCount(id, "client.update")).toBe(1);
  });

  it("answers an overtaken edit with STALE_VERSION naming who and when, and overwrites nothing", async () => {
    const { id, values } = await orgCompany();
    await updateCompany(colleague, id, { ...values, industry: "Colleague's industry", version: 1 });
    const stale = await refusal(updateCompany(staff, id, { ...values, industry: "Mine", version: 1 }));
    expect(stale.code).toBe("STALE_VERSION");
    const details = stale.details as { messageKey: string; current: { industry: string; version: number }; changedBy: string; changedAt: string };
    expect(details.messageKey).toBe("clients.errors.stale");
    expect(details.changedBy).toBe("Admin Li");
    expect(Number.isNaN(Date.parse(details.changedAt))).toBe(false);
    expect(details.current).toMatchObject({ industry: "Colleague's industry", version: 2 });
    expect((await getCompany(staff, id)).industry).toBe("Colleague's industry");
    expect(await auditCount(id, "client.update")).toBe(1);

    // Knowingly keeping one's own values: saved from the version now current.
    await expect(updateCompany(staff, id, { ...values, industry: "Mine", version: 2 })).resolves.toMatchObject({ version: 3 });
  });

  it("keeps the kind fixed", async () => {
    const { id, values } = await orgCompany();
    const error = await refusal(updateCompany(staff, id, { ...values, kind: "cn_individual", subjectType: undefined, version: 1 }));
    expect(error.code).toBe("VALIDATION");
    expect(fieldsOf(error)).toEqual({ kind: "clients.errors.kindFixed" });
    expect((await getCompany(staff, id)).kind).toBe("cn_org");
  });

  it("answers another agency's company, or a malformed id, with NOT_FOUND", async () => {
    const { id, values } = await orgCompany();
    expect((await refusal(updateCompany(outsider, id, { ...values, version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(getCompany(outsider, id))).code).toBe("NOT_FOUND");
    expect((await refusal(getCompanyDetail(outsider, id))).code).toBe("NOT_FOUND");
    expect((await refusal(getCompany(staff, "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect((await getCompany(staff, id)).version).toBe(1);
  });

  it("refuses a manager", async () => {
    const { id, values } = await orgCompany();
    expect((await refusal(updateCompany(manager, id, { ...values, version: 1 }))).code).toBe("FORBIDDEN");
  });
});

describe("notes and the client page", () => {
  it("adds a note with its note.create event; the page shows it, and the timeline newest first", async () => {
    const { id } = await createCompany(staff, { kind: "overseas", nameEn: `Harbour Ltd ${unique()}`, country: "HK" });
    await updateCompany(colleague, id, { kind: "overseas", nameEn: "Harbour Holdings", country: "HK", version: 1 });
    const note = await addNote(staff, id, { body: "  Prefers WeChat calls after 3 pm.  " });

    const { rows } = await admin.query(`select body, author_user_id, client_company_id from notes where id = $1`, [note.id]);
    expect(rows).toEqual([{ body: "Prefers WeChat calls after 3 pm.", author_user_id: staff.user.id, client_company_id: id }]);
    const events = await admin.query(`select action, data from audit_events where target_id = $1`, [note.id]);
    expect(events.rows).toEqual([{ action: "note.create", data: { clientCompanyId: id, length: 32 } }]);

    // A manager reads the page (read-only transaction) with the note and the timeline.
    const detail = await getCompanyDetail(manager, id);
    expect(detail.company.nameEn).toBe("Harbour Holdings");
    expect(detail.notes.map((n) => [n.body, n.author])).toEqual([["Prefers WeChat calls after 3 pm.", "Staff Wang"]]);
    expect(detail.timeline.map((event) => event.action)).toEqual(["note.create", "client.update", "client.create"]);
    expect(detail.timeline[1]!.actor).toMatchObject({ kind: "user", name: "Admin Li" });
    expect(detail.people).toEqual([]);
    expect(detail.accounts).toEqual([]);
  });

  it("refuses an empty note, a manager's note and another agency's company, writing nothing", async () => {
    const { id } = await createCompany(staff, { kind: "cn_individual", legalNameZh: `李雷${unique()}` });
    const empty = await refusal(addNote(staff, id, { body: "   " }));
    expect(empty.code).toBe("VALIDATION");
    expect(fieldsOf(empty)).toEqual({ body: "clientPage.notes.errors.required" });
    expect((await refusal(addNote(manager, id, { body: "Hello" }))).code).toBe("FORBIDDEN");
    expect((await refusal(addNote(outsider, id, { body: "Hello" }))).code).toBe("NOT_FOUND");
    expect((await refusal(addNote(staff, "not-a-uuid", { body: "Hello" }))).code).toBe("NOT_FOUND");
    const { rows } = await admin.query(`select count(*)::int as n from notes where client_company_id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });
});
