import type { ApiTokenRow } from "@/lib/api/tokens";

export type { ApiTokenRow };

/** A token just made: the only moment its secret is known outside the database's hash. */
export type NewToken = { id: string; name: string; token: string; expiresAt: Date | null };

/** What the page shows of how to call the API. */
export type ApiUsage = { documentUrl: string; example: string };
