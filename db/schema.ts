/**
 * The drizzle schema (design.md §3). Migrations are generated from it
 * (`npm run db:generate`), read and committed; what drizzle-kit cannot express
 * (roles, row-level security, triggers, grants, SECURITY DEFINER functions) lives in
 * hand-written `--custom` migrations beside them.
 *
 * Every tenant table carries agency_id; company-scoped tables also client_company_id,
 * which the RESTRICTIVE client-company policy reads. Ids are UUIDv7 made in the app.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accountTypes, companyKinds, idTypes, personRoles, subjectTypes, verificationStatuses } from "@/lib/clients/kinds";
import { documentKinds, documentStatuses } from "@/lib/documents/kinds";
import { membershipStatuses, roles } from "@/lib/rbac/roles";
import { allStages, codeCaseSql, pipelineCodes, pipelines, products, stageCodes, waitingStates } from "@/lib/registration/pipelines";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const roleEnum = pgEnum("role", roles);
export const membershipStatusEnum = pgEnum("membership_status", membershipStatuses);
export const companyKindEnum = pgEnum("company_kind", companyKinds);
export const subjectTypeEnum = pgEnum("subject_type", subjectTypes);
export const idTypeEnum = pgEnum("id_type", idTypes);
export const personRoleEnum = pgEnum("person_role", personRoles);
export const productEnum = pgEnum("product", products);
export const pipelineEnum = pgEnum("pipeline", pipelines as [string, ...string[]]);
export const stageEnum = pgEnum("stage", allStages as [string, ...string[]]);
export const waitingEnum = pgEnum("waiting", waitingStates);
export const accountTypeEnum = pgEnum("account_type", accountTypes);
export const verificationStatusEnum = pgEnum("verification_status", verificationStatuses);
export const documentKindEnum = pgEnum("document_kind", documentKinds);
export const documentStatusEnum = pgEnum("document_status", documentStatuses);
export const reviewDecisionEnum = pgEnum("review_decision", ["approve", "reject"]);
export const holidayKindEnum = pgEnum("holiday_kind", ["holiday", "workday"]);

/* ------------------------------------------------------------------ global */

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    emailVerifiedAt: tstz("email_verified_at"),
    /** Bumped to end every session of the user at once (sign-out everywhere, password change). */
    sessionVersion: integer("session_version").notNull().default(1),
    totpSecretCiphertext: bytea("totp_secret_ciphertext"),
    totpKeyId: text("totp_key_id"),
    /** The last TOTP time step used: a code is accepted once. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    totpEnabledAt: tstz("totp_enabled_at"),
    locale: text("locale"),
    createdAt: tstz("created_at").notNull(),
    lastSignInAt: tstz("last_sign_in_at"),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_locale", sql`${t.locale} is null or ${t.locale} in ('en', 'zh-CN')`),
    check("users_email_format", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export const agencies = pgTable(
  "agencies",
  {
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    defaultLocale: text("default_locale", { enum: ["en", "zh-CN"] }).notNull().default("zh-CN"),
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    /** Overseas follow-up interval in business days (design.md §5). */
    overseasFollowUpDays: smallint("overseas_follow_up_days").notNull().default(10),
    /** A registration card idle in a working stage longer than this many days is stale (issue 7 §4). */
    staleAfterDays: smallint("stale_after_days").notNull().default(14),
    requireTotpForAdmins: boolean("require_totp_for_admins").notNull().default(false),
    /**
     * Staff see only the clients they are assigned to or on the team of (issue 6 §5), decided
     * by row-level security from app.user_id (ADR 0010); owners, admins and managers see all.
     */
    restrictStaffToAssigned: boolean("restrict_staff_to_assigned").notNull().default(false),
    /**
     * When the last required document of a card's stage is approved, move the card on by
     * itself (through the stage machine's guard) rather than only offering the move (issue 8 §3).
     */
    advanceOnDocuments: boolean("advance_on_documents").notNull().default(false),
    /**
     * A WeCom group robot's webhook (企业微信群机器人, issue 9 §3): reminders are posted to
     * that group in the agency's language. Null: no robot. Set by owners and admins.
     */
    wecomRobotWebhookUrl: text("wecom_robot_webhook_url"),
    createdAt: tstz("created_at").notNull(),
    deletedAt: tstz("deleted_at"),
  },
  (t) => [
    uniqueIndex("agencies_slug_key").on(t.slug),
    check("agencies_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'`),
    check("agencies_default_locale", sql`${t.defaultLocale} in ('en', 'zh-CN')`),
    check("agencies_follow_up_days", sql`${t.overseasFollowUpDays} between 1 and 60`),
    check("agencies_stale_after_days", sql`${t.staleAfterDays} between 1 and 180`),
  ],
);

/** Single-use links not tied to an agency: password reset, one-time sign-in, e-mail check. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["password_reset", "sign_in_link", "email_verification"] }).notNull(),
    tokenHash: bytea("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [uniqueIndex("user_tokens_hash_key").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId)],
);

/** Second-factor recovery codes: SHA-256 of each, spent once. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    codeHash: bytea("code_hash").notNull(),
    usedAt: tstz("used_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * Sign-in throttling (design.md §7): failures per key, a hash of (e-mail, IP) or of an
 * IP, in a window; `blockedUntil` when the limit is reached (lib/auth/throttle.ts).
 */
export const authThrottle = pgTable(
  "auth_throttle",
  {
    key: bytea("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: tstz("window_started_at").notNull(),
    blockedUntil: tstz("blocked_until"),
  },
  (t) => [index("auth_throttle_window_idx").on(t.windowStartedAt)],
);

/**
 * Every e-mail, written in the transaction that decides to send it (so it is sent
 * exactly when that commits), then delivered over SMTP; with MAIL_OUTBOX=1 it stays
 * here for /dev/outbox. Global: some mail (sign-up, password reset) has no agency yet.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    locale: text("locale").notNull(),
    kind: text("kind").notNull(),
    createdAt: tstz("created_at").notNull(),
    sentAt: tstz("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The reminder (or digest) this message tells of: one e-mail per reminder and address. */
    reminderId: uuid("reminder_id"),
  },
  (t) => [
    index("mail_outbox_pending_idx").on(t.createdAt).where(sql`${t.sentAt} is null`),
    uniqueIndex("mail_outbox_reminder_key").on(t.reminderId, t.toAddress).where(sql`${t.reminderId} is not null`),
    check("mail_outbox_locale", sql`${t.locale} in ('en', 'zh-CN')`),
  ],
);

/* ---------------------------------------------------------------- catalogues */

/**
 * The stages of each pipeline in board order, then its side states
 * (lib/registration/pipelines.ts, filled by a migration).
 */
export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    pipeline: pipelineEnum("pipeline").notNull(),
    stage: stageEnum("stage").notNull(),
    position: smallint("position").notNull(),
    isSideState: boolean("is_side_state").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.pipeline, t.stage] })],
);

/** The documents each pipeline needs approved before submission (design.md §6). */
export const pipelineRequiredDocuments = pgTable(
  "pipeline_required_documents",
  {
    pipeline: pipelineEnum("pipeline").notNull(),
    kind: documentKindEnum("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pipeline, t.kind] })],
);

/* ------------------------------------------------------------------- tenant */

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    role: roleEnum("role").notNull(),
    /** Only for client_admin: the one company they belong to. */
    clientCompanyId: uuid("client_company_id"),
    status: membershipStatusEnum("status").notNull().default("active"),
    createdAt: tstz("created_at").notNull(),
    lastSignInAt: tstz("last_sign_in_at"),
  },
  (t) => [
    unique("memberships_agency_user_key").on(t.agencyId, t.userId),
    unique("memberships_agency_id_key").on(t.agencyId, t.id),
    index("memberships_user_idx").on(t.userId),
    foreignKey({
      name: "memberships_client_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
    check(
      "memberships_client_company_only_for_client_admin",
      sql`(${t.role} = 'client_admin') = (${t.clientCompanyId} is not null)`,
    ),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    clientCompanyId: uuid("client_company_id"),
    tokenHash: bytea("token_hash").notNull(),
    invitedBy: uuid("invited_by").notNull().references(() => users.id),
    expiresAt: tstz("expires_at").notNull(),
    acceptedAt: tstz("accepted_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_agency_idx").on(t.agencyId, t.createdAt),
    check("invitations_role_not_owner", sql`${t.role} <> 'owner'`),
    check(
      "invitations_client_company_only_for_client_admin",
      sql`(${t.role} = 'client_admin') = (${t.clientCompanyId} is not null)`,
    ),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    tokenHash: bytea("token_hash").notNull(),
    expiresAt: tstz("expires_at"),
    revokedAt: tstz("revoked_at"),
    lastUsedAt: tstz("last_used_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash), index("api_tokens_agency_idx").on(t.agencyId, t.userId)],
);

export const clientCompanies = pgTable(
  "client_companies",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    kind: companyKindEnum("kind").notNull(),
    subjectType: subjectTypeEnum("subject_type").notNull(),
    legalNameZh: text("legal_name_zh"),
    nameEn: text("name_en"),
    uscc: text("uscc"),
    /** Why staff kept a USCC whose check character fails (pilot-era codes, domain.md §6.2). */
    usccOverrideReason: text("uscc_override_reason"),
    legacyOrgCode: text("legacy_org_code"),
    registrationNumber: text("registration_number"),
    country: text("country"),
    foreignRegistrationNumber: text("foreign_registration_number"),
    industry: text("industry"),
    scale: text("scale"),
    address: text("address"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    archivedAt: tstz("archived_at"),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    /** The company's registrations, counted by a trigger on registrations for the clients list (ADR 0030). */
    registrationCount: integer("registration_count").notNull().default(0),
    /**
     * The kind as a number for the list's kind filter: enum = is not leakproof, so under
     * row-level security no index could serve `kind = …`; smallint = can (ADR 0009).
     */
    kindCode: smallint("kind_code")
      .notNull()
      .generatedAlwaysAs(sql`case kind when 'cn_org' then 1 when 'cn_individual' then 2 else 3 end`),
    /** The list's name order and keyset: the Chinese name, else the English one. */
    sortName: text("sort_name")
      .notNull()
      .generatedAlwaysAs(sql`coalesce(legal_name_zh, name_en)`),
    /** Characters and character pairs of the Chinese name (0009_search_functions: pg_trgm does not split Chinese). */
    searchGrams: text("search_grams")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`weidesk_cjk_grams(coalesce(legal_name_zh, ''))`),
    /**
     * The Chinese name as a search compares it (lower-cased, no spaces), stored: LIKE reads
     * it from the name-order indexes below, without the heap and without lower() per row (ADR 0027).
     */
    searchName: text("search_name")
      .notNull()
      .generatedAlwaysAs(sql`lower(replace(coalesce(legal_name_zh, ''), ' ', ''))`),
    /** Lower-cased Latin text searched with pg_trgm: English name and every code. */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        sql`lower(coalesce(name_en, '') || ' ' || coalesce(uscc, '') || ' ' || coalesce(legacy_org_code, '') || ' ' || coalesce(registration_number, '') || ' ' || coalesce(foreign_registration_number, ''))`,
      ),
  },
  (t) => [
    unique("client_companies_agency_id_key").on(t.agencyId, t.id),
    // Lets official_accounts carry the subject kind through a foreign key (design.md §4.3).
    unique("client_companies_id_kind_key").on(t.id, t.kind),
    uniqueIndex("client_companies_uscc_key").on(t.agencyId, t.uscc),
    // One index per sort of the clients list, each ending in id for the keyset. The name
    // order's (the capped count's order, whatever the sort) carry after the id what the
    // archived filter and the RLS policies read (archived_at, assignee_user_id): the count's
    // 10 001 rows are an index-only scan, not 10 001 heap visits (ADR 0024). The name-order
    // indexes, and the time orders', end in search_name: a common Chinese search walks them
    // index-only (ADR 0027).
    index("client_companies_sort_name_idx").on(t.agencyId, t.sortName, t.id, t.archivedAt, t.assigneeUserId, t.searchName),
    index("client_companies_created_idx").on(t.agencyId, t.createdAt, t.id, t.archivedAt, t.assigneeUserId, t.searchName),
    index("client_companies_updated_idx").on(t.agencyId, t.updatedAt, t.id, t.archivedAt, t.assigneeUserId, t.searchName),
    index("client_companies_assignee_idx").on(t.agencyId, t.assigneeUserId, t.sortName, t.id, t.archivedAt, t.searchName),
    index("client_companies_kind_idx").on(t.agencyId, t.kindCode, t.sortName, t.id, t.archivedAt, t.assigneeUserId, t.searchName),
    // Made for an unordered capped count (0011); the count now reads in name order, through
    // client_companies_sort_name_idx above (ADR 0024).
    index("client_companies_count_idx").on(t.agencyId, t.archivedAt, t.assigneeUserId, t.kind, t.id),
    index("client_companies_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("client_companies_has_name", sql`coalesce(${t.legalNameZh}, ${t.nameEn}) is not null`),
    check("client_companies_uscc_format", sql`${t.uscc} is null or ${t.uscc} ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'`),
    check("client_companies_cn_org_has_uscc", sql`${t.kind} <> 'cn_org' or ${t.uscc} is not null`),
    check("client_companies_overseas_has_country", sql`${t.kind} <> 'overseas' or ${t.country} is not null`),
    check(
      "client_companies_org_code_matches_uscc",
      sql`${t.legacyOrgCode} is null or ${t.uscc} is null or substr(${t.uscc}, 9, 9) = replace(${t.legacyOrgCode}, '-', '')`,
    ),
  ],
);

/**
 * The Chinese search's posting lists (ADR 0028): one row per company and character or
 * character pair of its name (search_grams), in name order within each gram. A search
 * walks the rarest of its grams' lists in the list's name order and stops at the page's
 * last row and the count's cap, index-only, however its matches lie in the name order.
 * Written only by triggers on client_companies (0035_company_grams); it copies what the
 * list's filters and the row-level policies read, so neither visits the company.
 */
export const clientCompanyGrams = pgTable(
  "client_company_grams",
  {
    agencyId: uuid("agency_id").notNull(),
    gram: text("gram").notNull(),
    sortName: text("sort_name").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    searchName: text("search_name").notNull(),
    archivedAt: tstz("archived_at"),
    assigneeUserId: uuid("assignee_user_id"),
    kindCode: smallint("kind_code").notNull(),
  },
  (t) => [
    index("client_company_grams_walk_idx").on(
      t.agencyId,
      t.gram,
      t.sortName,
      t.clientCompanyId,
      t.searchName,
      t.archivedAt,
      t.assigneeUserId,
      t.kindCode,
    ),
  ],
);

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    name: text("name").notNull(),
    idType: idTypeEnum("id_type").notNull(),
    /** AES-256-GCM of the normalised number; null once erased. */
    idNumberCiphertext: bytea("id_number_ciphertext"),
    idKeyId: text("id_key_id"),
    /** HMAC of the normalised number: uniqueness and exact search without decrypting. */
    idNumberHmac: bytea("id_number_hmac"),
    idMask: text("id_mask"),
    birthDate: date("birth_date"),
    idExpiresOn: date("id_expires_on"),
    mobile: text("mobile"),
    fixedLine: text("fixed_line"),
    email: text("email"),
    erasedAt: tstz("erased_at"),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    unique("people_agency_id_key").on(t.agencyId, t.id),
    uniqueIndex("people_id_number_key").on(t.agencyId, t.idType, t.idNumberHmac),
    index("people_agency_name_idx").on(t.agencyId, t.name),
    // The accounts a mobile number serves (domain.md B4: five at most).
    index("people_mobile_idx").on(t.agencyId, t.mobile),
    check("people_mobile_e164", sql`${t.mobile} is null or ${t.mobile} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check(
      "people_id_present_unless_erased",
      sql`${t.erasedAt} is not null or (${t.idNumberCiphertext} is not null and ${t.idNumberHmac} is not null and ${t.idKeyId} is not null)`,
    ),
  ],
);

export const personCompanies = pgTable(
  "person_companies",
  {
    agencyId: uuid("agency_id").notNull(),
    personId: uuid("person_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    role: personRoleEnum("role").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.clientCompanyId, t.role] }),
    index("person_companies_company_idx").on(t.agencyId, t.clientCompanyId),
    foreignKey({ name: "person_companies_person_fk", columns: [t.agencyId, t.personId], foreignColumns: [people.agencyId, people.id] }),
    foreignKey({
      name: "person_companies_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
  ],
);

export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    product: productEnum("product").notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    stage: stageEnum("stage").notNull(),
    /** The stage a side state (on_hold, rejected, abandoned) goes back to. */
    resumeStage: stageEnum("resume_stage"),
    stageEnteredAt: tstz("stage_entered_at").notNull(),
    dueAt: tstz("due_at"),
    waiting: waitingEnum("waiting").notNull().default("none"),
    /** When the current waiting flag was set (issue 7 §4); null exactly when not waiting. */
    waitingSince: tstz("waiting_since"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    /**
     * The pipeline and stage as numbers for the board's columns: enum = is not leakproof, so
     * under row-level security no index could serve `pipeline = … and stage = …`; smallint =
     * can (ADR 0009, lib/registration/pipelines.ts pipelineCodes and stageCodes).
     */
    pipelineCode: smallint("pipeline_code")
      .notNull()
      .generatedAlwaysAs(sql.raw(codeCaseSql("pipeline", pipelineCodes))),
    stageCode: smallint("stage_code")
      .notNull()
      .generatedAlwaysAs(sql.raw(codeCaseSql("stage", stageCodes))),
  },
  (t) => [
    unique("registrations_agency_id_key").on(t.agencyId, t.id),
    unique("registrations_id_company_key").on(t.id, t.clientCompanyId),
    index("registrations_board_idx").on(t.agencyId, t.pipeline, t.stage, t.dueAt, t.id),
    index("registrations_company_idx").on(t.agencyId, t.clientCompanyId),
    // The clients list's pipeline and stage filters (weidesk_companies_in_stage) as index-only scans.
    index("registrations_pipeline_company_idx").on(t.agencyId, t.pipeline, t.stage, t.clientCompanyId),
    index("registrations_assignee_idx").on(t.agencyId, t.assigneeUserId),
    // A board column (and the list by due date) under row-level security: first 20 by due date, then keyset pages.
    index("registrations_column_idx").on(t.agencyId, t.pipelineCode, t.stageCode, t.dueAt, t.id),
    // A card can only stand in a stage its pipeline has (side states included).
    foreignKey({
      name: "registrations_stage_fk",
      columns: [t.pipeline, t.stage],
      foreignColumns: [pipelineStages.pipeline, pipelineStages.stage],
    }),
    foreignKey({
      name: "registrations_resume_stage_fk",
      columns: [t.pipeline, t.resumeStage],
      foreignColumns: [pipelineStages.pipeline, pipelineStages.stage],
    }),
    foreignKey({
      name: "registrations_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
    check(
      "registrations_product_matches_pipeline",
      sql`(${t.product} = 'wecom') = (${t.pipeline} = 'wecom')`,
    ),
    check(
      "registrations_resume_stage_only_in_side_states",
      sql`(${t.stage} in ('on_hold', 'rejected', 'abandoned')) = (${t.resumeStage} is not null)`,
    ),
    check("registrations_waiting_since", sql`(${t.waiting} = 'none') = (${t.waitingSince} is null)`),
  ],
);

export const officialAccounts = pgTable(
  "official_accounts",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    registrationId: uuid("registration_id").notNull(),
    /** The company's kind, held here so CHECK constraints can tie it to the account type. */
    subjectKind: companyKindEnum("subject_kind").notNull(),
    accountType: accountTypeEnum("account_type"),
    operatorPersonId: uuid("operator_person_id"),
    name: text("name"),
    introduction: text("introduction"),
    introChangedAt: tstz("intro_changed_at"),
    loginEmail: text("login_email"),
    /**
     * The login e-mail lower-cased, for "another account uses it" (domain.md B4): text `=`
     * is leakproof, so under row-level security an index serves it; `lower()` is not (ADR 0009).
     */
    loginEmailKey: text("login_email_key").generatedAlwaysAs(sql`lower(login_email)`),
    wechatId: text("wechat_id"),
    originalId: text("original_id"),
    registeredAt: tstz("registered_at"),
    verificationStatus: verificationStatusEnum("verification_status").notNull().default("none"),
    verificationExpiresAt: tstz("verification_expires_at"),
    /** The account's own version (its profile edits), apart from its card's: a move on the board does not clash with an edit. */
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    unique("official_accounts_agency_id_key").on(t.agencyId, t.id),
    uniqueIndex("official_accounts_registration_key").on(t.registrationId),
    index("official_accounts_company_idx").on(t.agencyId, t.clientCompanyId),
    index("official_accounts_operator_idx").on(t.agencyId, t.operatorPersonId),
    // The clients list finds a company by its account's WeChat ID or original ID (exact, any case).
    index("official_accounts_wechat_id_idx").on(t.agencyId, sql`lower(${t.wechatId})`),
    index("official_accounts_original_id_idx").on(t.agencyId, t.originalId),
    index("official_accounts_login_email_idx").on(t.agencyId, t.loginEmailKey),
    foreignKey({
      name: "official_accounts_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
    foreignKey({
      name: "official_accounts_company_kind_fk",
      columns: [t.clientCompanyId, t.subjectKind],
      foreignColumns: [clientCompanies.id, clientCompanies.kind],
    }),
    foreignKey({
      name: "official_accounts_operator_fk",
      columns: [t.agencyId, t.operatorPersonId],
      foreignColumns: [people.agencyId, people.id],
    }),
    check(
      "official_accounts_individual_is_subscription",
      sql`${t.subjectKind} <> 'cn_individual' or ${t.accountType} is null or ${t.accountType} = 'subscription'`,
    ),
    check(
      "official_accounts_overseas_is_service",
      sql`${t.subjectKind} <> 'overseas' or ${t.accountType} is null or ${t.accountType} = 'service'`,
    ),
    check("official_accounts_intro_length", sql`char_length(${t.introduction}) <= 120`),
  ],
);

/** Every name an Official Account has had (renames follow domain.md B8). */
export const officialAccountNames = pgTable(
  "official_account_names",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    officialAccountId: uuid("official_account_id").notNull(),
    name: text("name").notNull(),
    changedAt: tstz("changed_at").notNull(),
    changedBy: uuid("changed_by").references(() => users.id),
  },
  (t) => [
    index("official_account_names_account_idx").on(t.agencyId, t.officialAccountId, t.changedAt),
    foreignKey({
      name: "official_account_names_account_fk",
      columns: [t.agencyId, t.officialAccountId],
      foreignColumns: [officialAccounts.agencyId, officialAccounts.id],
    }).onDelete("cascade"),
  ],
);

export const wecomCorps = pgTable(
  "wecom_corps",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    registrationId: uuid("registration_id").notNull(),
    adminPersonId: uuid("admin_person_id"),
    corpName: text("corp_name").notNull(),
    shortName: text("short_name"),
    industry: text("industry"),
    scale: text("scale"),
    tier: text("tier", { enum: ["free", "paid"] }).notNull().default("free"),
    region: text("region"),
    corpId: text("corp_id"),
    verificationStatus: verificationStatusEnum("verification_status").notNull().default("none"),
    verificationExpiresAt: tstz("verification_expires_at"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    unique("wecom_corps_agency_id_key").on(t.agencyId, t.id),
    uniqueIndex("wecom_corps_registration_key").on(t.registrationId),
    index("wecom_corps_company_idx").on(t.agencyId, t.clientCompanyId),
    index("wecom_corps_corp_id_idx").on(t.agencyId, sql`lower(${t.corpId})`),
    foreignKey({
      name: "wecom_corps_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
    foreignKey({
      name: "wecom_corps_admin_fk",
      columns: [t.agencyId, t.adminPersonId],
      foreignColumns: [people.agencyId, people.id],
    }),
    check("wecom_corps_tier", sql`${t.tier} in ('free', 'paid')`),
  ],
);

/** Official Accounts an ID already operates outside Weidesk; they take slots too. */
export const externalAccounts = pgTable(
  "external_accounts",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    operatorPersonId: uuid("operator_person_id").notNull(),
    name: text("name").notNull(),
    wechatId: text("wechat_id"),
    note: text("note"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    unique("external_accounts_agency_id_key").on(t.agencyId, t.id),
    index("external_accounts_operator_idx").on(t.agencyId, t.operatorPersonId),
    foreignKey({
      name: "external_accounts_operator_fk",
      columns: [t.agencyId, t.operatorPersonId],
      foreignColumns: [people.agencyId, people.id],
    }),
  ],
);

/**
 * The two-Official-Accounts-per-ID cap (design.md §4.2), declarative: an account takes
 * slot 1, else slot 2 (INSERT … ON CONFLICT DO NOTHING), else it is refused.
 */
export const idSlots = pgTable(
  "id_slots",
  {
    agencyId: uuid("agency_id").notNull(),
    operatorIdHmac: bytea("operator_id_hmac").notNull(),
    slot: smallint("slot").notNull(),
    officialAccountId: uuid("official_account_id"),
    externalAccountId: uuid("external_account_id"),
    takenAt: tstz("taken_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.operatorIdHmac, t.slot] }),
    uniqueIndex("id_slots_official_account_key").on(t.officialAccountId),
    uniqueIndex("id_slots_external_account_key").on(t.externalAccountId),
    foreignKey({
      name: "id_slots_official_account_fk",
      columns: [t.agencyId, t.officialAccountId],
      foreignColumns: [officialAccounts.agencyId, officialAccounts.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "id_slots_external_account_fk",
      columns: [t.agencyId, t.externalAccountId],
      foreignColumns: [externalAccounts.agencyId, externalAccounts.id],
    }).onDelete("cascade"),
    check("id_slots_slot", sql`${t.slot} in (1, 2)`),
    check("id_slots_one_holder", sql`num_nonnulls(${t.officialAccountId}, ${t.externalAccountId}) = 1`),
  ],
);

export const registrationEvents = pgTable(
  "registration_events",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    registrationId: uuid("registration_id").notNull(),
    fromStage: stageEnum("from_stage"),
    toStage: stageEnum("to_stage").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    at: tstz("at").notNull(),
    note: text("note"),
  },
  (t) => [
    // Both also INCLUDE (to_stage, client_company_id …) in the migration (0027), so the
    // dashboard's lookups are index-only scans under row-level security.
    index("registration_events_registration_idx").on(t.agencyId, t.registrationId, t.at, t.id),
    index("registration_events_stage_idx").on(t.agencyId, t.toStage, t.at),
    index("registration_events_at_idx").on(t.agencyId, t.at),
    foreignKey({
      name: "registration_events_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
  ],
);

export const documentRequests = pgTable(
  "document_requests",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    registrationId: uuid("registration_id"),
    kinds: documentKindEnum("kinds").array().notNull(),
    dueOn: date("due_on"),
    message: text("message"),
    status: text("status", { enum: ["open", "fulfilled", "cancelled"] }).notNull().default("open"),
    requestedBy: uuid("requested_by").references(() => users.id),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    unique("document_requests_agency_id_key").on(t.agencyId, t.id),
    index("document_requests_company_idx").on(t.agencyId, t.clientCompanyId, t.status, t.dueOn),
    foreignKey({
      name: "document_requests_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
    check("document_requests_status", sql`${t.status} in ('open', 'fulfilled', 'cancelled')`),
    check("document_requests_kinds_not_empty", sql`cardinality(${t.kinds}) > 0`),
  ],
);

export const documentRequestComments = pgTable(
  "document_request_comments",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    documentRequestId: uuid("document_request_id").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    index("document_request_comments_request_idx").on(t.agencyId, t.documentRequestId, t.createdAt),
    foreignKey({
      name: "document_request_comments_request_fk",
      columns: [t.agencyId, t.documentRequestId],
      foreignColumns: [documentRequests.agencyId, documentRequests.id],
    }).onDelete("cascade"),
  ],
);

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    /** The company it belongs to, or for a person's ID photo, the company that asked. */
    clientCompanyId: uuid("client_company_id").notNull(),
    personId: uuid("person_id"),
    documentRequestId: uuid("document_request_id"),
    kind: documentKindEnum("kind").notNull(),
    status: documentStatusEnum("status").notNull().default("requested"),
    signed: boolean("signed").notNull().default(false),
    chopped: boolean("chopped").notNull().default(false),
    colourScan: boolean("colour_scan").notNull().default(false),
    expiresOn: date("expires_on"),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    unique("documents_agency_id_key").on(t.agencyId, t.id),
    unique("documents_id_company_key").on(t.id, t.clientCompanyId),
    index("documents_company_idx").on(t.agencyId, t.clientCompanyId, t.kind),
    index("documents_review_queue_idx").on(t.agencyId, t.status, t.updatedAt),
    foreignKey({
      name: "documents_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
    foreignKey({ name: "documents_person_fk", columns: [t.agencyId, t.personId], foreignColumns: [people.agencyId, people.id] }),
    foreignKey({
      name: "documents_request_fk",
      columns: [t.agencyId, t.documentRequestId],
      foreignColumns: [documentRequests.agencyId, documentRequests.id],
    }),
  ],
);

/** A document may serve several registrations: one licence for an OA and a WeCom corp. */
export const documentRegistrations = pgTable(
  "document_registrations",
  {
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    documentId: uuid("document_id").notNull(),
    registrationId: uuid("registration_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.registrationId] }),
    index("document_registrations_registration_idx").on(t.agencyId, t.registrationId),
    foreignKey({
      name: "document_registrations_document_fk",
      columns: [t.documentId, t.clientCompanyId],
      foreignColumns: [documents.id, documents.clientCompanyId],
    }).onDelete("cascade"),
    foreignKey({
      name: "document_registrations_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
  ],
);

/** Append-only: every upload is a new version; nothing is overwritten. */
export const documentVersions = pgTable(
  "document_versions",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    documentId: uuid("document_id").notNull(),
    s3Key: text("s3_key").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: bytea("sha256").notNull(),
    etag: text("etag").notNull(),
    detectedType: text("detected_type").notNull(),
    originalName: text("original_name").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: tstz("uploaded_at").notNull(),
  },
  (t) => [
    unique("document_versions_agency_id_key").on(t.agencyId, t.id),
    uniqueIndex("document_versions_s3_key").on(t.s3Key),
    index("document_versions_document_idx").on(t.agencyId, t.documentId, t.uploadedAt),
    foreignKey({
      name: "document_versions_document_fk",
      columns: [t.documentId, t.clientCompanyId],
      foreignColumns: [documents.id, documents.clientCompanyId],
    }),
    check("document_versions_size", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 20971520`),
  ],
);

/** Append-only: approve or reject (with a reason) per version. */
export const documentReviews = pgTable(
  "document_reviews",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    documentVersionId: uuid("document_version_id").notNull(),
    decision: reviewDecisionEnum("decision").notNull(),
    reason: text("reason"),
    reviewerUserId: uuid("reviewer_user_id").references(() => users.id),
    at: tstz("at").notNull(),
  },
  (t) => [
    index("document_reviews_version_idx").on(t.agencyId, t.documentVersionId, t.at),
    // The dashboard's rejection rate and turnaround read reviews by time.
    index("document_reviews_at_idx").on(t.agencyId, t.at),
    foreignKey({
      name: "document_reviews_version_fk",
      columns: [t.agencyId, t.documentVersionId],
      foreignColumns: [documentVersions.agencyId, documentVersions.id],
    }),
    check("document_reviews_reject_has_reason", sql`${t.decision} = 'approve' or length(trim(${t.reason})) > 0`),
  ],
);

/**
 * Append-only: a version whose object no longer matches the size or ETag stored at upload
 * (new bytes written behind the app's back). It is never served again (design.md §6).
 */
export const documentQuarantines = pgTable(
  "document_quarantines",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    documentVersionId: uuid("document_version_id").notNull(),
    /** size_mismatch, etag_mismatch or missing (the object is gone). */
    reason: text("reason", { enum: ["size_mismatch", "etag_mismatch", "missing"] }).notNull(),
    /** What the HEAD saw: { sizeBytes, etag } or null when the object is gone. */
    observed: jsonb("observed"),
    /** download (caught before a presigned GET) or reconciliation (the worker's job). */
    detectedBy: text("detected_by", { enum: ["download", "reconciliation"] }).notNull(),
    at: tstz("at").notNull(),
  },
  (t) => [
    uniqueIndex("document_quarantines_version_key").on(t.agencyId, t.documentVersionId),
    foreignKey({
      name: "document_quarantines_version_fk",
      columns: [t.agencyId, t.documentVersionId],
      foreignColumns: [documentVersions.agencyId, documentVersions.id],
    }),
    check("document_quarantines_reason", sql`${t.reason} in ('size_mismatch', 'etag_mismatch', 'missing')`),
    check("document_quarantines_detected_by", sql`${t.detectedBy} in ('download', 'reconciliation')`),
  ],
);

/**
 * Append-only: one run of the storage reconciliation (issue 8 §6) for one agency: what was
 * compared and every finding (objects without rows, rows without objects, size or ETag
 * mismatches, objects under a company's key that no intent put there). Staff-only.
 */
export const storageReconciliations = pgTable(
  "storage_reconciliations",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    startedAt: tstz("started_at").notNull(),
    finishedAt: tstz("finished_at").notNull(),
    objectsScanned: integer("objects_scanned").notNull(),
    versionsChecked: integer("versions_checked").notNull(),
    stagingDeleted: integer("staging_deleted").notNull().default(0),
    /** [{ kind, key, versionId?, detail? }] */
    findings: jsonb("findings").notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index("storage_reconciliations_agency_idx").on(t.agencyId, t.startedAt)],
);

/**
 * One upload's journey (design.md §6): the intent a client or staff member declares
 * (kind, size, type, name) under an Idempotency-Key, the staging key its presigned POST
 * writes to, and once completed the answer of complete, kept so a repeated call answers
 * the same. The version id is chosen up front: the final key is then fixed, and two
 * completes racing for one intent copy to the same key and insert one version.
 */
export const uploadIntents = pgTable(
  "upload_intents",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    /** The document the bytes become a version of: an existing one, or the one complete creates. */
    documentId: uuid("document_id").notNull(),
    versionId: uuid("version_id").notNull(),
    /** For a new document: its kind, person and request, and the registrations it serves. */
    kind: documentKindEnum("kind").notNull(),
    personId: uuid("person_id"),
    documentRequestId: uuid("document_request_id"),
    registrationIds: uuid("registration_ids").array().notNull().default(sql`'{}'::uuid[]`),
    idempotencyKey: text("idempotency_key").notNull(),
    /** sha256 of the canonical request body: the same key with another body is refused. */
    requestHash: bytea("request_hash").notNull(),
    stagingKey: text("staging_key").notNull(),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    declaredType: text("declared_type").notNull(),
    originalName: text("original_name").notNull(),
    status: text("status", { enum: ["pending", "completed", "refused", "expired"] }).notNull().default("pending"),
    refusalReason: text("refusal_reason"),
    /** The answer of complete (completed) or its refusal (refused, expired), answered again on a repeat. */
    result: jsonb("result"),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    createdAt: tstz("created_at").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    completedAt: tstz("completed_at"),
  },
  (t) => [
    unique("upload_intents_idempotency_key").on(t.agencyId, t.createdBy, t.idempotencyKey),
    uniqueIndex("upload_intents_staging_key").on(t.stagingKey),
    // The worker's sweep of staging objects never completed (issue 8 §6).
    index("upload_intents_pending_idx").on(t.agencyId, t.expiresAt).where(sql`${t.status} = 'pending'`),
    foreignKey({
      name: "upload_intents_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
    check("upload_intents_status", sql`${t.status} in ('pending', 'completed', 'refused', 'expired')`),
    check("upload_intents_declared_size", sql`${t.declaredSize} > 0 and ${t.declaredSize} <= 20971520`),
    check("upload_intents_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 255`),
  ],
);

/** Append-only (triggers refuse UPDATE, DELETE and TRUNCATE, even for the owner). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: uuid("target_id"),
    data: jsonb("data").notNull().default({}),
    requestId: text("request_id"),
    at: tstz("at").notNull(),
  },
  (t) => [
    index("audit_events_agency_at_idx").on(t.agencyId, t.at),
    index("audit_events_target_idx").on(t.agencyId, t.targetType, t.targetId),
  ],
);

/** Internal notes: staff only, never shown to client administrators. */
export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    registrationId: uuid("registration_id"),
    authorUserId: uuid("author_user_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    index("notes_company_idx").on(t.agencyId, t.clientCompanyId, t.createdAt),
    foreignKey({
      name: "notes_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    data: jsonb("data").notNull().default({}),
    createdAt: tstz("created_at").notNull(),
    readAt: tstz("read_at"),
    /** The reminder this notification tells of: one per reminder and user. */
    reminderId: uuid("reminder_id"),
  },
  (t) => [
    index("notifications_user_idx").on(t.agencyId, t.userId, t.createdAt),
    // The bell's unread count.
    index("notifications_unread_idx").on(t.agencyId, t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_reminder_key").on(t.reminderId, t.userId).where(sql`${t.reminderId} is not null`),
  ],
);

/** What a reminder is about (lib/reminders/kinds.ts). */
export const reminderKinds = [
  "activation_link_due",
  "activation_link_overdue",
  "subject_check_due",
  "subject_check_overdue",
  "review_overdue",
  "follow_up_due",
  "wecom_verification_overdue",
  "verification_expiring",
  "verification_expired",
  "document_request_due",
  "document_request_overdue",
  "weekly_digest",
] as const;

/**
 * One row per deadline reminded of (issue 9 §3): `key` names the deadline (the card and its
 * due time, the account and its expiry threshold, the request and its due date, the ISO week
 * of a digest), so a sweep that runs twice finds it and sends nothing. Its notifications and
 * e-mails are written in the transaction that inserts it (exactly once); the WeCom robot is
 * called after that commit and its outcome recorded here (at most once: never retried).
 */
export const reminders = pgTable(
  "reminders",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    kind: text("kind", { enum: reminderKinds }).notNull(),
    key: text("key").notNull(),
    clientCompanyId: uuid("client_company_id"),
    registrationId: uuid("registration_id"),
    documentRequestId: uuid("document_request_id"),
    /** The deadline (or expiry) the reminder is about. */
    dueAt: tstz("due_at"),
    data: jsonb("data").notNull().default({}),
    sentAt: tstz("sent_at").notNull(),
    /** The WeCom robot: null when none was to be called; else sent or failed, never retried. */
    robotStatus: text("robot_status", { enum: ["sent", "failed"] }),
    robotAt: tstz("robot_at"),
    robotError: text("robot_error"),
  },
  (t) => [
    uniqueIndex("reminders_key").on(t.agencyId, t.key),
    index("reminders_sent_idx").on(t.agencyId, t.sentAt),
    check("reminders_kind", sql`${t.kind} in (${sql.raw(reminderKinds.map((k) => `'${k}'`).join(", "))})`),
    check("reminders_robot_status", sql`${t.robotStatus} is null or ${t.robotStatus} in ('sent', 'failed')`),
  ],
);

/** The reminder topics a user can turn off per channel (lib/reminders/preferences.ts). */
export const notificationTopics = ["registration_deadlines", "verification_expiry", "document_requests", "weekly_digest"] as const;

/**
 * What reaches a user, per agency and topic (issue 9 §3): in the app (the bell) and by
 * e-mail. No row: both on. Each user changes only their own.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    topic: text("topic", { enum: notificationTopics }).notNull(),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(true),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.userId, t.topic] }),
    check("notification_preferences_topic", sql`${t.topic} in (${sql.raw(notificationTopics.map((k) => `'${k}'`).join(", "))})`),
  ],
);

/** The PRC working calendar per agency: public holidays and make-up working days (调休). */
export const holidays = pgTable(
  "holidays",
  {
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    date: date("date").notNull(),
    kind: holidayKindEnum("kind").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.date] })],
);

/** Append-only record that a person's ID data and documents were destroyed (design.md §3). */
export const erasures = pgTable(
  "erasures",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    personId: uuid("person_id").notNull(),
    erasedBy: uuid("erased_by").references(() => users.id),
    objectsDeleted: integer("objects_deleted").notNull(),
    at: tstz("at").notNull(),
  },
  (t) => [index("erasures_agency_idx").on(t.agencyId, t.at)],
);

/**
 * A member's saved views of a staff list (issue 6 §4): a name and the list's query string
 * (filters, sort, search, columns, page size; never a keyset cursor), at most one of them
 * the default that opens with the list. Personal: the RESTRICTIVE own_saved_views policy
 * (0016 migration) shows each user only their own, whatever their role.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    list: text("list").notNull(),
    name: text("name").notNull(),
    query: text("query").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    check("saved_views_list_check", sql`${t.list} in ('clients', 'people', 'accounts')`),
    check("saved_views_name_check", sql`${t.name} = btrim(${t.name}) and char_length(${t.name}) between 1 and 60`),
    check("saved_views_query_check", sql`char_length(${t.query}) <= 2000 and left(${t.query}, 1) not in ('?', '#', '&')`),
    // Names are told apart regardless of case: "Mine" and "mine" would look like one view in the menu.
    uniqueIndex("saved_views_name_key").on(t.agencyId, t.userId, t.list, sql`lower(${t.name})`),
    uniqueIndex("saved_views_default_key").on(t.agencyId, t.userId, t.list).where(sql`${t.isDefault}`),
  ],
);

/**
 * A client's team: staff working on it besides its assignee (issue 6 §5). With the agency's
 * restrict_staff_to_assigned on, a staff member sees a client only as its assignee or on
 * its team (the assigned_scope policies, ADR 0010).
 */
export const clientCompanyMembers = pgTable(
  "client_company_members",
  {
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    addedBy: uuid("added_by").references(() => users.id),
    addedAt: tstz("added_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientCompanyId, t.userId] }),
    // A restricted staff member's companies: read once per statement by weidesk_restricted_companies().
    index("client_company_members_user_idx").on(t.agencyId, t.userId),
    foreignKey({
      name: "client_company_members_company_fk",
      columns: [t.agencyId, t.clientCompanyId],
      foreignColumns: [clientCompanies.agencyId, clientCompanies.id],
    }).onDelete("cascade"),
  ],
);

/*
 * The dashboard's summary rows (issue 9 §2, ADR 0020): kept by triggers in the same
 * transaction as every change they summarise (migration 0028), read by
 * lib/dashboard/queries.ts, never written by the app. Durations are whole microseconds,
 * so sums stay exact when a change takes a contribution away.
 */

/** One row per registration that has entered its pipeline's final stage: its cycle time. */
export const registrationCompletions = pgTable(
  "registration_completions",
  {
    registrationId: uuid("registration_id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    /** Its first entry into intake (its created_at without one). */
    startedAt: tstz("started_at").notNull(),
    /** Its first entry into the final stage. */
    completedAt: tstz("completed_at").notNull(),
    totalUs: bigint("total_us", { mode: "number" }).notNull(),
    holdUs: bigint("hold_us", { mode: "number" }).notNull(),
  },
  (t) => [
    // Also INCLUDE (pipeline, assignee_user_id, total_us, hold_us) in the migration: index-only reads.
    index("registration_completions_at_idx").on(t.agencyId, t.completedAt),
    foreignKey({
      name: "registration_completions_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
  ],
);

/** Stays in a stage that ended on `day` (the agency's calendar), per pipeline, stage and the card's assignee. */
export const stageTimeDaily = pgTable(
  "stage_time_daily",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    day: date("day", { mode: "string" }).notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    stage: stageEnum("stage").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    stays: integer("stays").notNull(),
    stayUs: bigint("stay_us", { mode: "number" }).notNull(),
  },
  (t) => [unique("stage_time_daily_key").on(t.agencyId, t.day, t.pipeline, t.stage, t.assigneeUserId).nullsNotDistinct()],
);

/** Cards per pipeline, stage and assignee: the funnel and open work. */
export const registrationCounts = pgTable(
  "registration_counts",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    pipeline: pipelineEnum("pipeline").notNull(),
    stage: stageEnum("stage").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    cards: integer("cards").notNull(),
  },
  (t) => [unique("registration_counts_key").on(t.agencyId, t.pipeline, t.stage, t.assigneeUserId).nullsNotDistinct()],
);

/** Per day (the agency's calendar): first reviews of uploaded versions, and documents first approved for a request. */
export const documentDaily = pgTable(
  "document_daily",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    day: date("day", { mode: "string" }).notNull(),
    reviewed: integer("reviewed").notNull(),
    rejected: integer("rejected").notNull(),
    approved: integer("approved").notNull(),
    turnaroundUs: bigint("turnaround_us", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/** An agency's ID slots in use, and the people holding one and two of them. */
export const idSlotTotals = pgTable("id_slot_totals", {
  agencyId: uuid("agency_id")
    .primaryKey()
    .references(() => agencies.id),
  slots: integer("slots").notNull(),
  peopleWithOne: integer("people_with_one").notNull(),
  peopleAtCap: integer("people_at_cap").notNull(),
});

/**
 * The verified and expired WeChat verifications of cards (an Official Account's or a WeCom
 * corp's), with the card's pipeline and assignee: the dashboard's expiry counts under its
 * filters. `sortAt` is the expiry, or -infinity when expired, so one range finds both.
 */
export const verificationExpiries = pgTable(
  "verification_expiries",
  {
    registrationId: uuid("registration_id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    clientCompanyId: uuid("client_company_id").notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    expired: boolean("expired").notNull(),
    expiresAt: tstz("expires_at"),
    sortAt: tstz("sort_at").notNull(),
  },
  (t) => [
    // Also INCLUDE (pipeline, assignee_user_id, expired, expires_at, client_company_id) in the migration.
    index("verification_expiries_sort_idx").on(t.agencyId, t.sortAt),
    foreignKey({
      name: "verification_expiries_registration_fk",
      columns: [t.registrationId, t.clientCompanyId],
      foreignColumns: [registrations.id, registrations.clientCompanyId],
    }).onDelete("cascade"),
  ],
);

/**
 * Active cards with a due date, per UTC day of it, pipeline and assignee: the deadlines'
 * whole days (the partial days at the edges are read from registrations_active_due_idx).
 */
export const registrationDueDays = pgTable(
  "registration_due_days",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    dueDay: date("due_day", { mode: "string" }).notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    cards: integer("cards").notNull(),
  },
  (t) => [unique("registration_due_days_key").on(t.agencyId, t.dueDay, t.pipeline, t.assigneeUserId).nullsNotDistinct()],
);

/** Registrations first completed on `day` (the agency's calendar), per pipeline and assignee: the throughput. */
export const completionDaily = pgTable(
  "completion_daily",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    day: date("day", { mode: "string" }).notNull(),
    pipeline: pipelineEnum("pipeline").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    completed: integer("completed").notNull(),
  },
  (t) => [unique("completion_daily_key").on(t.agencyId, t.day, t.pipeline, t.assigneeUserId).nullsNotDistinct()],
);
