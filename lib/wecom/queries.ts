/**
 * What the "New WeCom corp" dialog needs to explain its warnings before submitting: the
 * company's people as administrator choices, with whether each has a mobile (WeCom
 * registers the administrator by mobile) and their ID type. Masked IDs only.
 */
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { people, personCompanies } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { IdType } from "@/lib/clients/kinds";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { wecomTenant, type WecomActor } from "./service";

export type WecomAdminChoice = { id: string; name: string; idMask: string | null; idType: IdType; hasMobile: boolean };

/**
 * The people linked to a company (any role, not erased), by name. Needs `person:read`.
 * A company of another agency has no people here (RLS and the agency filter): [].
 */
export async function listWecomAdminChoices(actor: WecomActor, clientCompanyId: string): Promise<WecomAdminChoice[]> {
  assertCan(actor.role, "person:read");
  if (!z.uuid().safeParse(clientCompanyId).success) throw new AppError("NOT_FOUND", `no client company ${clientCompanyId}`);
  const agencyId = actor.agency.id;
  const rows = await withTenant(wecomTenant(actor, true), (tx) =>
    tx
      .select({ id: people.id, name: people.name, idMask: people.idMask, idType: people.idType, mobile: people.mobile })
      .from(people)
      .where(
        and(
          eq(people.agencyId, agencyId),
          isNull(people.erasedAt),
          sql`exists (select 1 from ${personCompanies} pc where pc.agency_id = ${people.agencyId} and pc.person_id = ${people.id} and pc.client_company_id = ${clientCompanyId})`,
        ),
      )
      .orderBy(asc(people.name), asc(people.id)),
  );
  return rows.map(({ mobile, ...row }) => ({ ...row, hasMobile: !!mobile }));
}
