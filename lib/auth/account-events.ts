/**
 * Changes to a user's own account (password, second factor, sign-in links) happen
 * before or outside any tenant: they run in a transaction that sets only app.user_id,
 * which the SECURITY DEFINER functions of 0008_sessions.sql read to know whose account
 * it is. Each writes its audit event into every agency the user belongs to
 * (weidesk_audit_account_event), in the same transaction.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";

/** The account events this module writes (the sign-out one is lib/auth/sessions.ts's). */
export type AccountEvent =
  | "password.change"
  | "password.reset"
  | "totp.enable"
  | "totp.disable"
  | "totp.recovery_code_used"
  | "session.sign_in_link";

/** Runs `work` in one transaction as weidesk_app with app.user_id = `userId` (no tenant). */
export function asUser<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    return work(tx);
  });
}

/** Records `action` for app.user_id in each of their agencies, inside `tx`. Never a secret in `data`. */
export async function recordAccountEvent(
  tx: Pick<Tx, "execute">,
  action: AccountEvent,
  requestId: string | null | undefined,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.execute(
    sql`select weidesk_audit_account_event(${action}, ${JSON.stringify(data)}::jsonb, ${requestId ?? null}, ${clock.now()})`,
  );
}
