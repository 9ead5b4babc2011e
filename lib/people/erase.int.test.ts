/**
 * Erasing a person (design.md §3, issue 6 §2) against the real PostgreSQL and s3rver:
 * the ID data, name and contact details go in one transaction with the erasure record
 * and an audit event that carries no personal data; the objects of their documents are
 * deleted from S3 (and, when the store fails, by the queued job); the ID's slots are
 * freed, so the same number can be recorded again. Refused while the person operates an
 * active account; only owners and admins may erase; another agency's person is 404.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { POST as postErase } from "@/app/api/v1/people/[id]/erase/route";
import { withWorker } from "@/db/tenant";
import { abandonOfficialAccount, createExternalAccount, createOfficialAccount, restoreOfficialAccount } from "@/lib/accounts/service";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { agencyPrefix, bucket, s3 } from "@/lib/storage/s3";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { deleteErasedObjects, erasePerson, ERASE_OBJECTS_QUEUE, getErasure, listErasureBlockers, versionObjectKept } from "./erase";
import { ERASED_NAME } from "./erase-schemas";
import { getPersonDetail } from "./queries";
import { createPerson } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let owner: ApiActor;
let adminMember: ApiActor;
let staff: ApiActor;
let manager: ApiActor;
let clientAdmin: ApiActor;
let outsider: ApiActor;

async function member(slug: string, id: string, role: string): Promise<ApiActor> {
  const userId = newId();
  const email = `${role}-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
    userId,
    email,
    `${role} ${unique()}`,
    start,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
  return findMemberActor(slug, email);
}

async function agency(): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `erase-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Erasure agency', $3)`, [id, slug, start]);
  return { id, slug };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A person with a resident ID, a mobile, a link to the company, and an ID photo with two versions in S3. */
async function personWithDocument(name = `张${unique().slice(-4)}`) {
  const idNumber = generateResidentId({ rng });
  const person = await createPerson(
    staff,
    { name, idType: "prc_resident_id", idNumber, mobile: "+8613800138000" },
    { link: { clientCompanyId: companyId, role: "legal_representative" } },
  );
  const documentId = newId();
  await admin.query(
    `insert into documents (id, agency_id, client_company_id, person_id, kind, status, created_at, updated_at)
     values ($1, $2, $3, $4, 'id_card_front', 'uploaded', $5, $5)`,
    [documentId, agencyId, companyId, person.id, start],
  );
  const keys: string[] = [];
  for (let n = 1; n <= 2; n++) {
    const versionId = newId();
    const key = `${agencyPrefix(agencyId)}documents/${documentId}/${versionId}.jpg`;
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: `jpeg bytes ${n}` }));
    await admin.query(
      `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag,
         detected_type, original_name, uploaded_by, uploaded_at)
       values ($1, $2, $3, $4, $5, 12, $6, 'etag', 'image/jpeg', $7, $8, $9)`,
      [versionId, agencyId, companyId, documentId, key, Buffer.alloc(32, n), `${name}-身份证.jpg`, staff.user.id, start],
    );
    keys.push(key);
  }
  return { ...person, name, idNumber, documentId, keys };
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await agency();
  agencyId = own.id;
  companyId = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, agencyId, `Lion ${unique()}`, start],
  );
  owner = await member(own.slug, own.id, "owner");
  adminMember = await member(own.slug, own.id, "admin");
  staff = await member(own.slug, own.id, "staff");
  manager = await member(own.slug, own.id, "manager");
  // API tokens are for staff-side roles: the portal's member, as its context would carry them.
  const portalMember = await member(own.slug, own.id, "staff");
  await admin.query(`update memberships set role = 'client_admin', client_company_id = $1 where user_id = $2`, [companyId, portalMember.user.id]);
  clientAdmin = { ...portalMember, role: "client_admin" };
  const other = await agency();
  outsider = await member(other.slug, other.id, "admin");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("erasing a person", () => {
  it("destroys the ID data, name, contacts, links, external accounts and document objects, with a record and an audit event", async () => {
    const person = await personWithDocument();
    const external = await createExternalAccount(staff, person.id, { name: "外部公众号" });
    expect(external.slot).toBe(1);
    for (const key of person.keys) expect(await exists(key)).toBe(true);

    const outcome = await erasePerson(adminMember, person.id, { confirmName: ` ${person.name} `, reason: "person_request" });
    expect(outcome).toMatchObject({ personId: person.id, objectsDeleted: 2, objectsPending: 0 });

    const { rows } = await admin.query(`select * from people where id = $1`, [person.id]);
    expect(rows[0]).toMatchObject({
      name: ERASED_NAME,
      id_number_ciphertext: null,
      id_key_id: null,
      id_number_hmac: null,
      id_mask: null,
      birth_date: null,
      id_expires_on: null,
      mobile: null,
      fixed_line: null,
      email: null,
      version: 2,
    });
    expect(rows[0].erased_at).not.toBeNull();
    for (const key of person.keys) expect(await exists(key)).toBe(false);
    await expect(s3().send(new GetObjectCommand({ Bucket: bucket(), Key: person.keys[0] }))).rejects.toMatchObject({ name: "NoSuchKey" });

    expect((await admin.query(`select 1 from external_accounts where operator_person_id = $1`, [person.id])).rowCount).toBe(0);
    expect((await admin.query(`select 1 from id_slots where external_account_id = $1`, [external.id])).rowCount).toBe(0);
    expect((await admin.query(`select 1 from person_companies where person_id = $1`, [person.id])).rowCount).toBe(0);

    const { rows: records } = await admin.query(`select agency_id, erased_by, objects_deleted from erasures where person_id = $1`, [person.id]);
    expect(records).toEqual([{ agency_id: agencyId, erased_by: adminMember.user.id, objects_deleted: 2 }]);
    const { rows: events } = await admin.query(`select actor_user_id, data from audit_events where action = 'person.erase' and target_id = $1`, [
      person.id,
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].actor_user_id).toBe(adminMember.user.id);
    expect(events[0].data).toEqual({
      idType: "prc_resident_id",
      objectsDeleted: 2,
      externalAccountsDeleted: 1,
      companyLinksDeleted: 1,
      reason: "person_request",
    });
    const payload = JSON.stringify(events[0].data);
    for (const secret of [person.name, person.idNumber, person.idMask, person.idNumber.slice(6, 14), "13800138000"]) {
      expect(payload).not.toContain(secret);
    }

    // The page's reads: the record, and nothing personal in the detail.
    const erasure = await getErasure(manager, person.id);
    expect(erasure).toMatchObject({ erasedBy: { id: adminMember.user.id }, objectsDeleted: 2 });
    const detail = await getPersonDetail(manager, person.id);
    expect(detail).toMatchObject({ idMask: null, mobile: null, birthDate: null, companies: [], accounts: [] });
    expect(detail.erasedAt).not.toBeNull();

    // A second erasure is refused, and changes nothing.
    const again = await refusal(erasePerson(owner, person.id, { confirmName: ERASED_NAME }));
    expect(again.code).toBe("CONFLICT");
    expect(again.details.messageKey).toBe("personErase.errors.alreadyErased");
    expect((await admin.query(`select 1 from erasures where person_id = $1`, [person.id])).rowCount).toBe(1);

    // The checks that expect every version to have its object skip this person's versions.
    const { rows: checked } = await admin.query(
      `select v.id from document_versions v join documents d on d.agency_id = v.agency_id and d.id = v.document_id
       where d.id = $1`,
      [person.documentId],
    );
    expect(checked).toHaveLength(2);
    const kept = await withWorker(agencyId, async (tx) =>
      (
        await tx.execute<{ id: string }>(sql`
          select v.id from document_versions v join documents d on d.agency_id = v.agency_id and d.id = v.document_id
          where d.agency_id = ${agencyId} and d.id = ${person.documentId} and ${versionObjectKept("d")}`)
      ).rows,
    );
    expect(kept).toEqual([]);
  });

  it("frees the ID: the same number can be recorded again as a new person, with both slots", async () => {
    const person = await personWithDocument();
    await createExternalAccount(staff, person.id, { name: "旧的外部账号" });
    await createExternalAccount(staff, person.id, { name: "另一个外部账号" });
    const duplicate = await refusal(createPerson(staff, { name: "重复", idType: "prc_resident_id", idNumber: person.idNumber }));
    expect(duplicate.details.fields).toEqual({ idNumber: expect.any(String) });

    await erasePerson(owner, person.id, { confirmName: person.name });

    const again = await createPerson(staff, { name: "重新登记", idType: "prc_resident_id", idNumber: person.idNumber });
    expect(again.id).not.toBe(person.id);
    expect((await createExternalAccount(staff, again.id, { name: "新账号一" })).slot).toBe(1);
    expect((await createExternalAccount(staff, again.id, { name: "新账号二" })).slot).toBe(2);
  });

  it("is refused while the person operates an active Official Account or administers an active WeCom corp", async () => {
    const person = await personWithDocument();
    const account = await createOfficialAccount(staff, {
      clientCompanyId: companyId,
      accountType: "service",
      operatorPersonId: person.id,
      name: `狮子 ${unique()}`,
    });
    const registrationId = newId();
    const corpId = newId();
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'wecom', 'wecom', 'intake', $4, $4, $4)`,
      [registrationId, agencyId, companyId, start],
    );
    await admin.query(
      `insert into wecom_corps (id, agency_id, client_company_id, registration_id, admin_person_id, corp_name, created_at, updated_at)
       values ($1, $2, $3, $4, $5, '狮子企业', $6, $6)`,
      [corpId, agencyId, companyId, registrationId, person.id, start],
    );

    const refused = await refusal(erasePerson(adminMember, person.id, { confirmName: person.name }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.details.messageKey).toBe("personErase.errors.operatesAccounts");
    const accounts = refused.details.accounts as { kind: string; id: string; company: { id: string } }[];
    expect(accounts.map((a) => [a.kind, a.id]).sort()).toEqual([
      ["official_account", account.id],
      ["wecom_corp", corpId],
    ]);
    expect(accounts.every((a) => a.company.id === companyId)).toBe(true);
    expect((await listErasureBlockers(staff, person.id)).map((a) => a.id).sort()).toEqual([account.id, corpId].sort());
    // Nothing changed: the ID, its slot and the objects are all still there.
    const { rows } = await admin.query(`select id_number_hmac, erased_at from people where id = $1`, [person.id]);
    expect(rows[0].id_number_hmac).not.toBeNull();
    expect(rows[0].erased_at).toBeNull();
    expect((await admin.query(`select 1 from id_slots where official_account_id = $1`, [account.id])).rowCount).toBe(1);
    for (const key of person.keys) expect(await exists(key)).toBe(true);

    // Abandoned (the Official Account) and gone (the corp's card): now it may be erased.
    await abandonOfficialAccount(staff, account.id, { version: account.version });
    await admin.query(`update registrations set stage = 'abandoned', resume_stage = 'intake' where id = $1`, [registrationId]);
    expect(await listErasureBlockers(staff, person.id)).toEqual([]);
    await erasePerson(adminMember, person.id, { confirmName: person.name });
    const { rows: after } = await admin.query(`select operator_person_id from official_accounts where id = $1`, [account.id]);
    expect(after[0].operator_person_id).toBe(person.id);
    // The erased operator has no ID to take a slot with: restoring the account is refused until the operator changes.
    const restore = await refusal(restoreOfficialAccount(staff, account.id, { version: account.version + 1 }));
    expect(restore.code).toBe("CONFLICT");
    expect(restore.details.messageKey).toBe("accounts.errors.operatorErased");
    expect((await admin.query(`select stage from registrations where id = (select registration_id from official_accounts where id = $1)`, [account.id])).rows[0].stage).toBe("abandoned");
  });

  it("needs the name typed as recorded", async () => {
    const person = await personWithDocument();
    const wrong = await refusal(erasePerson(owner, person.id, { confirmName: "someone else" }));
    expect(wrong.code).toBe("VALIDATION");
    expect(wrong.details.fields).toEqual({ confirmName: "personErase.errors.nameMismatch" });
    const missing = await refusal(erasePerson(owner, person.id, {}));
    expect(missing.details.fields).toEqual({ confirmName: "personErase.errors.nameMismatch" });
    const badReason = await refusal(erasePerson(owner, person.id, { confirmName: person.name, reason: `问${person.name}` }));
    expect(badReason.details.fields).toEqual({ reason: "personErase.errors.reason" });
    expect((await admin.query(`select erased_at from people where id = $1`, [person.id])).rows[0].erased_at).toBeNull();
  });

  it("is for owners and admins only; another agency's person is not found", async () => {
    const person = await personWithDocument();
    for (const actor of [staff, manager, clientAdmin]) {
      const refused = await refusal(erasePerson(actor, person.id, { confirmName: person.name }));
      expect(refused.code, actor.role).toBe("FORBIDDEN");
    }
    const foreign = await refusal(erasePerson(outsider, person.id, { confirmName: person.name }));
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await refusal(erasePerson(owner, "not-a-uuid", { confirmName: "x" }))).code).toBe("NOT_FOUND");
    const { rows } = await admin.query(`select name, erased_at from people where id = $1`, [person.id]);
    expect(rows[0]).toEqual({ name: person.name, erased_at: null });
    for (const key of person.keys) expect(await exists(key)).toBe(true);
  });

  it("when the store fails, leaves a queued job that deletes the objects later", async () => {
    const person = await personWithDocument();
    // A real store that refuses: this bucket does not exist.
    const broken = { client: s3(), bucket: `missing-${unique()}` };
    const outcome = await erasePerson(owner, person.id, { confirmName: person.name }, { storage: broken });
    expect(outcome).toMatchObject({ objectsDeleted: 2, objectsPending: 2 });
    for (const key of person.keys) expect(await exists(key)).toBe(true);
    const { rows: jobs } = await admin.query(`select data from pgboss.job where name = $1 and data->>'personId' = $2`, [
      ERASE_OBJECTS_QUEUE,
      person.id,
    ]);
    expect(jobs).toEqual([{ data: { agencyId, personId: person.id } }]);

    // The job, as the worker runs it: refused by a failing store (pg-boss retries), then done; then a no-op.
    await expect(withWorker(agencyId, (tx) => deleteErasedObjects(tx, agencyId, person.id, broken))).rejects.toThrow(/not deleted/);
    const storage = { client: s3(), bucket: bucket() };
    expect(await withWorker(agencyId, (tx) => deleteErasedObjects(tx, agencyId, person.id, storage))).toBe(2);
    for (const key of person.keys) expect(await exists(key)).toBe(false);
    expect(await withWorker(agencyId, (tx) => deleteErasedObjects(tx, agencyId, person.id, storage))).toBe(2);
  });

  it("the clean-up job touches nothing of a person who is not erased", async () => {
    const person = await personWithDocument();
    const storage = { client: s3(), bucket: bucket() };
    expect(await withWorker(agencyId, (tx) => deleteErasedObjects(tx, agencyId, person.id, storage))).toBe(0);
    for (const key of person.keys) expect(await exists(key)).toBe(true);
  });
});

describe("POST /api/v1/people/{id}/erase", () => {
  const erase = async (actor: ApiActor, id: string, body: unknown) => {
    const { token } = await createApiToken(actor, { name: `erase ${unique()}`, expiresInDays: 30 });
    const response = await postErase(
      new Request(`http://weidesk.test/api/v1/people/${id}/erase`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );
    return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, unknown> };
  };

  it("answers 200 with what was destroyed, and problem+json for 403, 404, 409 and 422", async () => {
    const person = await personWithDocument();
    const account = await createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: person.id });

    const asStaff = await erase(staff, person.id, { confirmName: person.name });
    expect(asStaff).toMatchObject({ status: 403, type: "application/problem+json", body: { code: "FORBIDDEN" } });
    const asManager = await erase(manager, person.id, { confirmName: person.name });
    expect(asManager).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    const foreign = await erase(outsider, person.id, { confirmName: person.name });
    expect(foreign).toMatchObject({ status: 404, type: "application/problem+json", body: { code: "NOT_FOUND" } });
    const mismatch = await erase(owner, person.id, { confirmName: "x" });
    expect(mismatch).toMatchObject({
      status: 422,
      body: { code: "VALIDATION", fields: { confirmName: { key: "personErase.errors.nameMismatch" } } },
    });
    const blocked = await erase(owner, person.id, { confirmName: person.name });
    expect(blocked).toMatchObject({
      status: 409,
      type: "application/problem+json",
      body: { code: "CONFLICT", messageKey: "personErase.errors.operatesAccounts", accounts: [{ kind: "official_account", id: account.id }] },
    });

    await abandonOfficialAccount(staff, account.id, { version: account.version });
    const done = await erase(owner, person.id, { confirmName: person.name, reason: "no_longer_needed" });
    expect(done).toMatchObject({ status: 200, body: { personId: person.id, objectsDeleted: 2, objectsPending: 0 } });
    expect(JSON.stringify(done.body)).not.toContain(person.name);
    const again = await erase(owner, person.id, { confirmName: person.name });
    expect(again).toMatchObject({ status: 409, body: { code: "CONFLICT", messageKey: "personErase.errors.alreadyErased" } });
  });
});
