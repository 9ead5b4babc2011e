/**
 * One registration card in full, for its drawer over the board and its own page (issue 7
 * §5): the card as the move rules read it (lib/registration/queries.ts), the Official
 * Account's or WeCom corp's details, the stage timeline with who moved it, when and how
 * long it stayed (queries.ts listRegistrationEvents), the deadline in business days on
 * the agency's calendar, its internal notes and its documents next to the pipeline's
 * required kinds. Reads only, under row-level security: another agency's card, or one a
 * restricted staff member may not see, is NOT_FOUND.
 */
import "server-only";
import { notFound as nextNotFound } from "next/navigation";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import type { AccountType, CompanyKind, VerificationStatus } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import { requiredDocuments, type DocumentKind, type DocumentStatus } from "@/lib/documents/kinds";
import { AppError } from "@/lib/errors";
import { assertCan, can } from "@/lib/rbac/permissions";
import { businessDaysBetween, localDate } from "./calendar";
import { calendarFor } from "./holidays-service";
import { getRegistration, listRegistrationEvents, type RegistrationCard, type RegistrationEvent } from "./queries";

export type CardActor = Pick<MembershipContext, "user" | "agency" | "role">;

export type CardAccountDetails =
  | {
      kind: "official_account";
      name: string | null;
      type: AccountType | null;
      wechatId: string | null;
      originalId: string | null;
      loginEmail: string | null;
      operator: { id: string; name: string } | null;
      verificationStatus: VerificationStatus;
      verificationExpiresAt: string | null;
      registeredAt: string | null;
    }
  | {
      kind: "wecom";
      name: string | null;
      shortName: string | null;
      corpId: string | null;
      admin: { id: string; name: string } | null;
      tier: "free" | "paid";
      verificationStatus: VerificationStatus;
      verificationExpiresAt: string | null;
    };

export type CardNote = { id: string; body: string; author: string | null; createdAt: string };
export type CardDocument = { id: string; kind: DocumentKind; status: DocumentStatus; expiresOn: string | null; updatedAt: string };

export type CardDetail = {
  card: RegistrationCard;
  companyKind: CompanyKind;
  account: CardAccountDetails | null;
  events: RegistrationEvent[];
  /** Business days from today to the due date on the agency's calendar (negative: overdue by as many). */
  dueInBusinessDays: number | null;
  notes: CardNote[];
  documents: CardDocument[];
  requiredKinds: DocumentKind[];
  /** What the viewer may do here. */
  canMove: boolean;
  canAddNote: boolean;
  /** "Now" as the server read the card, for the move checks (an undo's window). */
  readAt: string;
};

/** Notes shown per card, newest first. */
export const CARD_NOTES_LIMIT = 50;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantOf(actor: CardActor) {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: true };
}

/**
 * Everything the drawer shows of card `id`. Precondition: none (checks
 * "registration:read"). NOT_FOUND for another agency's card, a hidden one or a non-UUID.
 */
export async function getCardDetail(actor: CardActor, id: string): Promise<CardDetail> {
  assertCan(actor.role, "registration:read");
  const card = await getRegistration(actor, id);
  const events = await listRegistrationEvents(actor, id);
  const agencyId = actor.agency.id;
  const now = clock.now();

  const { companyKind, account, notes, documents } = await withTenant(tenantOf(actor), async (tx) => {
    const { rows: companies } = await tx.execute<{ kind: CompanyKind }>(
      sql`select kind from client_companies where agency_id = ${agencyId} and id = ${card.company.id}::uuid`,
    );
    let details: CardAccountDetails | null = null;
    if (card.product === "official_account") {
      const { rows } = await tx.execute<{
        name: string | null;
        account_type: AccountType | null;
        wechat_id: string | null;
        original_id: string | null;
        login_email: string | null;
        operator_person_id: string | null;
        operator_name: string | null;
        verification_status: VerificationStatus;
        verification_expires_at: Date | string | null;
        registered_at: Date | string | null;
      }>(sql`
        select a.name, a.account_type, a.wechat_id, a.original_id, a.login_email, a.operator_person_id, p.name as operator_name,
          a.verification_status, a.verification_expires_at, a.registered_at
        from official_accounts a
        left join people p on p.agency_id = a.agency_id and p.id = a.operator_person_id
        where a.agency_id = ${agencyId} and a.registration_id = ${card.id}::uuid`);
      const row = rows[0];
      if (row) {
        details = {
          kind: "official_account",
          name: row.name,
          type: row.account_type,
          wechatId: row.wechat_id,
          originalId: row.original_id,
          loginEmail: row.login_email,
          // An operator hidden from a restricted staff member shows as none.
          operator: row.operator_person_id && row.operator_name !== null ? { id: row.operator_person_id, name: row.operator_name } : null,
          verificationStatus: row.verification_status,
          verificationExpiresAt: iso(row.verification_expires_at),
          registeredAt: iso(row.registered_at),
        };
      }
    } else {
      const { rows } = await tx.execute<{
        corp_name: string;
        short_name: string | null;
        corp_id: string | null;
        admin_person_id: string | null;
        admin_name: string | null;
        tier: "free" | "paid";
        verification_status: VerificationStatus;
        verification_expires_at: Date | string | null;
      }>(sql`
        select w.corp_name, w.short_name, w.corp_id, w.admin_person_id, p.name as admin_name, w.tier,
          w.verification_status, w.verification_expires_at
        from wecom_corps w
        left join people p on p.agency_id = w.agency_id and p.id = w.admin_person_id
        where w.agency_id = ${agencyId} and w.registration_id = ${card.id}::uuid`);
      const row = rows[0];
      if (row) {
        details = {
          kind: "wecom",
          name: row.corp_name,
          shortName: row.short_name,
          corpId: row.corp_id,
          admin: row.admin_person_id && row.admin_name !== null ? { id: row.admin_person_id, name: row.admin_name } : null,
          tier: row.tier,
          verificationStatus: row.verification_status,
          verificationExpiresAt: iso(row.verification_expires_at),
        };
      }
    }
    const { rows: noteRows } = await tx.execute<{ id: string; body: string; author: string | null; created_at: Date | string }>(sql`
      select n.id, n.body, u.name as author, n.created_at
      from notes n left join users u on u.id = n.author_user_id
      where n.agency_id = ${agencyId} and n.client_company_id = ${card.company.id}::uuid and n.registration_id = ${card.id}::uuid
      order by n.created_at desc, n.id desc limit ${CARD_NOTES_LIMIT}`);
    const { rows: documentRows } = await tx.execute<{
      id: string;
      kind: DocumentKind;
      status: DocumentStatus;
      expires_on: string | null;
      updated_at: Date | string;
    }>(sql`
      select d.id, d.kind, d.status, d.expires_on::text as expires_on, d.updated_at
      from document_registrations dr
      join documents d on d.agency_id = dr.agency_id and d.id = dr.document_id
      where dr.agency_id = ${agencyId} and dr.registration_id = ${card.id}::uuid
      order by d.kind, d.updated_at desc`);
    return {
      companyKind: companies[0]?.kind ?? "cn_org",
      account: details,
      notes: noteRows.map((row) => ({ id: row.id, body: row.body, author: row.author, createdAt: iso(row.created_at)! })),
      documents: documentRows.map((row) => ({
        id: row.id,
        kind: row.kind,
        status: row.status,
        expiresOn: row.expires_on,
        updatedAt: iso(row.updated_at)!,
      })),
    };
  });

  let dueInBusinessDays: number | null = null;
  if (card.dueAt) {
    const timeZone = actor.agency.timeZone;
    const today = localDate(now, timeZone);
    const dueDay = localDate(new Date(card.dueAt), timeZone);
    const [from, to] = [today, dueDay].sort();
    const calendar = await calendarFor(actor, Number(from!.slice(0, 4)), Number(to!.slice(0, 4)));
    dueInBusinessDays = businessDaysBetween(today, dueDay, calendar);
  }

  return {
    card,
    companyKind,
    account,
    events,
    dueInBusinessDays,
    notes,
    documents,
    requiredKinds: [...requiredDocuments[card.pipeline]],
    canMove: can(actor.role, "registration:move"),
    canAddNote: can(actor.role, "note:write"),
    readAt: now.toISOString(),
  };
}

/** For the layout's check of /<agency>/registrations/<id>: a card the member may see, else the 404 page. */
export async function requireRegistrationPage(actor: CardActor, id: string): Promise<void> {
  assertCan(actor.role, "registration:read");
  if (!UUID.test(id)) nextNotFound();
  try {
    await getRegistration(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") nextNotFound();
    throw error;
  }
}
