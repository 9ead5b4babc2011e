/**
 * Who calls the JSON API: `Authorization: Bearer wdk_…` and nothing else. Cookies are
 * never read here, so a browser's session cannot be ridden across sites (no CSRF) and
 * the Origin check of cookie-authenticated writes does not apply (design.md §7).
 *
 * The token's hash is looked up through the weidesk_api_token_by_hash SECURITY DEFINER
 * function (the tenant is not known yet); then, inside that tenant, one query reads the
 * agency (not deleted), the user's ACTIVE membership with its current role and the
 * user, and the token is stamped as used. Anything wrong is the same UNAUTHENTICATED,
 * whatever it was: no hint whether a token exists, expired or belongs to someone gone.
 */
import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { agencies, clientCompanies, memberships, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { getAgencyBySlug, type AgencySummary } from "@/lib/agencies/queries";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { isStaffRole } from "@/lib/rbac/permissions";
import { hashApiToken, isApiTokenShape, markApiTokenUsed } from "./tokens";

/** A member acting through the API: what the services take (MembershipContext), and the token used. */
export type ApiActor = Pick<MembershipContext, "user" | "agency" | "role" | "membershipId" | "clientCompany"> & {
  /** The token of this request; null for the CLI, which acts as the member directly. */
  tokenId: string | null;
};

/** The catalogue key of the 401's text. */
export const UNAUTHENTICATED_MESSAGE = "apiTokens.api.unauthenticated";

function unauthenticated(reason: string, tokenPresented: boolean): AppError {
  return new AppError("UNAUTHENTICATED", `API token refused: ${reason}`, {
    messageKey: UNAUTHENTICATED_MESSAGE,
    tokenPresented,
  });
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The bearer token of a request's headers, or null (none, or another scheme). */
export function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  return header ? (BEARER.exec(header)?.[1] ?? null) : null;
}

type TokenRow = { id: string; agency_id: string; user_id: string; expires_at: Date | null; revoked_at: Date | null };

/**
 * The member behind the request's bearer token, stamping the token as used.
 * Throws UNAUTHENTICATED (details.tokenPresented says whether one was sent) otherwise.
 */
export async function authenticateBearer(headers: Headers): Promise<ApiActor> {
  const hasAuthorization = headers.has("authorization");
  const token = bearerToken(headers);
  if (!token) throw unauthenticated(hasAuthorization ? "not a bearer credential" : "no credential", hasAuthorization);
  if (!isApiTokenShape(token)) throw unauthenticated("not a Weidesk token", true);

  const { rows } = await db().execute<TokenRow>(
    sql`select id, agency_id, user_id, expires_at, revoked_at from weidesk_api_token_by_hash(${hashApiToken(token)})`,
  );
  const row = rows[0];
  const now = clock.now();
  if (!row) throw unauthenticated("unknown token", true);
  if (row.revoked_at) throw unauthenticated("revoked", true);
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) throw unauthenticated("expired", true);

  const actor = await withTenant({ agencyId: row.agency_id, userId: row.user_id }, async (tx) => {
    const member = await findMember(tx, row.agency_id, eq(memberships.userId, row.user_id));
    if (member) await markApiTokenUsed(tx, row.agency_id, row.id, now);
    return member;
  });
  if (!actor) throw unauthenticated("member inactive, agency deleted, or not staff", true);
  return { ...actor, tokenId: row.id };
}

/**
 * The active staff-side member of `agencySlug` with e-mail `email` (any case), as an
 * actor: for the CLI, which acts for a member without a token. NOT_FOUND otherwise.
 */
export async function findMemberActor(agencySlug: string, email: string): Promise<ApiActor> {
  const agency: AgencySummary | null = await getAgencyBySlug(agencySlug);
  if (!agency) throw new AppError("NOT_FOUND", `no agency ${agencySlug}`);
  const member = await withTenant({ agencyId: agency.id, userId: null, readOnly: true }, (tx) =>
    findMember(tx, agency.id, sql`lower(${users.email}) = lower(${email})`),
  );
  if (!member) throw new AppError("NOT_FOUND", `no active staff member ${email} in ${agencySlug}`);
  return { ...member, tokenId: null };
}

/** One query: the agency (not deleted), the active membership matching `who`, and its user. */
async function findMember(tx: Tx, agencyId: string, who: SQL): Promise<Omit<ApiActor, "tokenId"> | null> {
  const [row] = await tx
    .select({
      agency: {
        id: agencies.id,
        slug: agencies.slug,
        name: agencies.name,
        defaultLocale: agencies.defaultLocale,
        timeZone: agencies.timeZone,
        requireTotpForAdmins: agencies.requireTotpForAdmins,
      },
      membershipId: memberships.id,
      role: memberships.role,
      clientCompanyId: memberships.clientCompanyId,
      legalNameZh: clientCompanies.legalNameZh,
      nameEn: clientCompanies.nameEn,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        emailVerifiedAt: users.emailVerifiedAt,
        totpEnabledAt: users.totpEnabledAt,
      },
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      clientCompanies,
      and(eq(clientCompanies.agencyId, memberships.agencyId), eq(clientCompanies.id, memberships.clientCompanyId)),
    )
    .where(and(eq(memberships.agencyId, agencyId), who, eq(memberships.status, "active"), isNull(agencies.deletedAt)))
    .limit(1);
  // Client administrators have no tokens; one whose role changed to it loses the API.
  if (!row || !isStaffRole(row.role)) return null;
  const { emailVerifiedAt, totpEnabledAt, locale, ...user } = row.user;
  const agency: AgencySummary = row.agency;
  // The agency's rule for the app holds for its API too: owners and admins only with a second factor.
  if (agency.requireTotpForAdmins && (row.role === "owner" || row.role === "admin") && totpEnabledAt === null) return null;
  return {
    agency,
    user: {
      ...user,
      locale: isLocale(locale) ? locale : null,
      emailVerified: emailVerifiedAt !== null,
      totpEnabled: totpEnabledAt !== null,
    },
    membershipId: row.membershipId,
    role: row.role,
    clientCompany: row.clientCompanyId
      ? { id: row.clientCompanyId, legalNameZh: row.legalNameZh, nameEn: row.nameEn }
      : null,
  };
}
