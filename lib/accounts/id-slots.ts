/**
 * The two-Official-Accounts-per-ID cap (design.md §4.2), held by the database: an
 * account takes slot 1, else slot 2, else it is refused. The unique key on
 * (agency_id, operator_id_hmac, slot) makes this safe under any concurrency: a second
 * taker of the same slot waits for the first to commit, then moves on to the next.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/tenant";
import { AppError } from "@/lib/errors";

export type SlotHolder = { officialAccountId: string } | { externalAccountId: string };

export const SLOTS_PER_ID = [1, 2] as const;

/** Takes a free slot for `holder` inside the caller's transaction; returns its number. */
export async function takeIdSlot(
  tx: Tx,
  input: { agencyId: string; operatorIdHmac: Buffer; holder: SlotHolder; at: Date },
): Promise<1 | 2> {
  const officialAccountId = "officialAccountId" in input.holder ? input.holder.officialAccountId : null;
  const externalAccountId = "externalAccountId" in input.holder ? input.holder.externalAccountId : null;
  for (const slot of SLOTS_PER_ID) {
    const { rows } = await tx.execute(sql`
      insert into id_slots (agency_id, operator_id_hmac, slot, official_account_id, external_account_id, taken_at)
      values (${input.agencyId}, ${input.operatorIdHmac}, ${slot}, ${officialAccountId}, ${externalAccountId}, ${input.at})
      on conflict (agency_id, operator_id_hmac, slot) do nothing
      returning slot`);
    if (rows.length > 0) return slot;
  }
  const { rows: holders } = await tx.execute<{ official_account_id: string | null; external_account_id: string | null }>(sql`
    select official_account_id, external_account_id from id_slots
    where agency_id = ${input.agencyId} and operator_id_hmac = ${input.operatorIdHmac}
    order by slot`);
  throw new AppError("ID_CAP_REACHED", "This ID already operates two Official Accounts.", {
    holders: holders.map((h) => h.official_account_id ?? h.external_account_id),
  });
}
