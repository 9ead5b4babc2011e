/**
 * The drizzle schema. Migrations are generated from it (`npm run db:generate`), read
 * and committed; what drizzle-kit cannot express (roles, row-level security,
 * triggers, grants) goes in hand-written `--custom` migrations beside them.
 */
import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** The tenant: one consultancy. Global (no agency_id); the data model issue extends it. */
export const agencies = pgTable(
  "agencies",
  {
    // UUIDv7, generated in the app (PostgreSQL 15 has no uuidv7()).
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    defaultLocale: text("default_locale", { enum: ["en", "zh-CN"] }).notNull().default("zh-CN"),
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("agencies_slug_key").on(table.slug),
    check("agencies_slug_format", sql`${table.slug} ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'`),
    check("agencies_default_locale", sql`${table.defaultLocale} in ('en', 'zh-CN')`),
  ],
);

export type Agency = typeof agencies.$inferSelect;
