/**
 * Ending sessions (issue 5): a session is a JWT that carries the session version it was
 * issued under; bumping the user's version in the database ends every session of theirs
 * on its next request (lib/auth/session.ts checks each request). Each end is audited.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";

/** Sign-out: ends every session of the signed-in user, and records it in each of their agencies. */
export async function endMySessions(userId: string, requestId: string | null, reason: "sign_out" = "sign_out"): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    await tx.execute(sql`select weidesk_end_my_sessions()`);
    await tx.execute(
      sql`select weidesk_audit_account_event(${`session.${reason}`}, ${JSON.stringify({})}::jsonb, ${requestId}, ${clock.now()})`,
    );
  });
}

/**
 * Ends every session of a member of the current agency (disabled, removed, new role),
 * inside the caller's tenant transaction, so it happens exactly when the change commits.
 */
export async function endMemberSessions(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select weidesk_end_member_sessions(${userId})`);
}
