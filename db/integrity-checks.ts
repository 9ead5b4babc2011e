/**
 * What must hold of a Weidesk database whatever wrote it, and fingerprints to compare
 * two of them: `npm run backup:check` (scripts/backup-check.ts) runs these on a seeded
 * database and on its pg_dump restored elsewhere, which must agree to the last grant.
 *
 * Every function reads through `client`, which must see every row: a superuser or a
 * role with BYPASSRLS (weidesk_maint). tenantViewsAsApp reads as weidesk_app instead,
 * through row-level security, as the app does.
 */
import pg from "pg";

/** A named check and what it found wrong; no problems means it passed. */
export type Check = { name: string; problems: string[] };

/** At most MAX_PROBLEMS problems spelled out, then how many more: a report stays readable. */
const MAX_PROBLEMS = 10;
export function capped(problems: string[]): string[] {
  return problems.length <= MAX_PROBLEMS
    ? problems
    : [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`];
}

async function rowsAsProblems(client: pg.ClientBase, text: string, describe: (row: Record<string, unknown>) => string) {
  const { rows } = await client.query<Record<string, unknown>>(text);
  return capped(rows.map(describe));
}

/* ------------------------------------------------------------ data invariants */

/**
 * Every card's stage changes are in registration_events: its first event comes from no
 * stage, each later one leaves the stage the previous one entered, and the last one
 * entered the card's stage when the card says it did.
 */
async function stageHistory(client: pg.ClientBase): Promise<Check> {
  const problems = await rowsAsProblems(
    client,
    `with e as (
       select registration_id, from_stage, to_stage, at,
              lag(to_stage) over (partition by registration_id order by at, id) as previous,
              row_number() over (partition by registration_id order by at desc, id desc) as from_last
       from registration_events)
     select r.id, r.stage::text, 'no event entered its stage at stage_entered_at' as why from registrations r
       where not exists (select 1 from e where e.registration_id = r.id and e.from_last = 1
                         and e.to_stage = r.stage and e.at = r.stage_entered_at)
     union all
     select e.registration_id, e.to_stage::text, 'an event leaves ' || coalesce(e.from_stage::text, 'nothing') ||
            ' after one that entered ' || coalesce(e.previous::text, 'nothing') from e
       where e.from_stage is distinct from e.previous
     order by 1 limit 100`,
    (r) => `card ${r.id} (${r.stage}): ${r.why}`,
  );
  return { name: "every stage change has its event", problems };
}

/**
 * The two-accounts-per-ID cap (design.md §4.2): each slot is held by an account whose
 * operator holds that ID (a live card, for an Official Account), and every live Official
 * Account with an operator holds one.
 */
async function idSlots(client: pg.ClientBase): Promise<Check> {
  const wrong = await rowsAsProblems(
    client,
    `select s.agency_id, s.slot, coalesce(s.official_account_id, s.external_account_id) as holder from id_slots s
     left join official_accounts o on o.id = s.official_account_id
     left join external_accounts x on x.id = s.external_account_id
     left join people p on p.id = coalesce(o.operator_person_id, x.operator_person_id)
     left join registrations r on r.id = o.registration_id
     where p.id_number_hmac is distinct from s.operator_id_hmac or r.stage in ('rejected', 'abandoned')
     order by 1, 3 limit 100`,
    (r) => `slot ${r.slot} of agency ${r.agency_id} is held by ${r.holder}, whose operator does not hold that ID or whose card is closed`,
  );
  const missed = await rowsAsProblems(
    client,
    `select o.id from official_accounts o join registrations r on r.id = o.registration_id
     where o.operator_person_id is not null and r.stage not in ('rejected', 'abandoned')
       and not exists (select 1 from id_slots s where s.official_account_id = o.id)
     order by 1 limit 100`,
    (r) => `live Official Account ${r.id} has an operator but no ID slot`,
  );
  return { name: "ID slots match the Official Accounts' operators", problems: [...wrong, ...missed] };
}

/**
 * Every document version names its object under upload.ts's finalKey, and a document has
 * versions exactly when it is past `requested`. The objects themselves live in S3, which
 * pg_dump does not reach: the bucket needs its own backup.
 */
async function documentVersions(client: pg.ClientBase): Promise<Check> {
  const keys = await rowsAsProblems(
    client,
    `select v.id, v.s3_key from document_versions v
     where v.s3_key is distinct from
       'agencies/' || v.agency_id || '/companies/' || v.client_company_id || '/documents/' || v.document_id || '/' || v.id
     order by 1 limit 100`,
    (r) => `version ${r.id} has object key ${JSON.stringify(r.s3_key)}`,
  );
  const statuses = await rowsAsProblems(
    client,
    `select d.id, d.status::text from documents d
     where (d.status = 'requested') = exists (select 1 from document_versions v where v.document_id = d.id)
     order by 1 limit 100`,
    (r) => `document ${r.id} is ${r.status} ${r.status === "requested" ? "but has" : "with no"} versions`,
  );
  return { name: "every document version references its object key", problems: [...keys, ...statuses] };
}

/** Every foreign key holds row by row, and none is left NOT VALID. */
async function foreignKeys(client: pg.ClientBase): Promise<Check> {
  const { rows: fks } = await client.query<{ name: string; child: string; parent: string; cols: string[]; pcols: string[]; valid: boolean }>(
    `select conname as name, conrelid::regclass::text as child, confrelid::regclass::text as parent, convalidated as valid,
       (select array_agg(quote_ident(x.attname) order by k.i) from unnest(conkey) with ordinality k(n, i)
        join pg_attribute x on x.attrelid = conrelid and x.attnum = k.n)::text[] as cols,
       (select array_agg(quote_ident(x.attname) order by k.i) from unnest(confkey) with ordinality k(n, i)
        join pg_attribute x on x.attrelid = confrelid and x.attnum = k.n)::text[] as pcols
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where contype = 'f' and n.nspname not in ('pg_catalog', 'information_schema')
     order by 2, 1`,
  );
  const problems: string[] = fks.length === 0 ? ["no foreign keys at all"] : [];
  for (const fk of fks) {
    if (!fk.valid) problems.push(`${fk.child}.${fk.name} is NOT VALID`);
    const present = fk.cols.map((c) => `c.${c} is not null`).join(" and ");
    const match = fk.cols.map((c, i) => `p.${fk.pcols[i]} = c.${c}`).join(" and ");
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from ${fk.child} c where ${present} and not exists (select 1 from ${fk.parent} p where ${match})`,
    );
    if (rows[0]!.n > 0) problems.push(`${fk.child}.${fk.name}: ${rows[0]!.n} rows reference no ${fk.parent}`);
  }
  return { name: `foreign keys hold (${fks.length})`, problems: capped(problems) };
}

/** The Chinese search's posting lists are their companies' grams, row for row (ADR 0028). */
export async function companyGrams(client: pg.ClientBase): Promise<Check> {
  const problems = await rowsAsProblems(
    client,
    `with expected as (
       select c.agency_id, g.gram, c.sort_name, c.id as client_company_id, c.search_name, c.archived_at, c.assignee_user_id, c.kind_code
         from client_companies c cross join lateral unnest(c.search_grams) as g(gram)),
     actual as (
       select agency_id, gram, sort_name, client_company_id, search_name, archived_at, assignee_user_id, kind_code from client_company_grams)
     select 'missing' as what, client_company_id, gram from (select * from expected except all select * from actual) m
     union all
     select 'stale', client_company_id, gram from (select * from actual except all select * from expected) s
     order by 2, 3 limit 100`,
    (r) => `company ${r.client_company_id}: posting row for ${JSON.stringify(r.gram)} ${r.what}`,
  );
  return { name: "the search's posting lists match the companies' names", problems };
}

/** Each company's registration count is its registrations, counted (ADR 0030). */
export async function registrationCounts(client: pg.ClientBase): Promise<Check> {
  const problems = await rowsAsProblems(
    client,
    `select c.id, c.registration_count, n.count
       from client_companies c
       cross join lateral (select count(*)::int as count from registrations r where r.agency_id = c.agency_id and r.client_company_id = c.id) n
      where c.registration_count <> n.count
      order by c.id limit 100`,
    (r) => `company ${r.id}: counts ${r.registration_count} registrations, has ${r.count}`,
  );
  return { name: "each company's registration count matches its registrations", problems };
}

/** The data invariants of a Weidesk database, each as a Check. */
export async function dataInvariants(client: pg.ClientBase): Promise<Check[]> {
  return [
    await stageHistory(client),
    await idSlots(client),
    await documentVersions(client),
    await companyGrams(client),
    await registrationCounts(client),
    await foreignKeys(client),
  ];
}

/* ------------------------------------------------------------ the security catalogue */

/**
 * ADR 0005 as the catalogue says it: FORCE row-level security on every table with
 * agency_id, weidesk_owner owns every table and SECURITY DEFINER function, and the app
 * and worker roles own nothing. ADR 0026: weidesk_scoped has weidesk_app's privileges
 * and policies, and the per-row scopes are its alone.
 */
export async function securityCatalogue(client: pg.ClientBase): Promise<Check[]> {
  const unforced = await rowsAsProblems(
    client,
    `select c.oid::regclass as relation from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
       and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'agency_id' and not a.attisdropped)
       and not (c.relrowsecurity and c.relforcerowsecurity)
     order by 1`,
    (r) => `${r.relation} lacks ENABLE or FORCE row-level security`,
  );
  const foreignOwned = await rowsAsProblems(
    client,
    `select c.oid::regclass::text as object, c.relowner::regrole::text as owner from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relowner <> 'weidesk_owner'::regrole
     union all
     select p.oid::regprocedure::text, p.proowner::regrole::text from pg_proc p
       where p.pronamespace = 'public'::regnamespace and p.prosecdef and p.proowner <> 'weidesk_owner'::regrole
     order by 1`,
    (r) => `${r.object} belongs to ${r.owner}, not weidesk_owner`,
  );
  const { rows: definers } = await client.query<{ n: number }>(
    "select count(*)::int as n from pg_proc where pronamespace = 'public'::regnamespace and prosecdef",
  );
  const owning = await rowsAsProblems(
    client,
    `select r.rolname,
            (select count(*) from pg_class c where c.relowner = r.oid) + (select count(*) from pg_proc p where p.proowner = r.oid)
          + (select count(*) from pg_namespace n where n.nspowner = r.oid) + (select count(*) from pg_type t where t.typowner = r.oid) as owned
     from pg_roles r where r.rolname in ('weidesk_app', 'weidesk_worker', 'weidesk_scoped')
     order by 1`,
    (r) => (Number(r.owned) > 0 ? `${r.rolname} owns ${r.owned} objects` : ""),
  );
  // ADR 0026: weidesk_scoped may do exactly what weidesk_app may ...
  const privileges = await rowsAsProblems(
    client,
    `with granted as (
       select a.grantee, c.oid::regclass::text || ' ' || a.privilege_type as what
         from pg_class c, aclexplode(c.relacl) a where c.relnamespace = 'public'::regnamespace
       union all
       select a.grantee, c.oid::regclass::text || '.' || att.attname || ' ' || a.privilege_type
         from pg_attribute att join pg_class c on c.oid = att.attrelid, aclexplode(att.attacl) a
        where c.relnamespace = 'public'::regnamespace
       union all
       select a.grantee, p.oid::regprocedure::text || ' ' || a.privilege_type
         from pg_proc p, aclexplode(p.proacl) a where p.pronamespace = 'public'::regnamespace)
     select what, 'weidesk_app' as who from granted where grantee = 'weidesk_app'::regrole
     except select what, 'weidesk_app' from granted where grantee = 'weidesk_scoped'::regrole
     union all
     (select what, 'weidesk_scoped' from granted where grantee = 'weidesk_scoped'::regrole
      except select what, 'weidesk_scoped' from granted where grantee = 'weidesk_app'::regrole)
     order by 1`,
    (r) => `only ${r.who} has ${r.what}`,
  );
  // ... is under every policy weidesk_app is under but open_scope, and alone under the per-row scopes,
  // which weidesk_app trades for open_scope on every table that has them.
  const policies = await rowsAsProblems(
    client,
    `with p as (
       select pol.polrelid::regclass::text as rel, pol.polname as name,
              'weidesk_app'::regrole = any (pol.polroles) as app, 'weidesk_scoped'::regrole = any (pol.polroles) as scoped
         from pg_policy pol join pg_class c on c.oid = pol.polrelid where c.relnamespace = 'public'::regnamespace)
     select rel || ' ' || name || ': ' || problem as problem
       from (select rel, name, case
                when name in ('assigned_scope', 'client_company_scope') and app then 'applies to weidesk_app'
                when name in ('assigned_scope', 'client_company_scope') and not scoped then 'does not apply to weidesk_scoped'
                when name = 'open_scope' and (scoped or not app) then 'is not weidesk_app''s alone'
                when name not in ('assigned_scope', 'client_company_scope', 'open_scope') and app <> scoped then 'applies to one of weidesk_app and weidesk_scoped'
              end as problem
             from p) checked
      where problem is not null
     union all
     select rel || ': ' || case when bool_or(name = 'open_scope') then 'open_scope without a per-row scope' else 'a per-row scope without open_scope' end
       from p where name in ('assigned_scope', 'client_company_scope', 'open_scope')
      group by rel having bool_or(name = 'open_scope') <> bool_or(name in ('assigned_scope', 'client_company_scope'))
     order by 1`,
    (r) => String(r.problem),
  );
  const { rows: scopedRole } = await client.query<{ ok: boolean }>(
    `select not rolcanlogin and not rolinherit and not rolbypassrls and not rolsuper as ok from pg_roles where rolname = 'weidesk_scoped'`,
  );
  return [
    { name: "FORCE row-level security on every tenant table", problems: unforced },
    {
      name: `weidesk_owner owns every table and SECURITY DEFINER function (${definers[0]!.n})`,
      problems: definers[0]!.n === 0 ? ["no SECURITY DEFINER function at all", ...foreignOwned] : foreignOwned,
    },
    { name: "weidesk_app, weidesk_worker and weidesk_scoped own nothing", problems: owning.filter(Boolean) },
    {
      name: "weidesk_scoped: NOLOGIN, NOINHERIT, no BYPASSRLS, with exactly weidesk_app's privileges",
      problems: scopedRole[0]?.ok ? privileges : ["weidesk_scoped is missing or may log in, inherit or bypass RLS", ...privileges],
    },
    { name: "the per-row scopes are weidesk_scoped's, open_scope weidesk_app's, every other policy both", problems: policies },
  ];
}

/* ------------------------------------------------------------ fingerprints */

/**
 * The schema objects and their privileges, as sorted text lines per kind: two databases
 * restored from one another must have the same. Object ids and the database's name stay
 * out, and ACLs are sorted (a restore may grant in another order).
 */
const CATALOGUE: Record<string, string> = {
  schemas: `select n.nspname || ' owner=' || n.nspowner::regrole || ' acl=' || coalesce(array(select unnest(n.nspacl)::text order by 1)::text, '-')
    from pg_namespace n where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  relations: `select c.oid::regclass || ' kind=' || c.relkind::text || ' owner=' || c.relowner::regrole || ' rls=' || c.relrowsecurity
      || ' force=' || c.relforcerowsecurity || ' acl=' || coalesce(array(select unnest(c.relacl)::text order by 1)::text, '-')
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  "column grants": `select a.attrelid::regclass || '.' || a.attname || ' acl=' || array(select unnest(a.attacl)::text order by 1)::text
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where a.attacl is not null and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  columns: `select a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
      || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' generated=' || a.attgenerated::text
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm')
      and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  policies: `select schemaname || '.' || tablename || ' ' || policyname || ' ' || permissive || ' ' || cmd || ' to ' || roles::text
      || ' using ' || coalesce(qual, '-') || ' check ' || coalesce(with_check, '-')
    from pg_policies`,
  functions: `select p.oid::regprocedure || ' owner=' || p.proowner::regrole || ' definer=' || p.prosecdef || ' volatile=' || p.provolatile::text
      || ' config=' || coalesce(p.proconfig::text, '-') || ' body=' || md5(p.prosrc)
      || ' acl=' || coalesce(array(select unnest(p.proacl)::text order by 1)::text, '-')
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  triggers: `select t.tgrelid::regclass || ' ' || t.tgname || ' enabled=' || t.tgenabled::text || ' ' || pg_get_triggerdef(t.oid)
    from pg_trigger t where not t.tgisinternal`,
  constraints: `select c.conrelid::regclass || ' ' || c.conname || ' valid=' || c.convalidated || ' ' || pg_get_constraintdef(c.oid)
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.conrelid <> 0 and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  indexes: `select schemaname || ' ' || indexdef from pg_indexes where schemaname !~ '^pg_' and schemaname <> 'information_schema'`,
  types: `select t.oid::regtype || ' owner=' || t.typowner::regrole || ' labels=' || coalesce(array(
        select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)::text, '-')
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where t.typtype in ('e', 'd') and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  "default privileges": `select d.defaclrole::regrole || ' in ' || coalesce(d.defaclnamespace::regnamespace::text, '*') || ' on ' || d.defaclobjtype::text
      || ' acl=' || array(select unnest(d.defaclacl)::text order by 1)::text
    from pg_default_acl d`,
  extensions: "select extname || ' ' || extversion || ' in ' || extnamespace::regnamespace from pg_extension",
  "database grants": `select array(select unnest(datacl)::text order by 1)::text from pg_database where datname = current_database()`,
};

export async function catalogueFingerprint(client: pg.ClientBase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [kind, text] of Object.entries(CATALOGUE)) {
    const { rows } = await client.query<{ line: string | null }>(`select line from (${text}) s(line) order by 1`);
    out[kind] = rows.map((r) => r.line ?? "(null)");
  }
  return out;
}

/** Row count and a checksum of the content of every table outside the system schemas. */
export async function tableFingerprints(client: pg.ClientBase): Promise<Record<string, string>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: number; sum: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum from ${name} t`,
    );
    out[name] = `${rows[0]!.n} rows, md5 ${rows[0]!.sum}`;
  }
  return out;
}

/** How a fingerprint's sorted lines differ: the first few of each side's own. */
export function linesDiffer(kind: string, source: string[], restored: string[]): string[] {
  const inRestored = new Set(restored);
  const inSource = new Set(source);
  return capped([
    ...source.filter((line) => !inRestored.has(line)).map((line) => `${kind}, source only: ${line}`),
    ...restored.filter((line) => !inSource.has(line)).map((line) => `${kind}, restore only: ${line}`),
  ]);
}

/* ------------------------------------------------------------ through the app's eyes */

/** The key prefix of tenantViewsAsApp's views with no tenant set: they must be empty. */
export const NO_TENANT = "no tenant";

export type Viewer = { agencyId: string; userId: string; role: string; clientCompanyId: string | null };

/** One member of each role in each agency: whose eyes tenantViewsAsApp looks through. */
export async function viewers(client: pg.ClientBase): Promise<Viewer[]> {
  const { rows } = await client.query<Viewer>(
    `select distinct on (agency_id, role) agency_id as "agencyId", user_id as "userId", role::text as role,
            client_company_id as "clientCompanyId"
     from memberships where status = 'active' order by agency_id, role, created_at, id`,
  );
  return rows;
}

/** What one viewer sees of one table: how many rows, their checksum, how many of another agency. */
export type TenantView = { rows: number; sum: string; foreign: number };

/**
 * What weidesk_app sees of every tenant table it may read, for each viewer in the tenant
 * context db/tenant.ts sets and for no tenant at all, keyed "viewer: table". `appUrl`
 * connects as weidesk_app.
 */
export async function tenantViewsAsApp(appUrl: string, people: Viewer[]): Promise<Record<string, TenantView>> {
  const app = new pg.Client({ connectionString: appUrl, application_name: "weidesk-backup-check" });
  await app.connect();
  try {
    const { rows: tables } = await app.query<{ name: string }>(
      `select c.relname as name from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and has_table_privilege(c.oid, 'select')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'agency_id' and not a.attisdropped)
       order by 1`,
    );
    const out: Record<string, TenantView> = {};
    for (const viewer of [null, ...people]) {
      const who = viewer ? `${viewer.role} ${viewer.userId} of ${viewer.agencyId}` : NO_TENANT;
      await app.query("begin read only");
      try {
        await app.query(
          "select weidesk_enter_tenant($1, $2, $3)",
          [viewer?.agencyId ?? "", viewer?.userId ?? "", viewer?.clientCompanyId ?? ""],
        );
        for (const { name } of tables) {
          const { rows } = await app.query<TenantView>(
            `select count(*)::int as "rows", md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum,
                    count(*) filter (where agency_id is distinct from $1::uuid)::int as "foreign"
             from ${app.escapeIdentifier(name)} t`,
            [viewer?.agencyId ?? null],
          );
          out[`${who}: ${name}`] = rows[0]!;
        }
      } finally {
        await app.query("rollback");
      }
    }
    return out;
  } finally {
    await app.end();
  }
}
