/**
 * npm run bench's two-per-ID race (design.md §8, domain.md: one resident ID operates at
 * most two Official Accounts): over HTTP against the bench's `next start`, with an API
 * token of a staff member, one person recorded with a fresh resident ID, then 50
 * POST /api/v1/official-accounts naming them as operator, all sent at once. Exactly 2 must
 * be created (201), 48 refused (409 ID_CAP_REACHED), none a 5xx or a network failure.
 * e2e/id-cap.spec.ts holds the same in the tests; this is the figure at the bench's size.
 */
import { randomInt } from "node:crypto";
import type pg from "pg";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import type { actorOf } from "./bench-support";

export type RaceResult = {
  sent: number;
  created: number;
  refused: number;
  serverErrors: number;
  networkFailures: number;
  other: Record<string, number>;
  wallMs: number;
};

type StaffActor = ReturnType<typeof actorOf<"staff">>;

/** An API token for `actor`, made the way the API tokens page makes one. */
async function tokenFor(actor: StaffActor): Promise<string> {
  const { createApiToken } = await import("@/lib/api/tokens");
  const created = await createApiToken(actor as never, { name: `bench race ${Date.now()}`, expiresInDays: 30 });
  return created.token;
}

/** Records a person with a resident ID no one in the agency has; answers their id. */
async function freshOperator(appUrl: string, token: string): Promise<string> {
  const rng = createRng(randomInt(1, 2_147_483_647));
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await fetch(new URL("/api/v1/people", appUrl), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `并发测试${attempt}`, idType: "prc_resident_id", idNumber: generateResidentId({ rng }) }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status === 201 && body.id) return body.id;
    if (response.status !== 409) throw new Error(`POST /api/v1/people answered ${response.status}: ${JSON.stringify(body)}`);
  }
  throw new Error("five generated resident IDs were all taken");
}

/** The race: `count` parallel creations for one fresh operator, each answer counted by status. */
export async function raceForOneId(appUrl: string, owner: pg.Client, agencyId: string, actor: StaffActor, count = 50): Promise<RaceResult> {
  const token = await tokenFor(actor);
  const { rows } = await owner.query<{ id: string }>(
    "select id from client_companies where agency_id = $1 and archived_at is null and kind = 'cn_org' order by id limit 1",
    [agencyId],
  );
  const clientCompanyId = rows[0]?.id;
  if (!clientCompanyId) throw new Error("the bench agency has no mainland organisation (cn_org) among its client companies");
  const operatorPersonId = await freshOperator(appUrl, token);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(new URL("/api/v1/official-accounts", appUrl), {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ clientCompanyId, accountType: "service", operatorPersonId }),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      ),
    ),
  );
  const wallMs = performance.now() - started;
  const other: Record<string, number> = {};
  for (const status of answers) if (status !== 201 && status !== 409 && status < 500 && status !== 0) other[status] = (other[status] ?? 0) + 1;
  return {
    sent: count,
    created: answers.filter((status) => status === 201).length,
    refused: answers.filter((status) => status === 409).length,
    serverErrors: answers.filter((status) => status >= 500).length,
    networkFailures: answers.filter((status) => status === 0).length,
    other,
    wallMs: Math.round(wallMs),
  };
}
