/**
 * The reads sign-in and the per-request session check need. Before a tenant is known
 * they go through the SECURITY DEFINER lookups of 0002_security.sql (the app role can
 * read neither password hashes nor other tenants' rows); the membership itself is read
 * inside the agency's tenant with withTenant, like any other tenant row.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clientCompanies, memberships } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { isLocale, type Locale } from "@/lib/i18n/config";
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

/** The signed-in user's profile and current session version, or null if the user is gone. */
export async function findSessionUser(userId: string): Promise<SessionUser | null> {
  const { rows } = await db().execute<{
    user_id: string;
    email: string;
    name: string;
    locale: string | null;
    session_version: number;
    email_verified: boolean;
    totp_enabled: boolean;
  }>(
    sql`select user_id, email, name, locale, session_version, email_verified, totp_enabled from weidesk_session_lookup(${userId})`,
  );
  const row = rows[0];
  return row
    ? {
        id: row.user_id,
        email: row.email,
        name: row.name,
        locale: isLocale(row.locale) ? row.locale : null,
        sessionVersion: row.session_version,
        emailVerified: row.email_verified,
        totpEnabled: row.totp_enabled,
      }
    : null;
}

/** Stamps the user's last sign-in (the members page shows it). */
export async function recordSignIn(userId: string, at: Date): Promise<void> {
  await db().execute(sql`select weidesk_record_sign_in(${userId}, ${at})`);
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

/**
 * The user's active membership in the agency, read as weidesk_app inside that tenant
 * (read-only), or null: not a member, disabled, or another agency's id.
 */
export async function findActiveMembership(agencyId: string, userId: string): Promise<ActiveMembership | null> {
  const rows = await withTenant({ agencyId, userId, readOnly: true }, (tx) =>
    tx
      .select({
        id: memberships.id,
        role: memberships.role,
        clientCompanyId: memberships.clientCompanyId,
        legalNameZh: clientCompanies.legalNameZh,
        nameEn: clientCompanies.nameEn,
      })
      .from(memberships)
      .leftJoin(
        clientCompanies,
        and(eq(clientCompanies.agencyId, memberships.agencyId), eq(clientCompanies.id, memberships.clientCompanyId)),
      )
      .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId), eq(memberships.status, "active")))
      .limit(1),
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    role: row.role,
    clientCompany: row.clientCompanyId
      ? { id: row.clientCompanyId, legalNameZh: row.legalNameZh, nameEn: row.nameEn }
      : null,
  };
}
