/**
 * Client companies (issue 6, design.md §3): create, edit with optimistic concurrency,
 * archive and assign (also in bulk), read one. Each write is one transaction with its
 * audit event; the database keeps the rest (USCC unique per agency, org code = USCC
 * characters 9–17, assignees active staff — 0000/0006 migrations).
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { clientCompanies, users } from "@/db/schema";
import { withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import {
  CLIENT_MESSAGES,
  companyRow,
  createCompanySchema,
  updateCompanySchema,
  type CreateCompanyValues,
} from "./schemas";

export type ClientsActor = Pick<MembershipContext, "user" | "agency" | "role">;

export function tenantOf(actor: ClientsActor, readOnly = false): TenantContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: readOnly || actor.role === "manager" };
}

export type Company = typeof clientCompanies.$inferSelect & {
  assignee: { id: string; name: string } | null;
};

/** The issues of a failed parse as field → first message key. */
function fieldsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

function validation(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", `invalid client company: ${Object.keys(fields).join(", ")}`, { fields });
}

/** The pg error behind a drizzle one (drizzle wraps driver errors in `cause`). */
function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e?.code ? e : ((e?.cause ?? {}) as { code?: string; constraint?: string });
}

/** A duplicate USCC becomes the neutral field message; anything else passes on. */
function mapWriteError(error: unknown): never {
  const pg = pgErrorOf(error);
  if (pg.code === "23505" && pg.constraint === "client_companies_uscc_key") {
    throw validation({ uscc: CLIENT_MESSAGES.usccTaken });
  }
  // A user id nobody has fails the foreign key before the membership check can say so.
  if (
    (pg.code === "23514" && pg.constraint === "assignee_is_active_member") ||
    (pg.code === "23503" && pg.constraint === "client_companies_assignee_user_id_users_id_fk")
  ) {
    throw validation({ assigneeUserId: CLIENT_MESSAGES.assignee });
  }
  // A staff member restricted to their clients (ADR 0010) may not leave a company where
  // they would no longer see it: assigned to someone else with them not on its team.
  const message = (error as { message?: string; cause?: { message?: string } })?.cause?.message ?? (error as Error)?.message ?? "";
  if (pg.code === "42501" && /row-level security policy .*for table "client_companies"/.test(message)) {
    throw validation({ assigneeUserId: "clientTeam.errors.keepVisible" });
  }
  throw error;
}

/** Whether the database restricts the transaction's user to their assigned clients (ADR 0010). */
export async function restrictedToAssigned(tx: Tx): Promise<boolean> {
  const { rows } = await tx.execute<{ restricted: boolean }>(sql`select weidesk_restricted_user() is not null as restricted`);
  return rows[0]?.restricted === true;
}

/** What the audit event says about a company (never more than the list shows). */
function auditSummary(values: ReturnType<typeof companyRow>) {
  return { kind: values.kind, legalNameZh: values.legalNameZh, nameEn: values.nameEn, uscc: values.uscc };
}

/** Parses a create body: VALIDATION with field keys, or the values to store. */
export function parseCreateCompany(input: unknown): CreateCompanyValues {
  const parsed = createCompanySchema.safeParse(input);
  if (!parsed.success) throw validation(fieldsOf(parsed.error.issues));
  return parsed.data;
}

export async function createCompany(
  actor: ClientsActor,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<{ id: string; version: number }> {
  assertCan(actor.role, "client:create");
  const values = parseCreateCompany(input);
  const row = companyRow(values);
  const id = newId();
  const now = clock.now();
  try {
    await withTenant(tenantOf(actor), async (tx) => {
      // A staff member who sees only their own clients gets the new one, or could not see it.
      const assigneeUserId = values.assigneeUserId ?? ((await restrictedToAssigned(tx)) ? actor.user.id : null);
      await tx.insert(clientCompanies).values({
        id,
        agencyId: actor.agency.id,
        ...row,
        assigneeUserId,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, {
        agencyId: actor.agency.id,
        actorUserId: actor.user.id,
        action: "client.create",
        targetType: "client_company",
        targetId: id,
        data: auditSummary(row),
        requestId: options.requestId ?? null,
      });
    });
  } catch (error) {
    mapWriteError(error);
  }
  return { id, version: 1 };
}

async function readCompany(tx: Tx, agencyId: string, id: string): Promise<Company | null> {
  const [row] = await tx
    .select({ company: clientCompanies, assigneeName: users.name })
    .from(clientCompanies)
    .leftJoin(users, eq(users.id, clientCompanies.assigneeUserId))
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, id)));
  if (!row) return null;
  const { company, assigneeName } = row;
  return {
    ...company,
    assignee: company.assigneeUserId ? { id: company.assigneeUserId, name: assigneeName ?? "" } : null,
  };
}

/** One company of the actor's agency, or NOT_FOUND (another agency's id looks the same as none). */
export async function getCompany(actor: ClientsActor, id: string): Promise<Company> {
  assertCan(actor.role, "client:read");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", "no such client company");
  const company = await withTenant(tenantOf(actor, true), (tx) => readCompany(tx, actor.agency.id, id));
  if (!company) throw new AppError("NOT_FOUND", "no such client company");
  return company;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Who changed the company last and when: the "changed by X at T" of a stale edit. */
async function lastChange(tx: Tx, agencyId: string, id: string): Promise<{ by: string | null; at: string | null }> {
  const result = await tx.execute<{ name: string | null; at: Date | string | null }>(sql`
    select u.name, a.at from audit_events a left join users u on u.id = a.actor_user_id
    where a.agency_id = ${agencyId} and a.target_type = 'client_company' and a.target_id = ${id}
    order by a.at desc limit 1`);
  const row = result.rows[0];
  return { by: row?.name ?? null, at: row?.at ? new Date(row.at).toISOString() : null };
}

/**
 * Saves an edit made from `version`. A newer version in the database gets STALE_VERSION
 * with who changed it, when, and the current values (the form shows them; nothing is
 * overwritten). The kind is fixed: another kind is refused on `kind`.
 */
export async function updateCompany(
  actor: ClientsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<{ id: string; version: number }> {
  assertCan(actor.role, "client:update");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", "no such client company");
  const parsed = updateCompanySchema.safeParse(input);
  if (!parsed.success) throw validation(fieldsOf(parsed.error.issues));
  const { version, ...values } = parsed.data;
  const row = companyRow(values);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const current = await readCompany(tx, actor.agency.id, id);
      if (!current) throw new AppError("NOT_FOUND", "no such client company");
      if (current.kind !== row.kind) throw validation({ kind: CLIENT_MESSAGES.kindFixed });
      const [updated] = await tx
        .update(clientCompanies)
        .set({
          ...row,
          subjectType: values.subjectType ?? current.subjectType,
          assigneeUserId: values.assigneeUserId === undefined ? current.assigneeUserId : values.assigneeUserId,
          version: sql`${clientCompanies.version} + 1`,
          updatedAt: clock.now(),
        })
        .where(and(eq(clientCompanies.agencyId, actor.agency.id), eq(clientCompanies.id, id), eq(clientCompanies.version, version)))
        .returning({ version: clientCompanies.version });
      if (!updated) {
        const change = await lastChange(tx, actor.agency.id, id);
        throw new AppError("STALE_VERSION", `client company ${id} is at version ${current.version}, not ${version}`, {
          messageKey: "clients.errors.stale",
          current: serialiseCompany(current),
          changedBy: change.by,
          changedAt: change.at,
        });
      }
      await recordAudit(tx, {
        agencyId: actor.agency.id,
        actorUserId: actor.user.id,
        action: "client.update",
        targetType: "client_company",
        targetId: id,
        data: { ...auditSummary(row), version: updated.version },
        requestId: options.requestId ?? null,
      });
      return { id, version: updated.version };
    });
  } catch (error) {
    mapWriteError(error);
  }
}

/** A company as JSON (dates as ISO strings), for the API and for the stale-edit answer. */
export function serialiseCompany(company: Company) {
  return {
    id: company.id,
    kind: company.kind,
    subjectType: company.subjectType,
    legalNameZh: company.legalNameZh,
    nameEn: company.nameEn,
    uscc: company.uscc,
    usccOverrideReason: company.usccOverrideReason,
    orgCode: company.legacyOrgCode,
    registrationNumber: company.registrationNumber,
    country: company.country,
    foreignRegistrationNumber: company.foreignRegistrationNumber,
    industry: company.industry,
    scale: company.scale,
    address: company.address,
    assignee: company.assignee,
    archivedAt: company.archivedAt?.toISOString() ?? null,
    version: company.version,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
}
export type SerialisedCompany = ReturnType<typeof serialiseCompany>;

const MAX_BULK = 500;

function bulkIds(ids: unknown): string[] {
  const list = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string" && isUuid(id)) : [];
  if (list.length === 0) throw validation({ ids: "clients.errors.noneSelected" });
  if (list.length > MAX_BULK) throw validation({ ids: "clients.errors.tooManySelected" });
  return [...new Set(list)];
}

/**
 * Archives (or restores) the selected companies in one transaction: all or none.
 * Returns how many changed; ids of other agencies are invisible and so not counted.
 */
export async function setCompaniesArchived(
  actor: ClientsActor,
  ids: unknown,
  archived: boolean,
  options: { requestId?: string | null } = {},
): Promise<{ changed: number }> {
  assertCan(actor.role, "client:update");
  const list = bulkIds(ids);
  return withTenant(tenantOf(actor), async (tx) => {
    const now = clock.now();
    const changed = await tx
      .update(clientCompanies)
      .set({ archivedAt: archived ? now : null, version: sql`${clientCompanies.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(clientCompanies.agencyId, actor.agency.id),
          inArray(clientCompanies.id, list),
          archived ? sql`${clientCompanies.archivedAt} is null` : sql`${clientCompanies.archivedAt} is not null`,
        ),
      )
      .returning({ id: clientCompanies.id });
    for (const { id } of changed) {
      await recordAudit(tx, {
        agencyId: actor.agency.id,
        actorUserId: actor.user.id,
        action: archived ? "client.archive" : "client.restore",
        targetType: "client_company",
        targetId: id,
        requestId: options.requestId ?? null,
      });
    }
    return { changed: changed.length };
  });
}

/** Assigns the selected companies to one staff member (or nobody) in one transaction. */
export async function assignCompanies(
  actor: ClientsActor,
  ids: unknown,
  assigneeUserId: string | null,
  options: { requestId?: string | null } = {},
): Promise<{ changed: number }> {
  assertCan(actor.role, "client:update");
  const list = bulkIds(ids);
  if (assigneeUserId !== null && !isUuid(assigneeUserId)) throw validation({ assigneeUserId: CLIENT_MESSAGES.assignee });
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const changed = await tx
        .update(clientCompanies)
        .set({ assigneeUserId, version: sql`${clientCompanies.version} + 1`, updatedAt: clock.now() })
        .where(
          and(
            eq(clientCompanies.agencyId, actor.agency.id),
            inArray(clientCompanies.id, list),
            sql`${clientCompanies.assigneeUserId} is distinct from ${assigneeUserId}`,
          ),
        )
        .returning({ id: clientCompanies.id });
      for (const { id } of changed) {
        await recordAudit(tx, {
          agencyId: actor.agency.id,
          actorUserId: actor.user.id,
          action: "client.assign",
          targetType: "client_company",
          targetId: id,
          data: { assigneeUserId },
          requestId: options.requestId ?? null,
        });
      }
      // The deferred assignee check runs at commit; make it run here so its refusal maps to the field.
      await tx.execute(sql`set constraints all immediate`);
      return { changed: changed.length };
    });
  } catch (error) {
    mapWriteError(error);
  }
}
