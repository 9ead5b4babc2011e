/**
 * Issue 6 §7: importing client companies from CSV against the real database. The preview
 * shows each row's errors by column and which rows are already in the agency or repeated
 * in the file; "valid-only" imports the valid new rows in one transaction with their
 * events, "all-or-nothing" imports none while one row is bad; importing the same file
 * again creates nothing; another agency's companies are not duplicates of ours; a
 * manager is refused.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateUscc } from "@/lib/validation/uscc";
import { csvRow } from "./csv";
import { importCompanies, previewCompanyImport } from "./import";
import { createCompany, type ClientsActor } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);
const validUscc = () => generateUscc({ rng });
const utf8 = (text: string) => new TextEncoder().encode(text);
const gbkFixture = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, "fixtures/clients-gbk.csv")));

let admin: pg.Client;

async function agency(): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `im-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Import agency', $3)`, [id, slug, start]);
  return { id, slug };
}

async function member(where: { id: string; slug: string }, role: Role): Promise<ClientsActor> {
  const userId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
    userId,
    `${role}-${unique()}@example.com`,
    `${role} ${unique()}`,
    start,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [
    newId(),
    where.id,
    userId,
    role,
    start,
  ]);
  return {
    user: { id: userId, email: "", name: role, locale: null, emailVerified: true, totpEnabled: false },
    agency: { id: where.id, slug: where.slug, name: where.slug, defaultLocale: "en", timeZone: "Asia/Shanghai", requireTotpForAdmins: false },
    role,
  } as ClientsActor;
}

/** A staff member of a new agency of their own, so counts start at zero. */
async function freshStaff(): Promise<ClientsActor> {
  return member(await agency(), "staff");
}

async function companyCount(agencyId: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(`select count(*) as n from client_companies where agency_id = $1`, [agencyId]);
  return Number(rows[0]!.n);
}

async function auditActions(agencyId: string): Promise<Record<string, number>> {
  const { rows } = await admin.query<{ action: string; n: string }>(
    `select action, count(*) as n from audit_events where agency_id = $1 group by action`,
    [agencyId],
  );
  return Object.fromEntries(rows.map((row) => [row.action, Number(row.n)]));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A file with two good rows, one bad one and a repeat of the first. */
function mixedFile(tag: string) {
  const good = validUscc();
  return {
    good,
    bytes: utf8(
      csvRow(["kind", "legalNameZh", "nameEn", "uscc", "country"]) +
        csvRow(["cn_org", `成都混合样例${tag}有限公司`, "", good, ""]) +
        csvRow(["overseas", "", `Mixed Sample ${tag} Ltd`, "", "HK"]) +
        csvRow(["cn_org", "", "", "not-a-code", ""]) +
        csvRow(["cn_org", `成都混合样例${tag}有限公司（重复）`, "", good.toLowerCase(), ""]),
    ),
  };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("previewCompanyImport", () => {
  it("shows each row's errors by row and column, and the rows repeated in the file; writes nothing", async () => {
    const staff = await freshStaff();
    const preview = await previewCompanyImport(staff, gbkFixture);
    expect(preview.encoding).toBe("gb18030");
    expect(preview.columns).toEqual(["kind", "legalNameZh", "nameEn", "uscc", "country", "industry", "scale", "address"]);
    expect(preview.unknownColumns).toEqual(["备注"]);
    expect(preview.rows.map((row) => [row.line, row.status, row.errors])).toEqual([
      [2, "valid", {}],
      [3, "valid", {}],
      [4, "valid", {}],
      [5, "invalid", { uscc: "clients.errors.usccOverride" }],
      [6, "invalid", { legalNameZh: "clients.errors.nameRequired", scale: "clientImport.errors.scale" }],
      [7, "invalid", { kind: "clientImport.errors.kind" }],
      [8, "repeated", {}],
    ]);
    expect(preview.rows[6]?.duplicateOf).toEqual({ line: 2 });
    expect(preview.summary).toEqual({ valid: 3, invalid: 3, existing: 0, repeated: 1 });
    expect(await companyCount(staff.agency.id)).toBe(0);
    expect(await auditActions(staff.agency.id)).toEqual({});
  });

  it("flags what the agency already has, by credit code or (without one) by kind and names", async () => {
    const staff = await freshStaff();
    const uscc = validUscc();
    const org = await createCompany(staff, { kind: "cn_org", legalNameZh: "已有企业有限公司", uscc });
    const person = await createCompany(staff, { kind: "cn_individual", legalNameZh: "张已有" });
    const bytes = utf8(
      csvRow(["类型", "中文名称", "英文名称", "统一社会信用代码"]) +
        // Another name, the same code: the same company.
        csvRow(["中国企业", "已有企业有限公司（新名称）", "", uscc]) +
        csvRow(["中国个人", " 张已有 ", "", ""]) +
        // The same name as another kind, or with an English name as well: someone else.
        csvRow(["境外主体", "张已有", "Zhang Overseas", ""]) +
        csvRow(["中国个人", "张已有", "Zhang", ""]),
    );
    const preview = await previewCompanyImport(staff, bytes);
    expect(preview.rows.map((row) => [row.status, row.duplicateOf])).toEqual([
      ["existing", { companyId: org.id, name: "已有企业有限公司" }],
      ["existing", { companyId: person.id, name: "张已有" }],
      ["invalid", undefined],
      ["valid", undefined],
    ]);
    expect(preview.rows[2]?.errors).toEqual({ country: "validation.required" });
    expect(preview.summary).toEqual({ valid: 1, invalid: 1, existing: 2, repeated: 0 });
  });

  it("does not count another agency's companies as duplicates of ours", async () => {
    const staff = await freshStaff();
    const outsider = await freshStaff();
    const { bytes } = mixedFile(unique());
    await importCompanies(outsider, bytes, "valid-only");
    const preview = await previewCompanyImport(staff, bytes);
    expect(preview.summary).toEqual({ valid: 2, invalid: 1, existing: 0, repeated: 1 });
    expect(await importCompanies(staff, bytes, "valid-only")).toEqual({ created: 2, existing: 0, repeated: 1, invalid: 1 });
  });
});

describe("importCompanies", () => {
  it("valid-only: imports the valid rows in one transaction, an event per company and one summary", async () => {
    const staff = await freshStaff();
    const result = await importCompanies(staff, gbkFixture, "valid-only", { requestId: "req-import" });
    expect(result).toEqual({ created: 3, existing: 0, repeated: 1, invalid: 3 });
    const { rows } = await admin.query(
      `select kind, subject_type, legal_name_zh, name_en, uscc, country, industry, scale, address, version
       from client_companies where agency_id = $1 order by kind::text`,
      [staff.agency.id],
    );
    expect(rows).toEqual([
      {
        kind: "cn_individual",
        subject_type: "individual",
        legal_name_zh: "𠮷田导入样例",
        name_en: null,
        uscc: null,
        country: null,
        industry: null,
        scale: null,
        address: null,
        version: 1,
      },
      {
        kind: "cn_org",
        subject_type: "enterprise",
        legal_name_zh: "杭州导入样例科技有限公司",
        name_en: "Hangzhou Import Sample Tech",
        uscc: "913101156477AWTT1U",
        country: null,
        industry: "软件和信息技术服务业",
        scale: "small",
        address: "浙江省杭州市西湖区文三路 90 号,东部软件园",
        version: 1,
      },
      {
        kind: "overseas",
        subject_type: "overseas_company",
        legal_name_zh: null,
        name_en: "Import Sample Trading Pte. Ltd.",
        uscc: null,
        country: "SG",
        industry: "贸易",
        scale: "medium",
        address: "1 Raffles Place\r\n#20-01 One Raffles Place",
        version: 1,
      },
    ]);
    expect(await auditActions(staff.agency.id)).toEqual({ "client.create": 3, "client.import": 1 });
    const { rows: summary } = await admin.query(
      `select actor_user_id, target_type, target_id, data, request_id from audit_events where agency_id = $1 and action = 'client.import'`,
      [staff.agency.id],
    );
    expect(summary).toEqual([
      {
        actor_user_id: staff.user.id,
        target_type: "agency",
        target_id: staff.agency.id,
        data: { mode: "valid-only", encoding: "gb18030", rows: 7, created: 3, existing: 0, repeated: 1, invalid: 3 },
        request_id: "req-import",
      },
    ]);
  });

  it("all-or-nothing: imports none while one row is bad, and all when every row is good", async () => {
    const staff = await freshStaff();
    const refused = await refusal(importCompanies(staff, gbkFixture, "all-or-nothing"));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.details).toMatchObject({ messageKey: "clientImport.errors.notAllValid", params: { count: 3 } });
    expect(await companyCount(staff.agency.id)).toBe(0);
    expect(await auditActions(staff.agency.id)).toEqual({});

    const tag = unique();
    const good = utf8(csvRow(["kind", "legalNameZh"]) + csvRow(["cn_individual", `李${tag}`]) + csvRow(["cn_individual", `赵${tag}`]));
    expect(await importCompanies(staff, good, "all-or-nothing")).toEqual({ created: 2, existing: 0, repeated: 0, invalid: 0 });
    expect(await companyCount(staff.agency.id)).toBe(2);
  });

  it("importing the same file again creates nothing new", async () => {
    const staff = await freshStaff();
    const { bytes } = mixedFile(unique());
    expect(await importCompanies(staff, bytes, "valid-only")).toEqual({ created: 2, existing: 0, repeated: 1, invalid: 1 });
    // The repeat of the first row now matches the company that row created.
    expect(await importCompanies(staff, bytes, "valid-only")).toEqual({ created: 0, existing: 3, repeated: 0, invalid: 1 });
    const preview = await previewCompanyImport(staff, bytes);
    expect(preview.rows.map((row) => row.status)).toEqual(["existing", "existing", "invalid", "existing"]);
    expect(await companyCount(staff.agency.id)).toBe(2);
    expect(await auditActions(staff.agency.id)).toEqual({ "client.create": 2, "client.import": 2 });
  });

  it("two imports of the same file at once create each company once", async () => {
    const staff = await freshStaff();
    const { bytes } = mixedFile(unique());
    const results = await Promise.all([importCompanies(staff, bytes, "valid-only"), importCompanies(staff, bytes, "valid-only")]);
    expect(results.map((result) => result.created).sort()).toEqual([0, 2]);
    expect(await companyCount(staff.agency.id)).toBe(2);
  });

  it("refuses a manager (FORBIDDEN) before reading the file, and an unknown mode", async () => {
    const own = await agency();
    const manager = await member(own, "manager");
    expect((await refusal(previewCompanyImport(manager, gbkFixture))).code).toBe("FORBIDDEN");
    expect((await refusal(importCompanies(manager, gbkFixture, "valid-only"))).code).toBe("FORBIDDEN");
    expect(await companyCount(own.id)).toBe(0);
    const staff = await member(own, "staff");
    expect((await refusal(importCompanies(staff, gbkFixture, "everything" as never))).code).toBe("VALIDATION");
  });
});
