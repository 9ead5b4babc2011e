import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { db } from "@/db/client";
import { agencies } from "@/db/schema";

export type AgencySummary = {
  id: string;
  slug: string;
  name: string;
  defaultLocale: "en" | "zh-CN";
  timeZone: string;
};

/**
 * The agency behind a URL slug, or null. Cached per request: the layout and the
 * page both ask. No permission check yet: the sign-in issue puts membership in front.
 */
export const getAgencyBySlug = cache(async (slug: string): Promise<AgencySummary | null> => {
  const [row] = await db()
    .select({
      id: agencies.id,
      slug: agencies.slug,
      name: agencies.name,
      defaultLocale: agencies.defaultLocale,
      timeZone: agencies.timeZone,
    })
    .from(agencies)
    .where(eq(agencies.slug, slug))
    .limit(1);
  return row ?? null;
});
