/**
 * Every environment variable the server reads, validated once at boot
 * (instrumentation.ts) so that a missing or malformed one stops `next start` with a
 * message naming it. .env.example documents each; change both together.
 */
import { z } from "@/lib/validation/zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The public origin of the app, used in links and the S3 CORS rule. */
    APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),

    /** The server and database; its account runs migrations and must be able to create roles. */
    DATABASE_URL: postgresUrl,
    /** Password of the weidesk_owner, weidesk_app and weidesk_worker roles (set by db:migrate). */
    DATABASE_ROLE_PASSWORD: z.string().min(1).optional(),
    /** Overrides for where the app and the worker connect (default: DATABASE_URL as their role). */
    DATABASE_APP_URL: postgresUrl.optional(),
    DATABASE_WORKER_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: positiveInt(10),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt(2_000),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(10_000),
    DATABASE_IDLE_TIMEOUT_MS: positiveInt(30_000),

    /** Unset for AWS S3; set for any S3-compatible store (s3rver, MinIO, COS, OSS…). */
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid bucket name"),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
    S3_FORCE_PATH_STYLE: booleanFlag.default(false),

    /** Signs session cookies (Auth.js); the same on every instance. `openssl rand -base64 32`. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    /** ID-number encryption keys, "id:base64,id:base64" (32 bytes each; the first encrypts). */
    PII_KEYS: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, "must be id:base64[,id:base64…]"),
    /** Key of the ID-number HMAC (exact search, uniqueness); 32 bytes in base64. Never rotate casually. */
    PII_HMAC_KEY: z.string().min(43, "must be 32 bytes in base64"),

    /** Runs the background worker (pg-boss) inside each server process; 0 to run the web only. */
    WORKER_ENABLED: booleanFlag.default(true),
    /**
     * Runs the reminder sweep and the weekly digest on the worker (every 5 minutes); 0 leaves
     * them off. The Playwright suite sets 0: its assertions count notifications and mail.
     */
    REMINDERS_ENABLED: booleanFlag.default(true),

    /** SMTP server for outgoing mail, e.g. smtps://user:pass@smtp.example.com:465. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().min(3).default("Weidesk <no-reply@weidesk.localhost>"),
    /** 1 keeps mail in the outbox table, shown at /dev/outbox (set by `npm run dev` and the tests). */
    MAIL_OUTBOX: booleanFlag.default(false),
    /**
     * 1 serves npm run bench's floor page, /<agency>/clients/from-memory: the clients list
     * with its page data kept in memory (set by the bench and the end-to-end server).
     */
    BENCH_ROUTES: booleanFlag.default(false),

    /** The only origin an agency's WeCom robot webhook may have (lib/reminders/robot.ts reads it per call). */
    WECOM_ROBOT_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),

    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** How many proxy hops to trust for X-Forwarded-For; unset = trust none (design.md §2). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).optional(),
    /** Lets tests set lib/clock (design.md §2); never set it on a real deployment. */
    TEST_CLOCK: booleanFlag.default(false),
  })
  .refine((env) => env.SMTP_URL !== undefined || env.MAIL_OUTBOX, {
    path: ["SMTP_URL"],
    message: "is missing: set it to send mail, or MAIL_OUTBOX=1 to keep mail at /dev/outbox (development only)",
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

/** Parses an environment; the error names every bad variable and never echoes a value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      return issue.code === "invalid_type" && cleaned[name] === undefined
        ? `${name} is missing`
        : `${name} ${issue.message}`;
    }),
  );
}

const globalForEnv = globalThis as unknown as { weideskEnv?: Env };

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  globalForEnv.weideskEnv ??= parseEnv(process.env);
  return globalForEnv.weideskEnv;
}
