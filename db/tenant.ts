/**
 * The one door to tenant rows (design.md §4.1). Every request runs its reads and
 * writes in one short transaction as weidesk_app that first calls weidesk_enter_tenant:
 * it sets app.agency_id (and app.client_company_id for a client administrator,
 * app.user_id for the user) transaction-locally, and when the database finds the user
 * restricted to assigned clients, or a client administrator, it narrows the transaction
 * to weidesk_scoped, whose policies check each row (ADR 0026). Nothing outlives the
 * transaction, so a pooled connection carries nothing into the next request. Row-level
 * security does the rest; queries still filter on agency_id so plans use the indexes.
 *
 * A page's reads go through readTenant instead: the layout and the page of one render
 * share one read-only transaction per tenant, opened at the first read and committed when
 * the reads are done (ADR 0023).
 */
import "server-only";
import { after } from "next/server";
import { cache } from "react";
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
      await tx.execute(sql`select weidesk_enter_tenant(${context.agencyId}, ${context.userId ?? ""}, ${context.clientCompanyId ?? ""})`);
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

/** The longest a shared read transaction stays open if the response never finishes (it then ends; later reads open another). */
const SHARED_READ_MAX_MS = 30_000;
/**
 * A shared read transaction with no read running for this long ends before the response
 * does, so a render does not hold its connection while it streams. Reads chained one
 * after another (one's result starts the next) follow within the same turn of the event
 * loop, before any timer; only a wait on something else this long opens a second one.
 */
const SHARED_READ_IDLE_MS = 20;

type SharedRead = {
  /** Runs `work` in the transaction; null once it is closing (the caller opens another). */
  use<T>(work: (tx: Tx) => Promise<T>): Promise<T> | null;
};

/** This render's shared read transactions by tenant: one Map per request inside a React server render, a new one per call elsewhere. */
const renderReads = cache(() => new Map<string, SharedRead>());

/**
 * Opens a read-only transaction in `context` that ends once no read has run in it for
 * SHARED_READ_IDLE_MS, or the response has been sent (next/server after), or after
 * SHARED_READ_MAX_MS, whichever comes first, and only when no read is running in it.
 * Nothing runs on its connection once it has ended: a read arriving later gets null and
 * opens another. Null outside a request (no after()).
 */
function openSharedRead(context: TenantContext): SharedRead | null {
  let closing = false;
  let running = 0;
  let settled: Promise<void> | undefined;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = () => {
      if (closing && running === 0) resolve();
    };
  });
  const close = () => {
    closing = true;
    release();
  };
  const timer = setTimeout(close, SHARED_READ_MAX_MS);
  timer.unref();
  try {
    after(() => {
      clearTimeout(timer);
      close();
      return settled?.catch(() => {});
    });
  } catch {
    clearTimeout(timer);
    return null;
  }
  const transaction = new Promise<Tx>((resolve, reject) => {
    settled = run(db(), { ...context, readOnly: true }, async (tx) => {
      resolve(tx);
      await released;
    });
    // The transaction failed to open (or ended before its first read): the reads get the error.
    settled.then(() => reject(new Error("shared read transaction ended")), reject);
  });
  transaction.catch(() => {});
  let idle: NodeJS.Timeout | undefined;
  return {
    use(work) {
      if (closing) return null;
      clearTimeout(idle);
      running++;
      return transaction.then(work).finally(() => {
        running--;
        if (running === 0 && !closing) {
          idle = setTimeout(close, SHARED_READ_IDLE_MS);
          idle.unref();
        }
        release();
      });
    },
  };
}

/**
 * Runs `work`, which only reads, as weidesk_app inside the tenant of `context`, read-only.
 * Within a page render (layout, page, metadata) every read of one tenant shares one
 * transaction and so one set_config; elsewhere (route handlers, server actions, jobs,
 * tests) it is withTenant with readOnly. The settings stay transaction-local and the
 * transaction ends before its connection goes back to the pool, as with withTenant. A
 * failed read leaves that transaction to end with the response; later reads open another.
 */
export function readTenant<T>(context: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const reads = renderReads();
  if (reads === renderReads()) {
    const key = `${context.agencyId}/${context.userId ?? ""}/${context.clientCompanyId ?? ""}`;
    let shared = reads.get(key);
    let running = shared?.use(work) ?? null;
    if (!running) {
      shared = openSharedRead(context) ?? undefined;
      if (shared) {
        reads.set(key, shared);
        running = shared.use(work);
      }
    }
    if (running) {
      return running.catch((error: unknown) => {
        if (reads.get(key) === shared) reads.delete(key);
        throw unavailableOr(error);
      });
    }
  }
  return withTenant({ ...context, readOnly: true }, work);
}
