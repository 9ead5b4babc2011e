/**
 * The two-per-ID cap under a real race (design.md §8): 50 concurrent takers on 50
 * separate connections for one ID → exactly 2 win, 48 are refused with ID_CAP_REACHED,
 * and nothing else goes wrong (no deadlock, no other error).
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlForRole } from "@/db/roles";
import { withTenant, type Tx } from "@/db/tenant";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { takeIdSlot } from "./id-slots";

let admin: pg.Client;
let agency: AgencyFixture;
const operatorIdHmac = createHash("sha256").update(`race-${newId()}`).digest();
const externalIds = Array.from({ length: 50 }, () => newId());

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await makeAgencyWithEveryTable(admin, "race");
  for (const id of externalIds) {
    await admin.query(
      `insert into external_accounts (id, agency_id, operator_person_id, name, created_at) values ($1, $2, $3, 'x', now())`,
      [id, agency.agencyId, agency.personId],
    );
  }
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("takeIdSlot", () => {
  it("lets exactly 2 of 50 concurrent takers through, each on its own connection", async () => {
    const results = await Promise.allSettled(
      externalIds.map(async (externalAccountId) => {
        // One connection per taker, as 50 separate requests would have.
        const client = new pg.Client({
          connectionString: urlForRole(workerDatabaseUrl(), "weidesk_app", process.env.DATABASE_ROLE_PASSWORD),
        });
        await client.connect();
        try {
          return await drizzle(client).transaction(async (tx) => {
            await tx.execute(sql`select weidesk_enter_tenant(${agency.agencyId}, '', '')`);
            return takeIdSlot(tx as unknown as Tx, {
              agencyId: agency.agencyId,
              operatorIdHmac,
              holder: { externalAccountId },
              at: new Date(),
            });
          });
        } finally {
          await client.end();
        }
      }),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "ID_CAP_REACHED",
    );
    expect(won.map((r) => (r as PromiseFulfilledResult<number>).value).sort()).toEqual([1, 2]);
    expect(refused).toHaveLength(48);
    const { rows } = await admin.query(`select count(*)::int as n from id_slots where operator_id_hmac = $1`, [operatorIdHmac]);
    expect(rows[0].n).toBe(2);
  });

  it("works through withTenant, and names the holders when refusing", async () => {
    const hmac = createHash("sha256").update(`holders-${newId()}`).digest();
    const fresh = [newId(), newId(), newId()];
    for (const id of fresh) {
      await admin.query(
        `insert into external_accounts (id, agency_id, operator_person_id, name, created_at) values ($1, $2, $3, 'y', now())`,
        [id, agency.agencyId, agency.personId],
      );
    }
    const take = (externalAccountId: string) =>
      withTenant({ agencyId: agency.agencyId, userId: agency.userId }, (tx) =>
        takeIdSlot(tx, { agencyId: agency.agencyId, operatorIdHmac: hmac, holder: { externalAccountId }, at: new Date() }),
      );
    expect(await take(fresh[0]!)).toBe(1);
    expect(await take(fresh[1]!)).toBe(2);
    await expect(take(fresh[2]!)).rejects.toMatchObject({
      code: "ID_CAP_REACHED",
      details: { holders: [fresh[0], fresh[1]] },
    });
  });
});
