/**
 * `npm run db:migrate` and `npm run db:seed` against DATABASE_URL, or, when it is
 * unset, against the embedded PostgreSQL that `npm run dev` uses.
 */
import nextEnv from "@next/env";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/db/seed";
import { localSecrets, startLocalServices } from "./lib/local-services";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

async function main(command: string | undefined) {
  if (command !== "migrate" && command !== "seed") {
    console.error("usage: tsx scripts/db.ts migrate|seed");
    process.exit(2);
  }
  const services = process.env.DATABASE_URL
    ? undefined
    : await startLocalServices({ appUrl: "http://localhost:3000", log: console.log, only: "postgres" });
  const url = process.env.DATABASE_URL ?? services!.env.DATABASE_URL!;
  const rolePassword = process.env.DATABASE_ROLE_PASSWORD ?? services?.env.DATABASE_ROLE_PASSWORD;
  try {
    await migrateDatabase(url, { rolePassword });
    console.log("migrations applied");
    if (command === "seed") {
      const demoPassword = process.env.DEMO_PASSWORD ?? localSecrets().DEMO_PASSWORD;
      const result = await seedDatabase(url, { demoPassword });
      console.log(result.created ? `seeded the demo agency /${result.agencySlug}` : "the seed was already applied");
    }
  } finally {
    await services?.stop();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
