/**
 * The registrations tests' own data (board, My work, moves, the waiting flag), written as
 * the migrating (admin) connection, which row-level security does not restrict: the
 * tests then read it back through the app's own roles. Names and slugs are unique per
 * call, so test files can share a database.
 */
import type pg from "pg";
import { expect } from "vitest";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

type Admin = pg.Client | pg.PoolClient;
type Role = "staff" | "admin" | "manager";

const unique = () => newId().slice(-12);

/** An agency in `timeZone`, its slug `${slugPrefix}-…`. */
export async function addAgency(admin: Admin, slugPrefix: string, name: string, timeZone: string): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `${slugPrefix}-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, time_zone, created_at) values ($1, $2, $3, $4, now())`, [id, slug, name, timeZone]);
  return { id, slug };
}

/** A new verified user with a membership of `role` in `agency`, as the app finds them. */
export async function addMember(admin: Admin, agency: { id: string; slug: string }, role: string): Promise<ApiActor> {
  const userId = newId();
  const email = `${role}-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, now(), now())`, [userId, email, `${role} ${unique().slice(-4)}`]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, now())`, [newId(), agency.id, userId, role]);
  return findMemberActor(agency.slug, email);
}

/** A Singapore company (an overseas subject) of `agencyId`, assigned to `assignee`. */
export async function addOverseasCompany(admin: Admin, agencyId: string, name: string, assignee: string | null): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, assignee_user_id, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, now(), now())`,
    [id, agencyId, name, assignee],
  );
  return id;
}

export type RestrictedAgency = { id: string; company: string; actors: ApiActor[] };

/**
 * An agency whose staff see only their assigned clients (ADR 0010), everything made at
 * `at`: members of `roles` (named "<role> <i>", so a test may expect the name), and one
 * Chinese organisation (`companyName` with a unique suffix) assigned to the first member.
 */
export async function makeRestrictedAgency(
  admin: Admin,
  options: { slugPrefix: string; name: string; companyName: string; uscc: string; roles: Role[]; at: Date },
): Promise<RestrictedAgency> {
  const { slugPrefix, name, companyName, uscc, roles, at } = options;
  const id = newId();
  const slug = `${slugPrefix}-${unique()}`;
  const company = newId();
  await admin.query(`insert into agencies (id, slug, name, restrict_staff_to_assigned, created_at) values ($1, $2, $3, true, $4)`, [id, slug, name, at]);
  const actors: ApiActor[] = [];
  for (const [i, role] of roles.entries()) {
    const userId = newId();
    const email = `${role}${i}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, `${role} ${i}`, at]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, at]);
    actors.push(await findMemberActor(slug, email));
  }
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, assignee_user_id, created_at, updated_at)
     values ($1, $2, 'cn_org', 'enterprise', $3, $4, $5, $6, $6)`,
    [company, id, `${companyName} ${unique()}`, uscc, actors[0]!.user.id, at],
  );
  return { id, company, actors };
}

/** The AppError `promise` rejects with; fails the test when it resolves or throws anything else. */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );

/** A route handler's second argument for a card's `[id]` routes. */
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** A JSON POST to the API at `url` with a bearer token. */
export const postJson = (url: string, token: string, body: unknown) =>
  new Request(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
