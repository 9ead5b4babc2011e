/**
 * What every staff list shares (the clients list began it; people and Official Accounts
 * follow): an opaque keyset cursor — the last row's sort value and id, base64url JSON,
 * checked on the way in — the capped count, and LIKE patterns. Pure: no server imports.
 */

/** Counted up to this many matching rows; beyond it a list says "10 000+". */
export const COUNT_CAP = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor after a row whose sort value is `value` under `sort`. */
export function encodeCursor(sort: string, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString("base64url");
}

/**
 * The cursor's value and id if it was made for `sort`, else null (the first page): a
 * cursor from another sort, a tampered one or a date that is not one never reaches SQL.
 */
export function decodeCursor(
  sort: string,
  cursor: string | undefined,
  kind: "text" | "timestamp",
): { value: string; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) return null;
    const [, value, id] = parsed as [string, unknown, unknown];
    if (typeof value !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
    if (kind === "timestamp" && Number.isNaN(Date.parse(value))) return null;
    return { value, id };
  } catch {
    return null;
  }
}

/** A LIKE pattern matching `text` anywhere, its wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The page, the next cursor and the capped total from `limit + 1` fetched rows. */
export function pageOf<R extends { id: string; sort_key: string }>(
  rows: R[],
  limit: number,
  sort: string,
  total: number,
): { rows: R[]; next: string | null; total: number; totalCapped: boolean } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? encodeCursor(sort, last.sort_key, last.id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  };
}
