import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import { db } from "@/db/client";

export type AgencySummary = {
  id: string;
  slug: string;
  name: string;
  defaultLocale: "en" | "zh-CN";
  timeZone: string;
  /** Owners and admins must sign in with a second factor (issue 5). */
  requireTotpForAdmins: boolean;
};

/**
 * The agency behind a URL slug, or null (deleted agencies too). Read through the
 * weidesk_agency_by_slug SECURITY DEFINER function: the tenant is not known yet, and
 * the app role sees no agency row outside its own tenant. Cached per request.
 */
export const getAgencyBySlug = cache(async (slug: string): Promise<AgencySummary | null> => {
  const { rows } = await db().execute<{
    id: string;
    slug: string;
    name: string;
    default_locale: "en" | "zh-CN";
    time_zone: string;
    require_totp_for_admins: boolean;
  }>(sql`select id, slug, name, default_locale, time_zone, require_totp_for_admins from weidesk_agency_by_slug(${slug})`);
  const row = rows[0];
  return row
    ? {
        id: row.id,
        slug: row.slug,
        name: row.name,
        defaultLocale: row.default_locale,
        timeZone: row.time_zone,
        requireTotpForAdmins: row.require_totp_for_admins,
      }
    : null;
});
