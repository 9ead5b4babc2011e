/**
 * API tokens (issue 5 §5): a member's key to the JSON API under /api/v1. The token is
 * `wdk_` and 32 random bytes in base64url, shown once when it is made; the table keeps
 * only the SHA-256 of the whole string (the scheme of lib/auth/tokens.ts). The prefix
 * makes a leaked token recognisable to secret scanners and to people.
 *
 * A token acts as its member with the member's CURRENT role (lib/api/auth.ts reads it on
 * every request), so a role change applies at once and a disabled member's tokens stop.
 * Every staff-side role manages its own tokens ("api-token:manage"); owners and admins
 * ("member:manage") also see and revoke everyone's. Client administrators have none.
 * Each write is one transaction inside the tenant with its audit event.
 */
import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { hashLinkToken, newLinkToken, type LinkToken } from "@/lib/auth/tokens";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan, can } from "@/lib/rbac/permissions";
import { API_TOKEN_MESSAGES, createApiTokenSchema, type CreateApiTokenInput } from "./token-schemas";

export const API_TOKEN_PREFIX = "wdk_";
const TOKEN_SHAPE = /^wdk_[A-Za-z0-9_-]{43}$/;

/** A new token and the hash the table keeps. */
export function newApiToken(): LinkToken {
  const token = `${API_TOKEN_PREFIX}${newLinkToken().token}`;
  return { token, hash: hashApiToken(token) };
}

/** The SHA-256 of the whole token, prefix included. */
export function hashApiToken(token: string): Buffer {
  return hashLinkToken(token);
}

/** Whether `value` looks like one of our tokens (anything else is refused before the database). */
export function isApiTokenShape(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

type Actor = Pick<MembershipContext, "user" | "agency" | "role" | "membershipId">;

function tenantOf(actor: Actor) {
  return { agencyId: actor.agency.id, userId: actor.user.id };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenRow = {
  id: string;
  name: string;
  /** Whose token it is; name and e-mail are null for someone who left the agency. */
  owner: { userId: string; name: string | null; email: string | null };
  /** The viewer's own token. */
  mine: boolean;
  status: ApiTokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/**
 * The tokens the member may manage, newest first: their own; owners and admins also
 * everyone else's in the agency. Precondition: none (the permission is checked here).
 */
export async function listApiTokens(actor: Actor): Promise<ApiTokenRow[]> {
  assertCan(actor.role, "api-token:manage");
  const everyone = can(actor.role, "member:manage");
  const now = clock.now();
  const rows = await withTenant({ ...tenantOf(actor), readOnly: true }, (tx) =>
    tx
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        userId: apiTokens.userId,
        ownerName: users.name,
        ownerEmail: users.email,
        createdAt: apiTokens.createdAt,
        expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      // Row-level security hides a former member's user row: the owner shows as unknown.
      .leftJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.agencyId, actor.agency.id), everyone ? undefined : eq(apiTokens.userId, actor.user.id)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)),
  );
  return rows.map(({ userId, ownerName, ownerEmail, ...row }) => ({
    ...row,
    owner: { userId, name: ownerName, email: ownerEmail },
    mine: userId === actor.user.id,
    status: statusOf(row, now),
  }));
}

export type CreatedApiToken = { id: string; name: string; expiresAt: Date | null; /** Shown once, never stored. */ token: string };

/**
 * Makes a token for the member acting, `{ name, expiresInDays }` (30, 90, 365 or null
 * for none). Client administrators are refused (FORBIDDEN); bad input is VALIDATION
 * with field message keys.
 */
export async function createApiToken(actor: Actor, raw: unknown): Promise<CreatedApiToken> {
  assertCan(actor.role, "api-token:manage");
  const parsed = createApiTokenSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid API token input", { fields });
  }
  const input: CreateApiTokenInput = parsed.data;
  const now = clock.now();
  const expiresAt = input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const id = newId();
  const { token, hash } = newApiToken();

  await withTenant(tenantOf(actor), async (tx) => {
    await tx.insert(apiTokens).values({
      id,
      agencyId: actor.agency.id,
      userId: actor.user.id,
      name: input.name,
      tokenHash: hash,
      expiresAt,
      createdAt: now,
    });
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "api_token.create",
      targetType: "api_token",
      targetId: id,
      data: { name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
    });
  });
  return { id, name: input.name, expiresAt, token };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes a token at once: the member's own, or, for owners and admins, anyone's in the
 * agency. Another member's token (for anyone else), another agency's or an unknown id:
 * NOT_FOUND. Already revoked: CONFLICT.
 */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
  assertCan(actor.role, "api-token:manage");
  if (!UUID.test(tokenId)) throw new AppError("NOT_FOUND", "API token id is not a UUID");
  const everyone = can(actor.role, "member:manage");
  const now = clock.now();
  await withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ id: apiTokens.id, name: apiTokens.name, userId: apiTokens.userId, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.agencyId, actor.agency.id),
          eq(apiTokens.id, tokenId),
          everyone ? undefined : eq(apiTokens.userId, actor.user.id),
        ),
      )
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", `API token ${tokenId}`);
    if (row.revokedAt) {
      throw new AppError("CONFLICT", `API token ${tokenId} is already revoked`, { messageKey: API_TOKEN_MESSAGES.alreadyRevoked });
    }
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.agencyId, actor.agency.id), eq(apiTokens.id, row.id)));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "api_token.revoke",
      targetType: "api_token",
      targetId: row.id,
      data: { name: row.name, ownerUserId: row.userId },
    });
  });
}

/** How often last_used_at is written: once a minute is enough to answer "is this still used?". */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Stamps a token as used, inside the request's tenant transaction `tx`. Skipped when it
 * was stamped less than a minute ago, so a busy script does not write on every call.
 */
export async function markApiTokenUsed(
  tx: Tx,
  agencyId: string,
  tokenId: string,
  at: Date,
): Promise<void> {
  const threshold = new Date(at.getTime() - LAST_USED_RESOLUTION_MS);
  await tx
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiTokens.agencyId, agencyId),
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, threshold)),
      ),
    );
}
