import type * as Argon2 from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "./password";

// The real argon2, counted: the unknown-e-mail path must verify a real hash, not skip the work.
const argon2 = vi.hoisted(() => ({ verifyCalls: [] as string[] }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof Argon2>();
  return {
    ...original,
    verify: (hashed: string, password: string) => {
      argon2.verifyCalls.push(hashed);
      return original.verify(hashed, password);
    },
  };
});

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "wrong horse battery")).toBe(false);
  });

  it("refuses when there is no account, after the same work: a dummy argon2id hash is verified", async () => {
    argon2.verifyCalls.length = 0;
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword(undefined, "anything else")).toBe(false);
    expect(argon2.verifyCalls).toHaveLength(2);
    for (const hashed of argon2.verifyCalls) expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});
