/**
 * The tenant the fuzz suite attacks: an agency with a row in every tenant table
 * (lib/testing/factories.ts), a verified owner with an API token and a session cookie, a
 * verified client administrator with a cookie, and a checksum of everything the agency
 * owns, so a refused input can be shown to have written nothing.
 */
import type pg from "pg";
import { findMemberActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { sessionCookie } from "./request-scope";

export type FuzzFixture = AgencyFixture & {
  ownerId: string;
  ownerEmail: string;
  /** Bearer token of the owner (every /api/v1 permission), and its id. */
  token: string;
  tokenId: string;
  ownerCookie: string;
  clientCookie: string;
  /** A user of no agency, whose sessions the sign-out route may end. */
  spareCookie: string;
  /** The first row the factory made in `table`. */
  row: (table: string) => string;
};

export async function makeFuzzFixture(admin: pg.Client): Promise<FuzzFixture> {
  const fixture = await makeAgencyWithEveryTable(admin, "fuzz");
  const ownerId = newId();
  const ownerEmail = `owner-${fixture.slug}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Fuzz owner', now(), now())`, [
    ownerId,
    ownerEmail,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'owner', now())`, [
    newId(),
    fixture.agencyId,
    ownerId,
  ]);
  // The factory's users have not checked their e-mail; the suite's callers must get past that.
  await admin.query(`update users set email_verified_at = now() where id = any($1)`, [[fixture.userId, fixture.clientAdminUserId]]);
  const spareId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Spare', now(), now())`, [
    spareId,
    `spare-${fixture.slug}@example.com`,
  ]);
  const { token, id: tokenId } = await createApiToken(await findMemberActor(fixture.slug, ownerEmail), { name: "fuzz", expiresInDays: null });
  const versions = await admin.query<{ id: string; session_version: number }>(`select id, session_version from users where id = any($1)`, [
    [ownerId, fixture.clientAdminUserId, spareId],
  ]);
  const versionOf = (id: string) => versions.rows.find((row) => row.id === id)!.session_version;
  return {
    ...fixture,
    ownerId,
    ownerEmail,
    token,
    tokenId,
    ownerCookie: await sessionCookie(ownerId, versionOf(ownerId)),
    clientCookie: await sessionCookie(fixture.clientAdminUserId, versionOf(fixture.clientAdminUserId)),
    spareCookie: await sessionCookie(spareId, versionOf(spareId)),
    row: (table) => {
      const id = fixture.rows[table]?.[0];
      if (!id) throw new Error(`the factory made no ${table} row`);
      return id;
    },
  };
}

/**
 * Per table, the count of `agencyId`'s rows and the newest transaction that wrote one of
 * them (max xmin: an insert or an update makes a row version with a newer xmin, a delete
 * lowers the count). Two equal checksums: nothing was committed for the agency. A
 * prepared statement: it is run around every fuzzed call.
 */
export async function tenantChecksum(admin: pg.Client, fixture: { agencyId: string; tokenId: string }): Promise<Record<string, string>> {
  const tables = await tenantTables(admin);
  const signature = (from: string) => `(select count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) from ${from})`;
  // The suite's own token is stamped as used on every call it makes.
  const filter = (table: string) => (table === "api_tokens" ? "agency_id = $1 and id <> $2" : "agency_id = $1");
  const parts = tables.map((table) => `${signature(`${admin.escapeIdentifier(table)} t where ${filter(table)}`)} as ${admin.escapeIdentifier(table)}`);
  const { rows } = await admin.query<Record<string, string>>({
    name: "fuzz-tenant-checksum",
    // Only the fixture agency's rows: other test files write users and agencies in the same
    // database meanwhile (CI saw both tables change between two checksums of one refused call).
    text: `select ${parts.join(", ")}`,
    values: [fixture.agencyId, fixture.tokenId],
  });
  return rows[0]!;
}

let cachedTables: Promise<string[]> | undefined;

/** The tables of the public schema with an agency_id column. */
function tenantTables(admin: pg.Client): Promise<string[]> {
  cachedTables ??= admin
    .query<{ table_name: string }>(
      `select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
       where c.table_schema = 'public' and c.column_name = 'agency_id' and t.table_type = 'BASE TABLE' order by 1`,
    )
    .then(({ rows }) => rows.map((row) => row.table_name));
  return cachedTables;
}

/** The tables whose checksum differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((table) => before[table] !== after[table]);
}
