/**
 * `npm run db:migrate` and `npm run db:seed` against DATABASE_URL, or, when it is
 * unset, against the embedded PostgreSQL that `npm run dev` uses.
 *
 *   npm run db:seed                                   the demo agency (idempotent)
 *   npm run db:seed -- --scale N [--agency slug] [--agencies K]
 *                                                     N generated companies and their rows
 *                                                     in one agency ("bench" by default),
 *                                                     plus K small agencies (db/seed-scale.ts)
 */
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/db/seed";
import { DEFAULT_SCALE_SLUG, SMALL_AGENCY_COMPANIES, seedScale } from "@/db/seed-scale";
import { localSecrets, startLocalServices } from "./lib/local-services";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const USAGE = "usage: tsx scripts/db.ts migrate | seed [--scale N [--agency slug]] [--agencies K]";

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${flag} needs a whole number, got "${value}"\n${USAGE}`);
  return Number(value);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { scale: { type: "string" }, agency: { type: "string" }, agencies: { type: "string" } },
  });
  const command = positionals[0];
  if ((command !== "migrate" && command !== "seed") || positionals.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const scale = wholeNumber(values.scale, "--scale");
  const smallAgencies = wholeNumber(values.agencies, "--agencies");
  const generate = scale !== undefined || smallAgencies !== undefined;
  if (command === "migrate" && (generate || values.agency)) throw new Error(`migrate takes no options\n${USAGE}`);
  if (values.agency && scale === undefined) throw new Error(`--agency goes with --scale\n${USAGE}`);

  const services = process.env.DATABASE_URL
    ? undefined
    : await startLocalServices({ appUrl: "http://localhost:3000", log: console.log, only: "postgres" });
  const url = process.env.DATABASE_URL ?? services!.env.DATABASE_URL!;
  const rolePassword = process.env.DATABASE_ROLE_PASSWORD ?? services?.env.DATABASE_ROLE_PASSWORD;
  // The seeds encrypt ID numbers with the app's keys: the embedded setup keeps them in .data.
  for (const name of ["PII_KEYS", "PII_HMAC_KEY"] as const) {
    const local = services?.env[name];
    if (!process.env[name] && local) process.env[name] = local;
  }
  try {
    await migrateDatabase(url, { rolePassword });
    console.log("migrations applied");
    if (command !== "seed") return;
    const demoPassword = process.env.DEMO_PASSWORD ?? (services ? localSecrets().DEMO_PASSWORD : undefined);
    if (!generate) {
      if (!demoPassword) throw new Error("Set DEMO_PASSWORD: the demo users' password.");
      const result = await seedDatabase(url, { demoPassword, env: process.env });
      console.log(result.created ? `seeded the demo agency /${result.agencySlug}` : "the seed was already applied");
      console.log(result.filesLine);
      return;
    }
    const slug = values.agency ?? DEFAULT_SCALE_SLUG;
    console.log(
      `generating ${scale ?? 0} companies in /${slug}` +
        (smallAgencies ? ` and ${smallAgencies} small agencies of ${SMALL_AGENCY_COMPANIES} companies` : ""),
    );
    const result = await seedScale(url, {
      companies: scale ?? 0,
      slug,
      smallAgencies,
      password: demoPassword,
      log: (line) => console.log(`  ${line}`),
    });
    for (const agency of result.agencies.filter((a) => a.slug === slug)) {
      console.log(`/${agency.slug} (${agency.created ? "new" : "existing"} agency ${agency.agencyId})`);
      if (agency.users.length > 0) {
        console.log(`  sign in as ${agency.users.join(", ")}` + (demoPassword ? " with DEMO_PASSWORD" : " (no password: DEMO_PASSWORD was unset)"));
      }
    }
    if (smallAgencies) console.log(`${smallAgencies} small agencies: /${slug}-small-01 … /${slug}-small-${String(smallAgencies).padStart(2, "0")}`);
    const width = Math.max(...Object.keys(result.rows).map((t) => t.length));
    for (const [table, count] of Object.entries(result.rows)) {
      console.log(`  ${table.padEnd(width)} ${count.toLocaleString("en").padStart(11)}`);
    }
    console.log(`done in ${(result.ms / 1000).toFixed(1)} s (statistics refreshed)`);
  } finally {
    await services?.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
