/**
 * The demo data `npm run dev` starts with. Idempotent: running it twice changes
 * nothing. The data model issue fills it with clients, people and registrations.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { agencies } from "./schema";

export const DEMO_AGENCY = { slug: "demo", name: "云帆咨询 Yunfan Consulting" } as const;

export type SeedResult = { agencySlug: string; created: boolean };

export async function seedDatabase(connectionString: string): Promise<SeedResult> {
  const client = new pg.Client({ connectionString, application_name: "weidesk-seed" });
  await client.connect();
  try {
    const inserted = await drizzle(client)
      .insert(agencies)
      .values({
        id: newId(),
        slug: DEMO_AGENCY.slug,
        name: DEMO_AGENCY.name,
        defaultLocale: "zh-CN",
        timeZone: "Asia/Shanghai",
        createdAt: clock.now(),
      })
      .onConflictDoNothing({ target: agencies.slug })
      .returning({ id: agencies.id });
    return { agencySlug: DEMO_AGENCY.slug, created: inserted.length > 0 };
  } finally {
    await client.end();
  }
}
