/**
 * Test data written as the migrating (admin) connection, which row-level security
 * does not restrict: the tests then read it back through the app's own roles.
 * Everything is unique per call, so test files can share a database.
 */
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { newId } from "@/lib/ids";

export type AgencyFixture = {
  agencyId: string;
  slug: string;
  userId: string;
  clientAdminUserId: string;
  companyId: string;
  otherCompanyId: string;
  personId: string;
  registrationId: string;
  officialAccountId: string;
  /** Table name → the ids of the rows made for it (composite keys as JSON). */
  rows: Record<string, string[]>;
};

const hash = (value: string) => createHash("sha256").update(value).digest();

/**
 * An agency with at least one row in every tenant table (two client companies, so a
 * client administrator's view can be checked too). `label` keeps look-alikes apart.
 */
export async function makeAgencyWithEveryTable(client: pg.Client | pg.PoolClient, label: string): Promise<AgencyFixture> {
  const now = new Date("2026-03-02T02:00:00Z");
  const tag = `${label.toLowerCase()}-${randomBytes(4).toString("hex")}`;
  const ids = {
    agency: newId(),
    user: newId(),
    clientAdmin: newId(),
    company: newId(),
    otherCompany: newId(),
    person: newId(),
    registration: newId(),
    otherRegistration: newId(),
    officialAccount: newId(),
    wecomRegistration: newId(),
    wecomCorp: newId(),
    external: newId(),
    request: newId(),
    document: newId(),
    version: newId(),
  };
  const rows: Record<string, string[]> = {};
  const add = (table: string, id: string) => (rows[table] ??= []).push(id);
  const q = (text: string, values: unknown[]) => client.query(text, values);

  await q(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [ids.agency, tag, `Agency ${label}`, now]);
  await q(`insert into users (id, email, name, created_at) values ($1, $2, $3, $4), ($5, $6, $7, $4)`, [
    ids.user, `staff-${tag}@example.com`, `Staff ${label}`, now,
    ids.clientAdmin, `client-${tag}@example.com`, `Client ${label}`,
  ]);
  for (const [companyId, uscc] of [
    [ids.company, "91110000600037341L"],
    [ids.otherCompany, "91310110666007217T"],
  ] as const) {
    await q(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, created_at, updated_at)
       values ($1, $2, 'cn_org', 'enterprise', $3, $4, $5, $5)`,
      [companyId, ids.agency, `公司 ${label} ${companyId.slice(-4)}`, uscc, now],
    );
    add("client_companies", companyId);
    // The search's posting lists (ADR 0028), written by client_companies' trigger.
    add("client_company_grams", JSON.stringify([companyId, "公司"]));
  }
  const staffMembership = newId();
  const clientMembership = newId();
  await q(
    `insert into memberships (id, agency_id, user_id, role, client_company_id, created_at)
     values ($1, $2, $3, 'staff', null, $4), ($5, $2, $6, 'client_admin', $7, $4)`,
    [staffMembership, ids.agency, ids.user, now, clientMembership, ids.clientAdmin, ids.company],
  );
  add("memberships", staffMembership);
  add("memberships", clientMembership);

  const invitation = newId();
  await q(
    `insert into invitations (id, agency_id, email, role, token_hash, invited_by, expires_at, created_at)
     values ($1, $2, $3, 'staff', $4, $5, $6, $6)`,
    [invitation, ids.agency, `invited-${tag}@example.com`, hash(`inv-${tag}`), ids.user, now],
  );
  add("invitations", invitation);
  const token = newId();
  await q(
    `insert into api_tokens (id, agency_id, user_id, name, token_hash, created_at) values ($1, $2, $3, 'ci', $4, $5)`,
    [token, ids.agency, ids.user, hash(`tok-${tag}`), now],
  );
  add("api_tokens", token);

  const operatorHmac = hash(`id-${tag}`);
  await q(
    `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
     values ($1, $2, $3, 'prc_resident_id', $4, 'k1', $5, '110105********002X', $6, $6)`,
    [ids.person, ids.agency, `张三 ${label}`, randomBytes(32), operatorHmac, now],
  );
  add("people", ids.person);
  await q(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'operator')`, [
    ids.agency, ids.person, ids.company,
  ]);
  add("person_companies", JSON.stringify([ids.person, ids.company]));

  for (const [registrationId, companyId, product, pipeline] of [
    [ids.registration, ids.company, "official_account", "oa_cn_org"],
    [ids.otherRegistration, ids.otherCompany, "official_account", "oa_cn_org"],
    [ids.wecomRegistration, ids.company, "wecom", "wecom"],
  ] as const) {
    await q(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'intake', $6, $6, $6)`,
      [registrationId, ids.agency, companyId, product, pipeline, now],
    );
    add("registrations", registrationId);
    const event = newId();
    await q(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, at)
       values ($1, $2, $3, $4, 'intake', $5)`,
      [event, ids.agency, companyId, registrationId, now],
    );
    add("registration_events", event);
  }
  // The WeCom card went live an hour later: a stay and a completion for the summaries.
  const live = newId();
  await q(
    `insert into registration_events (id, agency_id, client_company_id, registration_id, from_stage, to_stage, at)
     values ($1, $2, $3, $4, 'intake', 'live', $5)`,
    [live, ids.agency, ids.company, ids.wecomRegistration, new Date(now.getTime() + 3_600_000)],
  );
  add("registration_events", live);
  // Due in 2126: a row of the dashboard's registration_due_days, and no reminder due.
  await q(`update registrations set due_at = '2126-03-02T00:00:00Z' where id = $1`, [ids.otherRegistration]);
  await q(
    `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, operator_person_id, name, created_at, updated_at)
     values ($1, $2, $3, $4, 'cn_org', 'service', $5, $6, $7, $7)`,
    [ids.officialAccount, ids.agency, ids.company, ids.registration, ids.person, `号 ${label}`, now],
  );
  add("official_accounts", ids.officialAccount);
  const oaName = newId();
  await q(
    `insert into official_account_names (id, agency_id, client_company_id, official_account_id, name, changed_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [oaName, ids.agency, ids.company, ids.officialAccount, `号 ${label}`, now],
  );
  add("official_account_names", oaName);
  await q(
    // Verified until 2126: a row of the dashboard's verification_expiries, and no reminder due.
    `insert into wecom_corps (id, agency_id, client_company_id, registration_id, admin_person_id, corp_name, created_at, updated_at,
       verification_status, verification_expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7, 'verified', '2126-03-02T00:00:00Z')`,
    [ids.wecomCorp, ids.agency, ids.company, ids.wecomRegistration, ids.person, `企业 ${label}`, now],
  );
  add("wecom_corps", ids.wecomCorp);
  await q(
    `insert into external_accounts (id, agency_id, operator_person_id, name, created_at) values ($1, $2, $3, 'Outside', $4)`,
    [ids.external, ids.agency, ids.person, now],
  );
  add("external_accounts", ids.external);
  await q(
    `insert into id_slots (agency_id, operator_id_hmac, slot, official_account_id, external_account_id, taken_at)
     values ($1, $2, 1, $3, null, $5), ($1, $2, 2, null, $4, $5)`,
    [ids.agency, operatorHmac, ids.officialAccount, ids.external, now],
  );
  add("id_slots", "slot-1");
  add("id_slots", "slot-2");

  await q(
    `insert into document_requests (id, agency_id, client_company_id, registration_id, kinds, requested_by, created_at)
     values ($1, $2, $3, $4, '{business_licence}', $5, $6)`,
    [ids.request, ids.agency, ids.company, ids.registration, ids.user, now],
  );
  add("document_requests", ids.request);
  const comment = newId();
  await q(
    `insert into document_request_comments (id, agency_id, client_company_id, document_request_id, author_user_id, body, created_at)
     values ($1, $2, $3, $4, $5, 'Please scan in colour', $6)`,
    [comment, ids.agency, ids.company, ids.request, ids.user, now],
  );
  add("document_request_comments", comment);
  await q(
    `insert into documents (id, agency_id, client_company_id, document_request_id, kind, status, created_at, updated_at)
     values ($1, $2, $3, $4, 'business_licence', 'uploaded', $5, $5)`,
    [ids.document, ids.agency, ids.company, ids.request, now],
  );
  add("documents", ids.document);
  await q(
    `insert into document_registrations (agency_id, client_company_id, document_id, registration_id) values ($1, $2, $3, $4)`,
    [ids.agency, ids.company, ids.document, ids.registration],
  );
  add("document_registrations", JSON.stringify([ids.document, ids.registration]));
  await q(
    `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag, detected_type, original_name, uploaded_by, uploaded_at)
     values ($1, $2, $3, $4, $5, 1024, $6, '"etag"', 'image/jpeg', 'licence.jpg', $7, $8)`,
    [ids.version, ids.agency, ids.company, ids.document, `${ids.agency}/${ids.document}/${ids.version}`, hash(tag), ids.user, now],
  );
  add("document_versions", ids.version);
  const review = newId();
  await q(
    `insert into document_reviews (id, agency_id, client_company_id, document_version_id, decision, reviewer_user_id, at)
     values ($1, $2, $3, $4, 'approve', $5, $6)`,
    [review, ids.agency, ids.company, ids.version, ids.user, now],
  );
  add("document_reviews", review);
  const intent = newId();
  await q(
    `insert into upload_intents (id, agency_id, client_company_id, document_id, version_id, kind, idempotency_key, request_hash,
       staging_key, declared_size, declared_type, original_name, created_by, created_at, expires_at)
     values ($1, $2, $3, $4, $5, 'business_licence', $6, $7, $8, 1024, 'image/jpeg', 'licence.jpg', $9, $10, $10)`,
    [intent, ids.agency, ids.company, ids.document, newId(), `key-${tag}`, hash(`intent-${tag}`), `agencies/${ids.agency}/staging/${intent}`, ids.user, now],
  );
  add("upload_intents", intent);
  const quarantine = newId();
  await q(
    `insert into document_quarantines (id, agency_id, client_company_id, document_version_id, reason, observed, detected_by, at)
     values ($1, $2, $3, $4, 'etag_mismatch', '{"sizeBytes": 1024, "etag": "\\"other\\""}', 'reconciliation', $5)`,
    [quarantine, ids.agency, ids.company, ids.version, now],
  );
  add("document_quarantines", quarantine);
  const reconciliation = newId();
  await q(
    `insert into storage_reconciliations (id, agency_id, started_at, finished_at, objects_scanned, versions_checked, findings)
     values ($1, $2, $3, $3, 1, 1, '[]')`,
    [reconciliation, ids.agency, now],
  );
  add("storage_reconciliations", reconciliation);
  const audit = newId();
  await q(
    `insert into audit_events (id, agency_id, actor_user_id, action, target_type, target_id, at) values ($1, $2, $3, 'client.create', 'client_company', $4, $5)`,
    [audit, ids.agency, ids.user, ids.company, now],
  );
  add("audit_events", audit);
  const note = newId();
  await q(
    `insert into notes (id, agency_id, client_company_id, author_user_id, body, created_at) values ($1, $2, $3, $4, 'Internal', $5)`,
    [note, ids.agency, ids.company, ids.user, now],
  );
  add("notes", note);
  await q(
    `insert into client_company_members (agency_id, client_company_id, user_id, added_by, added_at) values ($1, $2, $3, $3, $4)`,
    [ids.agency, ids.company, ids.user, now],
  );
  add("client_company_members", JSON.stringify([ids.company, ids.user]));
  const notification = newId();
  await q(
    `insert into notifications (id, agency_id, user_id, kind, created_at) values ($1, $2, $3, 'reminder', $4)`,
    [notification, ids.agency, ids.user, now],
  );
  add("notifications", notification);
  const reminder = newId();
  await q(
    `insert into reminders (id, agency_id, kind, key, client_company_id, registration_id, due_at, sent_at)
     values ($1, $2, 'review_overdue', $3, $4, $5, $6, $6)`,
    [reminder, ids.agency, `registration:${ids.registration}:${tag}`, ids.company, ids.registration, now],
  );
  add("reminders", reminder);
  await q(
    `insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at) values ($1, $2, 'weekly_digest', true, false, $3)`,
    [ids.agency, ids.user, now],
  );
  add("notification_preferences", JSON.stringify([ids.user, "weekly_digest"]));
  await q(`insert into holidays (agency_id, date, kind, name) values ($1, '2026-10-01', 'holiday', '国庆节')`, [ids.agency]);
  add("holidays", "2026-10-01");
  const erasure = newId();
  await q(`insert into erasures (id, agency_id, person_id, erased_by, objects_deleted, at) values ($1, $2, $3, $4, 0, $5)`, [
    erasure, ids.agency, newId(), ids.user, now,
  ]);
  add("erasures", erasure);
  const savedView = newId();
  await q(
    `insert into saved_views (id, agency_id, user_id, list, name, query, is_default, created_at, updated_at)
     values ($1, $2, $3, 'clients', 'Overseas', 'kind=overseas', true, $4, $4)`,
    [savedView, ids.agency, ids.user, now],
  );
  add("saved_views", savedView);
  // The dashboard's summary rows (ADR 0020), which the triggers made from the rows above.
  for (const [table, key] of [
    ["registration_counts", "concat_ws(':', pipeline, stage, assignee_user_id)"],
    ["registration_completions", "registration_id::text"],
    ["stage_time_daily", "concat_ws(':', day, pipeline, stage, assignee_user_id)"],
    ["document_daily", "day::text"],
    ["id_slot_totals", "agency_id::text"],
    ["verification_expiries", "registration_id::text"],
    ["registration_due_days", "concat_ws(':', due_day, pipeline, assignee_user_id)"],
    ["completion_daily", "concat_ws(':', day, pipeline, assignee_user_id)"],
  ] as const) {
    const { rows: made } = await q(`select ${key} as key from ${table} where agency_id = $1`, [ids.agency]);
    for (const row of made as { key: string }[]) add(table, row.key);
  }

  return {
    agencyId: ids.agency,
    slug: tag,
    userId: ids.user,
    clientAdminUserId: ids.clientAdmin,
    companyId: ids.company,
    otherCompanyId: ids.otherCompany,
    personId: ids.person,
    registrationId: ids.registration,
    officialAccountId: ids.officialAccount,
    rows,
  };
}

type Admin = pg.Client | pg.PoolClient;
type AgencyRef = { id: string; slug: string };

/** A client company of `kind` named `name` (the Chinese legal name, or the English one overseas). */
export async function makeClientCompany(client: Admin, agencyId: string, kind: "cn_individual" | "overseas", name: string): Promise<string> {
  const id = newId();
  await client.query(
    kind === "overseas"
      ? `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at) values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', now(), now())`
      : `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, created_at, updated_at) values ($1, $2, 'cn_individual', 'individual', $3, now(), now())`,
    [id, agencyId, name],
  );
  return id;
}

export type ListAgencies = {
  /** The agency whose list is read. */
  a: AgencyRef;
  /** Another tenant, whose rows must never show in A's list. */
  b: AgencyRef;
  staff: ApiActor;
  manager: ApiActor;
  staffB: ApiActor;
};

/**
 * Two agencies for a list's tests: A with a staff member and a manager, B with a staff
 * member, each an actor as the API would make it. Slugs start with `slugPrefix`.
 */
export async function makeListAgencies(client: Admin, slugPrefix: string, name: string): Promise<ListAgencies> {
  const unique = () => newId().slice(-12);
  async function agency(): Promise<AgencyRef> {
    const id = newId();
    const slug = `${slugPrefix}-${unique()}`;
    await client.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, now())`, [id, slug, name]);
    return { id, slug };
  }
  async function member(target: AgencyRef, role: string): Promise<ApiActor> {
    const userId = newId();
    const email = `${role}-${unique()}@example.com`;
    await client.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, now(), now())`, [userId, email, role]);
    await client.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, now())`, [newId(), target.id, userId, role]);
    return findMemberActor(target.slug, email);
  }
  const a = await agency();
  const b = await agency();
  return { a, b, staff: await member(a, "staff"), manager: await member(a, "manager"), staffB: await member(b, "staff") };
}
