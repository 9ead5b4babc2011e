/**
 * The secrets a local run needs and nobody should have to invent: made fresh for
 * every test run, and once (then kept in .data/secrets.json) for `npm run dev`.
 */
import { randomBytes } from "node:crypto";
import { generatePiiKeySpec } from "@/lib/crypto/pii";

export type LocalSecrets = {
  AUTH_SECRET: string;
  DATABASE_ROLE_PASSWORD: string;
  PII_KEYS: string;
  PII_HMAC_KEY: string;
  /** The password of every seeded demo user, printed by `npm run dev`. */
  DEMO_PASSWORD: string;
};

export function generateLocalSecrets(): LocalSecrets {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_ROLE_PASSWORD: randomBytes(24).toString("base64url"),
    ...generatePiiKeySpec(),
    // Readable, since people type it: weidesk-demo- and 6 hex characters.
    DEMO_PASSWORD: `weidesk-demo-${randomBytes(3).toString("hex")}`,
  };
}
