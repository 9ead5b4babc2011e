/**
 * What WeChat's newer caps (domain.md B2–B4) read from the database, for the warnings of
 * a new Official Account (lib/accounts/schemas.ts `officialAccountWarningsFor`): counted
 * over the agency's accounts that are neither abandoned nor rejected, under row-level
 * security (withTenant), the new account not included. createOfficialAccount reads them
 * in its own transaction; the "New Official Account" dialog asks for them as its inputs
 * change (previewOfficialAccountWarnings), so they show before the user submits.
 *
 * Each count is served by an index (lib/accounts/warnings.int.test.ts EXPLAINs them):
 * text and uuid `=` are leakproof, so under RLS they may be index conditions; the login
 * e-mail is matched on its lower-cased generated column for that reason (ADR 0009).
 */
import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { clientCompanies, people } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import type { CompanyKind, SubjectType } from "@/lib/clients/kinds";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import {
  ACCOUNT_MESSAGES,
  creditCodeCaps,
  officialAccountWarningsFor,
  type OfficialAccountWarning,
  type OfficialAccountWarningContext,
} from "./schemas";
import type { AccountsActor } from "./service";

/** The company as the warnings read it. */
export type WarningCompany = { id: string; kind: CompanyKind; subjectType: SubjectType; uscc: string | null };

/** Accounts that count: a card abandoned or rejected holds nothing at WeChat. */
const counts = sql.raw(`r.stage not in ('abandoned', 'rejected')`);

/**
 * B2: the accounts whose subject is this Chinese individual. The subject of a
 * cn_individual client is the person linked to it as legal representative (the
 * individual themself, as the seed and the forms link them); the accounts of every
 * cn_individual client whose subject has the same resident ID (its HMAC) count, and the
 * client's own accounts always do (a subject not linked yet).
 */
export function individualSubjectAccountsSql(agencyId: string, companyId: string): SQL {
  return sql`select count(*)::int as n
      from official_accounts oa
      join registrations r on r.agency_id = oa.agency_id and r.id = oa.registration_id
     where oa.agency_id = ${agencyId}
       and oa.client_company_id in (
             select ${companyId}::uuid
             union
             select other.client_company_id
               from person_companies subject
               join people p on p.agency_id = subject.agency_id and p.id = subject.person_id
               join people same on same.agency_id = p.agency_id and same.id_type = p.id_type and same.id_number_hmac = p.id_number_hmac
               join person_companies other on other.agency_id = same.agency_id and other.person_id = same.id
              where subject.agency_id = ${agencyId} and subject.client_company_id = ${companyId}
                and subject.role = 'legal_representative' and other.role = 'legal_representative'
                and p.id_type = 'prc_resident_id' and p.id_number_hmac is not null)
       and oa.subject_kind = 'cn_individual'
       and ${counts}`;
}

/** B3: the accounts of the companies with this credit code (unique in the agency: the company itself). */
export function creditCodeAccountsSql(agencyId: string, uscc: string): SQL {
  return sql`select count(*)::int as n
      from client_companies c
      join official_accounts oa on oa.agency_id = c.agency_id and oa.client_company_id = c.id
      join registrations r on r.agency_id = oa.agency_id and r.id = oa.registration_id
     where c.agency_id = ${agencyId} and c.uscc = ${uscc}
       and ${counts}`;
}

/** B4: the accounts with this login e-mail, in any case. */
export function loginEmailAccountsSql(agencyId: string, loginEmail: string): SQL {
  return sql`select count(*)::int as n
      from official_accounts oa
      join registrations r on r.agency_id = oa.agency_id and r.id = oa.registration_id
     where oa.agency_id = ${agencyId} and oa.login_email_key = lower(${loginEmail})
       and ${counts}`;
}

/** B4: the accounts whose operator has this mobile number (E.164, as people.mobile holds it). */
export function mobileAccountsSql(agencyId: string, mobile: string): SQL {
  return sql`select count(*)::int as n
      from people p
      join official_accounts oa on oa.agency_id = p.agency_id and oa.operator_person_id = p.id
      join registrations r on r.agency_id = oa.agency_id and r.id = oa.registration_id
     where p.agency_id = ${agencyId} and p.mobile = ${mobile}
       and ${counts}`;
}

async function count(tx: Tx, query: SQL): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(query);
  return rows[0]?.n ?? 0;
}

/**
 * The counts the rules read, for a new account of `company` operated by someone with
 * `operatorMobile`, logging in with `loginEmail`. Run in the caller's tenant transaction.
 */
export async function officialAccountWarningContext(
  tx: Tx,
  agencyId: string,
  input: { company: WarningCompany; operatorMobile: string | null; loginEmail?: string | null },
): Promise<OfficialAccountWarningContext> {
  const { company } = input;
  const loginEmail = input.loginEmail?.trim() || null;
  let subjectAccounts = 0;
  if (company.kind === "cn_individual") subjectAccounts = await count(tx, individualSubjectAccountsSql(agencyId, company.id));
  else if (company.kind === "cn_org" && company.uscc) subjectAccounts = await count(tx, creditCodeAccountsSql(agencyId, company.uscc));
  return {
    companyKind: company.kind,
    subjectType: company.subjectType,
    subjectAccounts,
    loginEmailAccounts: loginEmail ? await count(tx, loginEmailAccountsSql(agencyId, loginEmail)) : 0,
    mobileAccounts: input.operatorMobile ? await count(tx, mobileAccountsSql(agencyId, input.operatorMobile)) : 0,
  };
}

/** The company, or NOT_FOUND (another agency's, or none). */
export async function warningCompanyOf(tx: Tx, agencyId: string, id: string): Promise<WarningCompany> {
  const [company] = await tx
    .select({ id: clientCompanies.id, kind: clientCompanies.kind, subjectType: clientCompanies.subjectType, uscc: clientCompanies.uscc })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, id)))
    .limit(1);
  if (!company) throw new AppError("NOT_FOUND", `no client company ${id}`);
  return company;
}

/* ---------------------------------------------------------------- preview */

const blankToUndefined = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);

/**
 * What the dialog sends as its inputs change: the company, the operator chosen (if any)
 * and the login e-mail as typed so far (any text: one that is not an address yet matches
 * nothing).
 */
export const accountWarningsPreviewSchema = z.object({
  clientCompanyId: z.uuid({ error: ACCOUNT_MESSAGES.invalidValue }),
  operatorPersonId: z.preprocess(blankToUndefined, z.uuid({ error: ACCOUNT_MESSAGES.invalidValue }).optional()),
  loginEmail: z.preprocess(blankToUndefined, z.string({ error: ACCOUNT_MESSAGES.invalidValue }).trim().max(254, { error: ACCOUNT_MESSAGES.loginEmail }).optional()),
});

export type AccountWarningsPreview = {
  warnings: OfficialAccountWarning[];
  /** The company's credit-code cap (B3), for `credit_code_cap`'s message; null for a subject without one. */
  creditCodeCap: number | null;
};

/**
 * The warnings a new account with these inputs would get, read-only. Needs what creating
 * one needs (`account:write`, `registration:create`). Errors: FORBIDDEN, VALIDATION
 * (fields), NOT_FOUND (no such company in the agency). An operator not found (another
 * agency's, erased) has no mobile to count.
 */
export async function previewOfficialAccountWarnings(actor: AccountsActor, input: unknown): Promise<AccountWarningsPreview> {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const parsed = accountWarningsPreviewSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid warnings preview", { fields });
  }
  const body = parsed.data;
  const agencyId = actor.agency.id;
  return withTenant({ agencyId, userId: actor.user.id, readOnly: true }, async (tx) => {
    const company = await warningCompanyOf(tx, agencyId, body.clientCompanyId);
    let operatorMobile: string | null = null;
    if (body.operatorPersonId) {
      const [operator] = await tx
        .select({ mobile: people.mobile })
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.id, body.operatorPersonId), isNull(people.erasedAt)))
        .limit(1);
      operatorMobile = operator?.mobile ?? null;
    }
    const context = await officialAccountWarningContext(tx, agencyId, { company, operatorMobile, loginEmail: body.loginEmail });
    return {
      warnings: officialAccountWarningsFor({ loginEmail: body.loginEmail }, context),
      creditCodeCap: company.kind === "cn_org" ? (creditCodeCaps[company.subjectType] ?? null) : null,
    };
  });
}
