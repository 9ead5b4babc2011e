/**
 * The bench's floor (design.md §8 "clients list page p50 / the same page with its rows
 * from memory ≤ 1.3×"): the clients list page's data for one member and view, read once
 * through the same loaders as the page and then served from this process's memory. Only
 * /<agency>/clients/from-memory uses it, and only with BENCH_ROUTES=1 (lib/env.ts).
 */
import "server-only";
import type { MembershipContext } from "@/lib/auth/session";
import { listClients } from "@/lib/clients/list";
import type { ClientsPageData } from "@/lib/clients/page-data";
import type { CompanyListQuery } from "@/lib/clients/schemas";
import { listSavedViews } from "@/lib/saved-views/service";

/** Views kept at most; the oldest goes first. */
const LIMIT = 64;
const kept = new Map<string, Promise<ClientsPageData>>();

/** The page's data for `membership` and `view` (keyed by `viewKey`): from memory after the first read. */
export function clientsPageFromMemory(membership: MembershipContext, view: CompanyListQuery, viewKey: string): Promise<ClientsPageData> {
  const key = [membership.agency.id, membership.user.id, membership.role, viewKey].join("\u0000");
  const found = kept.get(key);
  if (found) return found;
  const read = Promise.all([listClients(membership, view), listSavedViews(membership, "clients")]).then(([{ page, assignees }, savedViews]) => ({
    page,
    assignees,
    savedViews,
  }));
  // A failed read is not kept: the next request reads again.
  read.catch(() => kept.delete(key));
  kept.set(key, read);
  if (kept.size > LIMIT) kept.delete(kept.keys().next().value!);
  return read;
}
