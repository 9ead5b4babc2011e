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

/** Who holds an ID's slots, as ID_CAP_REACHED's `details.holders`. */
export type IdSlotHolder = { kind: "official_account" | "external_account"; id: string; name: string | null };

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

/**
 * The accounts (in Weidesk or external) of `ids`, named, in that order: what an
 * ID_CAP_REACHED shows. Read in the refused transaction, which is still usable: the
 * refused insert was ON CONFLICT DO NOTHING.
 */
export async function describeSlotHolders(tx: Tx, agencyId: string, ids: string[]): Promise<IdSlotHolder[]> {
  if (ids.length === 0) return [];
  // One uuid[] parameter (drizzle would spread a JS array into a list); the ids come from id_slots.
  const list = `{${ids.join(",")}}`;
  const { rows } = await tx.execute<{ kind: IdSlotHolder["kind"]; id: string; name: string | null }>(sql`
    select 'official_account' as kind, a.id, a.name from official_accounts a
      where a.agency_id = ${agencyId} and a.id = any (${list}::uuid[])
    union all
    select 'external_account' as kind, e.id, e.name from external_accounts e
      where e.agency_id = ${agencyId} and e.id = any (${list}::uuid[])`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? { kind: "official_account", id, name: null });
}

/** takeIdSlot, with a full ID's ID_CAP_REACHED naming its holders (describeSlotHolders). */
export async function takeIdSlotNamingHolders(
  tx: Tx,
  input: { agencyId: string; operatorIdHmac: Buffer; holder: SlotHolder; at: Date },
): Promise<1 | 2> {
  try {
    return await takeIdSlot(tx, input);
  } catch (error) {
    if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
      const ids = ((error.details.holders as (string | null)[] | undefined) ?? []).filter((h): h is string => !!h);
      throw new AppError("ID_CAP_REACHED", error.message, { holders: await describeSlotHolders(tx, input.agencyId, ids) });
    }
    throw error;
  }
}
