import { defineConfig } from "drizzle-kit";

// db:generate needs no database; db:studio reads DATABASE_URL (printed by `npm run dev`).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgresql://localhost/weidesk" },
  strict: true,
  verbose: true,
});
