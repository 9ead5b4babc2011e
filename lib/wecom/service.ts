/**
 * WeCom corps (issue 6): creating one makes, in one transaction, the registration card
 * in the first stage of the `wecom` pipeline (design.md §5), its first stage event, the
 * wecom_corps row and the audit events. The administrator, when given, must be one of
 * the company's people; what domain.md says about admins, verification and scale that
 * does not stop a corp being created comes back as `warnings` (lib/wecom/schemas.ts).
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { clientCompanies, officialAccounts, people, personCompanies, registrationEvents, registrations, wecomCorps } from "@/db/schema";
import { withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import type { CompanyKind, IdType } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { pipelineStages } from "@/lib/registration/pipelines";
import { z } from "@/lib/validation/zod";
import {
  createWecomCorpSchema,
  WECOM_MESSAGES,
  wecomWarningsFor,
  type WecomScale,
  type WecomTier,
  type WecomWarning,
  type WecomWarningContext,
} from "./schemas";

export type WecomActor = Pick<MembershipContext, "user" | "agency" | "role"> & { clientCompany?: { id: string } | null };

export type WecomCorp = {
  id: string;
  registrationId: string;
  clientCompanyId: string;
  pipeline: "wecom";
  stage: string;
  version: number;
  adminPersonId: string | null;
  corpName: string;
  shortName: string | null;
  industry: string | null;
  scale: WecomScale | null;
  tier: WecomTier;
  region: string | null;
  corpId: string | null;
  verificationStatus: (typeof wecomCorps.$inferSelect)["verificationStatus"];
  verificationExpiresAt: string | null;
  createdAt: string;
  warnings: WecomWarning[];
};

/** The tenant of `actor`: a client administrator's reads see their one company only (RESTRICTIVE policies). */
export function wecomTenant(actor: WecomActor, readOnly = false): TenantContext {
  return {
    agencyId: actor.agency.id,
    userId: actor.user.id,
    clientCompanyId: actor.clientCompany?.id ?? null,
    readOnly: readOnly || actor.role === "manager",
  };
}

function validation(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", `invalid WeCom corp: ${Object.keys(fields).join(", ")}`, { fields });
}

function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `no ${what}`);
}

/** The company's kind and names, or NOT_FOUND (another agency's, or none). */
async function companyOf(tx: Tx, agencyId: string, id: string) {
  const [company] = await tx
    .select({ id: clientCompanies.id, kind: clientCompanies.kind, legalNameZh: clientCompanies.legalNameZh, nameEn: clientCompanies.nameEn })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, id)))
    .limit(1);
  if (!company) throw notFound(`client company ${id}`);
  return company;
}

/** The administrator, if they are one of the company's people (any role) and not erased. */
async function adminOf(tx: Tx, agencyId: string, companyId: string, personId: string) {
  const [admin] = await tx
    .select({ id: people.id, mobile: people.mobile, idType: people.idType })
    .from(people)
    .where(
      and(
        eq(people.agencyId, agencyId),
        eq(people.id, personId),
        sql`${people.erasedAt} is null`,
        sql`exists (select 1 from ${personCompanies} pc where pc.agency_id = ${people.agencyId} and pc.person_id = ${people.id} and pc.client_company_id = ${companyId})`,
      ),
    )
    .limit(1);
  return admin ?? null;
}

async function hasVerifiedOfficialAccount(tx: Tx, agencyId: string, companyId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: officialAccounts.id })
    .from(officialAccounts)
    .where(
      and(
        eq(officialAccounts.agencyId, agencyId),
        eq(officialAccounts.clientCompanyId, companyId),
        eq(officialAccounts.verificationStatus, "verified"),
      ),
    )
    .limit(1);
  return !!row;
}

async function warningContext(
  tx: Tx,
  agencyId: string,
  company: { id: string; kind: CompanyKind; legalNameZh: string | null; nameEn: string | null },
  admin: { mobile: string | null; idType: IdType } | null,
): Promise<WecomWarningContext> {
  return {
    companyKind: company.kind,
    companyNames: [company.legalNameZh, company.nameEn],
    admin: admin ? { hasMobile: !!admin.mobile, idType: admin.idType } : null,
    hasVerifiedOfficialAccount: await hasVerifiedOfficialAccount(tx, agencyId, company.id),
  };
}

/** `input` parsed, or VALIDATION naming each field's first message key. */
function parse(input: unknown) {
  const parsed = createWecomCorpSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw validation(fields);
}

/**
 * Creates the corp and its card in `intake`. Needs `account:write` and
 * `registration:create`. Errors: FORBIDDEN, VALIDATION (fields; `adminPersonId` when
 * the person is not one of the company's), NOT_FOUND (no such company in the agency).
 */
export async function createWecomCorp(actor: WecomActor, input: unknown, options: { requestId?: string | null } = {}): Promise<WecomCorp> {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const body = parse(input);
  const agencyId = actor.agency.id;
  const now = clock.now();
  return withTenant(wecomTenant(actor), async (tx) => {
    const company = await companyOf(tx, agencyId, body.clientCompanyId);
    const admin = body.adminPersonId ? await adminOf(tx, agencyId, company.id, body.adminPersonId) : null;
    if (body.adminPersonId && !admin) throw validation({ adminPersonId: WECOM_MESSAGES.adminNotLinked });

    const stage = pipelineStages.wecom[0];
    const registrationId = newId();
    const corpId = newId();
    await tx.insert(registrations).values({
      id: registrationId,
      agencyId,
      clientCompanyId: company.id,
      product: "wecom",
      pipeline: "wecom",
      stage,
      stageEnteredAt: now,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(registrationEvents).values({
      id: newId(),
      agencyId,
      clientCompanyId: company.id,
      registrationId,
      fromStage: null,
      toStage: stage,
      actorUserId: actor.user.id,
      at: now,
    });
    const values = {
      adminPersonId: admin?.id ?? null,
      corpName: body.corpName,
      shortName: body.shortName ?? null,
      industry: body.industry ?? null,
      scale: body.scale ?? null,
      tier: body.tier,
      region: body.region ?? null,
    };
    await tx.insert(wecomCorps).values({ id: corpId, agencyId, clientCompanyId: company.id, registrationId, ...values, createdAt: now, updatedAt: now });

    const audit = { agencyId, actorUserId: actor.user.id, requestId: options.requestId } as const;
    await recordAudit(tx, { ...audit, action: "registration.create", targetType: "registration", targetId: registrationId, data: { pipeline: "wecom" } });
    await recordAudit(tx, {
      ...audit,
      action: "wecom_corp.create",
      targetType: "wecom_corp",
      targetId: corpId,
      data: { clientCompanyId: company.id, registrationId, adminPersonId: values.adminPersonId, tier: values.tier, scale: values.scale },
    });

    const warnings = wecomWarningsFor(values, await warningContext(tx, agencyId, company, admin));
    return {
      id: corpId,
      registrationId,
      clientCompanyId: company.id,
      pipeline: "wecom",
      stage,
      version: 1,
      ...values,
      corpId: null,
      verificationStatus: "none",
      verificationExpiresAt: null,
      createdAt: now.toISOString(),
      warnings,
    };
  });
}

/**
 * One corp with its card and warnings. Needs `account:read`. Another agency's id, or one
 * that is not a UUID, is NOT_FOUND.
 */
export async function getWecomCorp(actor: WecomActor, id: string): Promise<WecomCorp> {
  assertCan(actor.role, "account:read");
  if (!z.uuid().safeParse(id).success) throw notFound(`WeCom corp ${id}`);
  const agencyId = actor.agency.id;
  return withTenant(wecomTenant(actor, true), async (tx) => {
    const [row] = await tx
      .select({
        id: wecomCorps.id,
        registrationId: registrations.id,
        clientCompanyId: wecomCorps.clientCompanyId,
        stage: registrations.stage,
        version: registrations.version,
        adminPersonId: wecomCorps.adminPersonId,
        corpName: wecomCorps.corpName,
        shortName: wecomCorps.shortName,
        industry: wecomCorps.industry,
        scale: wecomCorps.scale,
        tier: wecomCorps.tier,
        region: wecomCorps.region,
        corpId: wecomCorps.corpId,
        verificationStatus: wecomCorps.verificationStatus,
        verificationExpiresAt: wecomCorps.verificationExpiresAt,
        createdAt: wecomCorps.createdAt,
      })
      .from(wecomCorps)
      .innerJoin(registrations, and(eq(registrations.agencyId, wecomCorps.agencyId), eq(registrations.id, wecomCorps.registrationId)))
      .where(and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.id, id)))
      .limit(1);
    if (!row) throw notFound(`WeCom corp ${id}`);
    const company = await companyOf(tx, agencyId, row.clientCompanyId);
    const admin = row.adminPersonId ? await adminOf(tx, agencyId, company.id, row.adminPersonId) : null;
    const scale = (row.scale as WecomScale | null) ?? null;
    const warnings = wecomWarningsFor({ ...row, scale }, await warningContext(tx, agencyId, company, admin));
    return {
      ...row,
      pipeline: "wecom",
      scale,
      verificationExpiresAt: row.verificationExpiresAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      warnings,
    };
  });
}
