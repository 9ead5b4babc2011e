/**
 * The one door to tenant rows (design.md §4.1). Every request runs its reads and
 * writes in one short transaction as weidesk_app that first sets app.agency_id (and
 * app.client_company_id for a client administrator, app.user_id for the user) with
 * set_config(…, true): transaction-local, so a pooled connection carries nothing into
 * the next request. Row-level security does the rest; queries still filter on
 * agency_id so plans use the indexes.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { NodePgTransaction } from "drizzle-orm/node-postgres";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { unavailableOr } from "@/lib/errors";
import { db, workerDb, type Database } from "./client";
import type * as schema from "./schema";

export type Tx = NodePgTransaction<typeof schema, ExtractTablesWithRelations<typeof schema>>;

export type TenantContext = {
  agencyId: string;
  /** The signed-in user; null for API calls made on behalf of the agency itself. */
  userId: string | null;
  /** Set for client administrators: the RESTRICTIVE policies then show only this company. */
  clientCompanyId?: string | null;
  /** Managers' business reads run read-only (design.md §1: they change nothing). */
  readOnly?: boolean;
};

async function run<T>(database: Database, context: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.transaction(
    async (tx) => {
      await tx.execute(sql`select
        set_config('app.agency_id', ${context.agencyId}, true),
        set_config('app.user_id', ${context.userId ?? ""}, true),
        set_config('app.client_company_id', ${context.clientCompanyId ?? ""}, true)`);
      return work(tx);
    },
    context.readOnly ? { accessMode: "read only" } : undefined,
  );
}

/**
 * Runs `work` as weidesk_app inside the tenant of `context`, in one transaction. A
 * database (or store) that cannot be reached comes out as UNAVAILABLE, so a page shows
 * which service is down (lib/errors.ts unavailableOr).
 */
export function withTenant<T>(context: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return run(db(), context, work).catch((error: unknown) => {
    throw unavailableOr(error);
  });
}

/** Runs a background job's `work` as weidesk_worker inside one agency, in one transaction. */
export function withWorker<T>(agencyId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return run(workerDb(), { agencyId, userId: null }, work);
}
