/**
 * What the client portal shows a client administrator: their company's open document
 * requests and its registrations. Read through withTenant with the company set, so the
 * RESTRICTIVE policies hide every other company; the queries still name the agency
 * and the company, for the indexes and as a second lock. Only DTOs leave this module.
 */
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { documentRequests, officialAccounts, registrations, wecomCorps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { DocumentKind } from "@/lib/documents/kinds";
import type { Pipeline, Product, Stage, Waiting } from "@/lib/registration/pipelines";

/** How many of each the portal home lists. */
export const PORTAL_LIST_LIMIT = 20;

export type PortalRequest = {
  id: string;
  kinds: DocumentKind[];
  /** A calendar date, "YYYY-MM-DD"; null when the agency gave none. */
  dueOn: string | null;
  message: string | null;
};

export type PortalRegistration = {
  id: string;
  product: Product;
  pipeline: Pipeline;
  stage: Stage;
  /** The Official Account's or the WeCom corp's name; null until there is one. */
  name: string | null;
  dueAt: Date | null;
  waiting: Waiting;
};

export type PortalOverview = { requests: PortalRequest[]; registrations: PortalRegistration[] };

export async function getPortalOverview(input: {
  agencyId: string;
  userId: string;
  clientCompanyId: string;
}): Promise<PortalOverview> {
  const { agencyId, userId, clientCompanyId } = input;
  return withTenant({ agencyId, userId, clientCompanyId, readOnly: true }, async (tx) => {
    const requestRows = await tx
      .select({
        id: documentRequests.id,
        kinds: documentRequests.kinds,
        dueOn: documentRequests.dueOn,
        message: documentRequests.message,
      })
      .from(documentRequests)
      .where(
        and(
          eq(documentRequests.agencyId, agencyId),
          eq(documentRequests.clientCompanyId, clientCompanyId),
          eq(documentRequests.status, "open"),
        ),
      )
      .orderBy(sql`${documentRequests.dueOn} asc nulls last`, asc(documentRequests.createdAt), asc(documentRequests.id))
      .limit(PORTAL_LIST_LIMIT);

    const registrationRows = await tx
      .select({
        id: registrations.id,
        product: registrations.product,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        accountName: officialAccounts.name,
        corpName: wecomCorps.corpName,
        dueAt: registrations.dueAt,
        waiting: registrations.waiting,
      })
      .from(registrations)
      .leftJoin(
        officialAccounts,
        and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.registrationId, registrations.id)),
      )
      .leftJoin(wecomCorps, and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.registrationId, registrations.id)))
      .where(and(eq(registrations.agencyId, agencyId), eq(registrations.clientCompanyId, clientCompanyId)))
      .orderBy(desc(registrations.stageEnteredAt), asc(registrations.id))
      .limit(PORTAL_LIST_LIMIT);

    return {
      requests: requestRows.map((row) => ({
        id: row.id,
        kinds: row.kinds as DocumentKind[],
        dueOn: row.dueOn,
        message: row.message,
      })),
      registrations: registrationRows.map((row) => ({
        id: row.id,
        product: row.product,
        pipeline: row.pipeline as Pipeline,
        stage: row.stage as Stage,
        name: row.accountName ?? row.corpName ?? null,
        dueAt: row.dueAt,
        waiting: row.waiting,
      })),
    };
  });
}

export type PortalRegistrationDetail = PortalRegistration & { stageEnteredAt: Date; resumeStage: Stage | null };

/**
 * One registration of the client administrator's company, or null: another company's
 * (the RESTRICTIVE policy hides it even without the company filter), another agency's,
 * or none at all look the same, so the page answers 404 for each.
 */
export async function getPortalRegistration(input: {
  agencyId: string;
  userId: string;
  clientCompanyId: string;
  registrationId: string;
}): Promise<PortalRegistrationDetail | null> {
  const { agencyId, userId, clientCompanyId, registrationId } = input;
  return withTenant({ agencyId, userId, clientCompanyId, readOnly: true }, async (tx) => {
    const [row] = await tx
      .select({
        id: registrations.id,
        product: registrations.product,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        resumeStage: registrations.resumeStage,
        stageEnteredAt: registrations.stageEnteredAt,
        accountName: officialAccounts.name,
        corpName: wecomCorps.corpName,
        dueAt: registrations.dueAt,
        waiting: registrations.waiting,
      })
      .from(registrations)
      .leftJoin(
        officialAccounts,
        and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.registrationId, registrations.id)),
      )
      .leftJoin(wecomCorps, and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.registrationId, registrations.id)))
      .where(
        and(
          eq(registrations.agencyId, agencyId),
          eq(registrations.clientCompanyId, clientCompanyId),
          eq(registrations.id, registrationId),
        ),
      );
    if (!row) return null;
    return {
      id: row.id,
      product: row.product,
      pipeline: row.pipeline as Pipeline,
      stage: row.stage as Stage,
      resumeStage: (row.resumeStage as Stage | null) ?? null,
      stageEnteredAt: row.stageEnteredAt,
      name: row.accountName ?? row.corpName ?? null,
      dueAt: row.dueAt,
      waiting: row.waiting,
    };
  });
}
