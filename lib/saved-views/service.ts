/**
 * Saved views (issue 6 §4): a member's own named views of a staff list, one of them
 * perhaps the default the list opens with. Every staff-side role may keep its own,
 * managers included (design.md §1: "every role may change its own things … saved
 * views"; read-only is about the agency's business data), so these transactions are
 * never read-only. The database keeps them personal: the RESTRICTIVE own_saved_views
 * policy (0016 migration) hides and refuses every row whose user_id is not app.user_id,
 * so another member's view id answers NOT_FOUND here like an id that does not exist.
 *
 * No audit events: a saved view is a personal preference of the UI, like the language
 * (app/actions/locale.ts), that changes no business data and no one's access; the audit
 * log (design.md §3) records what happens to the agency's data and security.
 */
import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { savedViews } from "@/db/schema";
import { readTenant, withTenant, type TenantContext } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { isStaffRole } from "@/lib/rbac/permissions";
import {
  canonicalViewQuery,
  createSavedViewSchema,
  SAVED_VIEW_MESSAGES,
  savedViewListQuerySchema,
  updateSavedViewSchema,
  type SavedView,
  type SavedViewList,
} from "./schemas";

export type SavedViewsActor = Pick<MembershipContext, "agency" | "role"> & { user: { id: string } | null };

/** The catalogue key of the refusal of a caller with no user of its own. */
export const USER_REQUIRED_MESSAGE = "savedViews.errors.userRequired";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant of `actor`'s own views. Only staff-side roles have staff lists (a client
 * administrator works in the portal); a caller acting for the agency with no user of
 * its own has no views to keep.
 */
function ownTenant(actor: SavedViewsActor): TenantContext {
  if (!isStaffRole(actor.role)) throw new AppError("FORBIDDEN", `${actor.role} has no staff lists`, { role: actor.role });
  if (!actor.user) throw new AppError("FORBIDDEN", "saved views belong to a user", { messageKey: USER_REQUIRED_MESSAGE });
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: false };
}

function validation(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return new AppError("VALIDATION", `invalid saved view: ${Object.keys(fields).join(", ")}`, { fields });
}

/** The pg error behind a drizzle one (drizzle wraps driver errors in `cause`). */
function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e?.code ? e : ((e?.cause ?? {}) as { code?: string; constraint?: string });
}

/**
 * A name already used becomes the field message; two defaults at once (a race of two
 * "make default" clicks) is a CONFLICT to try again. Anything else passes on.
 */
function mapWriteError(error: unknown): never {
  const pg = pgErrorOf(error);
  if (pg.code === "23505" && pg.constraint === "saved_views_name_key") {
    throw new AppError("VALIDATION", "saved view name taken", { fields: { name: SAVED_VIEW_MESSAGES.nameTaken } });
  }
  if (pg.code === "23505" && pg.constraint === "saved_views_default_key") {
    throw new AppError("CONFLICT", "another default saved view was set at the same time");
  }
  throw error;
}

const columns = {
  id: savedViews.id,
  list: savedViews.list,
  name: savedViews.name,
  query: savedViews.query,
  isDefault: savedViews.isDefault,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
};

/** The caller's view `id` (the policy says so too: the filter keeps a policy mistake from leaking). */
function mine(context: TenantContext, id: string) {
  return and(eq(savedViews.agencyId, context.agencyId), eq(savedViews.userId, context.userId!), eq(savedViews.id, id));
}

type Row = { id: string; list: string; name: string; query: string; isDefault: boolean; createdAt: Date; updatedAt: Date };

function dto(row: Row): SavedView {
  return {
    id: row.id,
    list: row.list as SavedViewList,
    name: row.name,
    query: row.query,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The caller's own views of `list`, by name (any staff-side role; its own only). */
export async function listSavedViews(actor: SavedViewsActor, list: unknown): Promise<SavedView[]> {
  const parsed = savedViewListQuerySchema.safeParse({ list });
  if (!parsed.success) throw validation(parsed.error.issues);
  const context = ownTenant(actor);
  const rows = await readTenant(context, (tx) =>
    tx
      .select(columns)
      .from(savedViews)
      .where(and(eq(savedViews.agencyId, context.agencyId), eq(savedViews.userId, context.userId!), eq(savedViews.list, parsed.data.list)))
      .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id)),
  );
  return rows.map(dto);
}

/** One of the caller's own views; NOT_FOUND for another member's, another agency's, or none. */
export async function getSavedView(actor: SavedViewsActor, id: string): Promise<SavedView> {
  const context = ownTenant(actor);
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "no such saved view");
  const [row] = await withTenant(context, (tx) =>
    tx.select(columns).from(savedViews).where(mine(context, id)),
  );
  if (!row) throw new AppError("NOT_FOUND", "no such saved view");
  return dto(row);
}

/**
 * Saves `{ list, name, query, isDefault }` as the caller's view (any staff-side role):
 * the query as the list reads it, without its cursor. As the default, it takes over from
 * the previous default of the list in the same transaction.
 */
export async function createSavedView(actor: SavedViewsActor, input: unknown): Promise<SavedView> {
  const context = ownTenant(actor);
  const parsed = createSavedViewSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
  const { list, name, query, isDefault } = parsed.data;
  const now = clock.now();
  try {
    const [row] = await withTenant(context, async (tx) => {
      if (isDefault) {
        await tx
          .update(savedViews)
          .set({ isDefault: false, updatedAt: now })
          .where(and(eq(savedViews.agencyId, context.agencyId), eq(savedViews.userId, context.userId!), eq(savedViews.list, list), eq(savedViews.isDefault, true)));
      }
      return tx
        .insert(savedViews)
        .values({ id: newId(), agencyId: context.agencyId, userId: context.userId!, list, name, query, isDefault, createdAt: now, updatedAt: now })
        .returning(columns);
    });
    return dto(row!);
  } catch (error) {
    mapWriteError(error);
  }
}

/**
 * Renames the caller's view, replaces its query with another view of the same list,
 * and/or makes it the default (unsetting the previous one in the same transaction) or
 * not. NOT_FOUND unless the view is the caller's own.
 */
export async function updateSavedView(actor: SavedViewsActor, id: string, input: unknown): Promise<SavedView> {
  const context = ownTenant(actor);
  const parsed = updateSavedViewSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "no such saved view");
  const { name, query, isDefault } = parsed.data;
  const now = clock.now();
  try {
    const row = await withTenant(context, async (tx) => {
      const [current] = await tx
        .select({ list: savedViews.list })
        .from(savedViews)
        .where(mine(context, id))
        .for("update");
      if (!current) throw new AppError("NOT_FOUND", "no such saved view");
      const list = current.list as SavedViewList;
      if (isDefault) {
        await tx
          .update(savedViews)
          .set({ isDefault: false, updatedAt: now })
          .where(
            and(
              eq(savedViews.agencyId, context.agencyId),
              eq(savedViews.userId, context.userId!),
              eq(savedViews.list, list),
              eq(savedViews.isDefault, true),
              ne(savedViews.id, id),
            ),
          );
      }
      const [updated] = await tx
        .update(savedViews)
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(query !== undefined ? { query: canonicalViewQuery(list, query) } : {}),
          ...(isDefault !== undefined ? { isDefault } : {}),
          updatedAt: now,
        })
        .where(mine(context, id))
        .returning(columns);
      return updated!;
    });
    return dto(row);
  } catch (error) {
    mapWriteError(error);
  }
}

/** Deletes the caller's own view and answers what it was; NOT_FOUND for anyone else's. */
export async function deleteSavedView(actor: SavedViewsActor, id: string): Promise<SavedView> {
  const context = ownTenant(actor);
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "no such saved view");
  const [deleted] = await withTenant(context, (tx) => tx.delete(savedViews).where(mine(context, id)).returning(columns));
  if (!deleted) throw new AppError("NOT_FOUND", "no such saved view");
  return dto(deleted);
}
