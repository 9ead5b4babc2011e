/**
 * The demo data `npm run dev` starts with: the demo agency and a user of every role
 * (all with the password `npm run dev` prints), plus a second agency that the staff
 * user also belongs to, so the agency picker has something to pick. Idempotent:
 * running it twice changes nothing.
 *
 * Runs as the migrating connection (DATABASE_URL): a superuser, or a role granted
 * weidesk_maint (BYPASSRLS), since it writes several tenants at once.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { agencies, clientCompanies, memberships, users } from "./schema";

export const DEMO_AGENCY = { slug: "demo", name: "云帆咨询 Yunfan Consulting" } as const;
export const SECOND_AGENCY = { slug: "demo-north", name: "北辰企业服务 Beichen Services" } as const;

/** The demo client company whose administrator signs in as client@… */
export const DEMO_CLIENT_COMPANY = {
  legalNameZh: "上海青禾文化传播有限公司",
  nameEn: "Shanghai Qinghe Culture Media Co., Ltd.",
  uscc: "91310110666007217T",
} as const;

export const DEMO_USERS: readonly { email: string; name: string; role: Role; locale: "en" | "zh-CN" }[] = [
  { email: "owner@yunfan.example", name: "林晓 Lin Xiao", role: "owner", locale: "zh-CN" },
  { email: "admin@yunfan.example", name: "周敏 Zhou Min", role: "admin", locale: "zh-CN" },
  { email: "staff@yunfan.example", name: "王磊 Wang Lei", role: "staff", locale: "zh-CN" },
  { email: "manager@yunfan.example", name: "Emma Clarke", role: "manager", locale: "en" },
  { email: "client@qinghe.example", name: "陈静 Chen Jing", role: "client_admin", locale: "zh-CN" },
];

export type SeedOptions = { demoPassword: string };
export type SeedResult = { agencySlug: string; created: boolean; users: typeof DEMO_USERS };

export async function seedDatabase(connectionString: string, options: SeedOptions): Promise<SeedResult> {
  const client = new pg.Client({ connectionString, application_name: "weidesk-seed" });
  await client.connect();
  try {
    const db = drizzle(client);
    const now = clock.now();
    const passwordHash = await hashPassword(options.demoPassword);
    let created = false;

    await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: agencies.id }).from(agencies).where(sql`${agencies.slug} = ${DEMO_AGENCY.slug}`);
      if (existing) return; // seeded already: change nothing
      created = true;

      const agencyId = newId();
      const secondAgencyId = newId();
      await tx.insert(agencies).values([
        { id: agencyId, slug: DEMO_AGENCY.slug, name: DEMO_AGENCY.name, createdAt: now },
        { id: secondAgencyId, slug: SECOND_AGENCY.slug, name: SECOND_AGENCY.name, createdAt: now },
      ]);
      const companyId = newId();
      await tx.insert(clientCompanies).values({
        id: companyId,
        agencyId,
        kind: "cn_org",
        subjectType: "enterprise",
        ...DEMO_CLIENT_COMPANY,
        createdAt: now,
        updatedAt: now,
      });

      const userIds = new Map<string, string>();
      for (const user of DEMO_USERS) {
        const [row] = await tx
          .insert(users)
          .values({ id: newId(), email: user.email, name: user.name, passwordHash, locale: user.locale, emailVerifiedAt: now, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: users.id });
        userIds.set(user.email, row!.id);
      }
      await tx.insert(memberships).values([
        ...DEMO_USERS.map((user) => ({
          id: newId(),
          agencyId,
          userId: userIds.get(user.email)!,
          role: user.role,
          clientCompanyId: user.role === "client_admin" ? companyId : null,
          createdAt: now,
        })),
        // The staff user also works for a second agency: the picker after sign-in.
        { id: newId(), agencyId: secondAgencyId, userId: userIds.get("staff@yunfan.example")!, role: "staff" as const, createdAt: now },
      ]);
    });

    return { agencySlug: DEMO_AGENCY.slug, created, users: DEMO_USERS };
  } finally {
    await client.end();
  }
}
