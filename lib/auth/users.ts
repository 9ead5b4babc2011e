/**
 * The reads sign-in and the per-request session check need. Before a tenant is known
 * they go through the SECURITY DEFINER lookups of 0002_security.sql (the app role can
 * read neither password hashes nor other tenants' rows); a page request reads its user
 * and their memberships (with each agency's settings) in one statement,
 * findSessionContext (0030_user_memberships.sql, ADR 0023), and only then opens a tenant.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { AgencySummary } from "@/lib/agencies/queries";
import type { Role } from "@/lib/rbac/roles";

export type StoredCredentials = {
  userId: string;
  passwordHash: string | null;
  sessionVersion: number;
  emailVerified: boolean;
  totpEnabled: boolean;
};

/** The account behind an e-mail (case-insensitive), or null. For sign-in only. */
export async function findCredentials(email: string): Promise<StoredCredentials | null> {
  const { rows } = await db().execute<{
    user_id: string;
    password_hash: string | null;
    session_version: number;
    email_verified: boolean;
    totp_enabled: boolean;
  }>(
    sql`select user_id, password_hash, session_version, email_verified, totp_enabled from weidesk_sign_in_lookup(${email})`,
  );
  const row = rows[0];
  return row
    ? {
        userId: row.user_id,
        passwordHash: row.password_hash,
        sessionVersion: row.session_version,
        emailVerified: row.email_verified,
        totpEnabled: row.totp_enabled,
      }
    : null;
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  sessionVersion: number;
  emailVerified: boolean;
  totpEnabled: boolean;
};

type SessionRow = {
  user_id: string;
  email: string;
  name: string;
  locale: string | null;
  session_version: number;
  email_verified: boolean;
  totp_enabled: boolean;
};

function sessionUserOf(row: SessionRow): SessionUser {
  return {
    id: row.user_id,
    email: row.email,
    name: row.name,
    locale: isLocale(row.locale) ? row.locale : null,
    sessionVersion: row.session_version,
    emailVerified: row.email_verified,
    totpEnabled: row.totp_enabled,
  };
}

/** The signed-in user's profile and current session version, or null if the user is gone. */
export async function findSessionUser(userId: string): Promise<SessionUser | null> {
  const { rows } = await db().execute<SessionRow>(
    sql`select user_id, email, name, locale, session_version, email_verified, totp_enabled from weidesk_session_lookup(${userId})`,
  );
  const row = rows[0];
  return row ? sessionUserOf(row) : null;
}

/** Stamps the user's last sign-in (the members page shows it). */
export async function recordSignIn(userId: string, at: Date): Promise<void> {
  await db().execute(sql`select weidesk_record_sign_in(${userId}, ${at})`);
}

export type UserMembership = {
  agency: AgencySummary;
  membership: ActiveMembership;
};

type MembershipRow = {
  membership_id: string;
  role: Role;
  client_company_id: string | null;
  company_legal_name_zh: string | null;
  company_name_en: string | null;
  agency_id: string;
  slug: string;
  name: string;
  default_locale: AgencySummary["defaultLocale"];
  time_zone: string;
  require_totp_for_admins: boolean;
};

function membershipOf(row: MembershipRow): UserMembership {
  return {
    agency: {
      id: row.agency_id,
      slug: row.slug,
      name: row.name,
      defaultLocale: row.default_locale,
      timeZone: row.time_zone,
      requireTotpForAdmins: row.require_totp_for_admins,
    },
    membership: {
      id: row.membership_id,
      role: row.role,
      clientCompany: row.client_company_id
        ? { id: row.client_company_id, legalNameZh: row.company_legal_name_zh, nameEn: row.company_name_en }
        : null,
    },
  };
}

/** The user's active memberships in agencies not deleted, by agency name, with each agency's settings. */
export async function listUserMemberships(userId: string): Promise<UserMembership[]> {
  const { rows } = await db().execute<MembershipRow>(sql`select * from weidesk_user_memberships(${userId})`);
  return rows.map(membershipOf);
}

export type SessionContext = { user: SessionUser; memberships: UserMembership[] };

/**
 * What a page request needs before any tenant is set, in one statement: the session's
 * user (as findSessionUser) and their active memberships (as listUserMemberships); null
 * if the user is gone. ADR 0023.
 */
export async function findSessionContext(userId: string): Promise<SessionContext | null> {
  const { rows } = await db().execute<SessionRow & { memberships: MembershipRow[] }>(sql`
    select s.user_id, s.email, s.name, s.locale, s.session_version, s.email_verified, s.totp_enabled,
           (select coalesce(json_agg(m), '[]'::json) from weidesk_user_memberships(s.user_id) m) as memberships
    from weidesk_session_lookup(${userId}) s`);
  const row = rows[0];
  return row ? { user: sessionUserOf(row), memberships: row.memberships.map(membershipOf) } : null;
}


export type UserAgency = {
  agencyId: string;
  slug: string;
  name: string;
  role: Role;
  clientCompanyId: string | null;
};

/** The agencies the user is an active member of, by name: the picker and the agency menu. */
export async function listUserAgencies(userId: string): Promise<UserAgency[]> {
  const { rows } = await db().execute<{
    agency_id: string;
    slug: string;
    name: string;
    role: Role;
    client_company_id: string | null;
  }>(sql`select agency_id, slug, name, role, client_company_id from weidesk_user_agencies(${userId})`);
  return rows.map((row) => ({
    agencyId: row.agency_id,
    slug: row.slug,
    name: row.name,
    role: row.role,
    clientCompanyId: row.client_company_id,
  }));
}

export type ActiveMembership = {
  id: string;
  role: Role;
  /** Client administrators only: their one company. */
  clientCompany: { id: string; legalNameZh: string | null; nameEn: string | null } | null;
};
