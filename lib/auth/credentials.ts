/**
 * The password check behind the Credentials provider: the account is looked up through
 * weidesk_sign_in_lookup, and an unknown e-mail verifies a dummy hash, so a wrong
 * e-mail and a wrong password take as long and answer the same (design.md §7).
 */
import "server-only";
import { verifyPassword } from "./password";
import { signInSchema } from "./sign-in-schema";
import { findCredentials } from "./users";

export type AuthorizedUser = { id: string; sessionVersion: number };

/** The user these credentials belong to, or null, never saying which part was wrong. */
export async function authorizeCredentials(input: unknown): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const stored = await findCredentials(parsed.data.email);
  const matches = await verifyPassword(stored?.passwordHash, parsed.data.password);
  if (!stored || !matches) return null;
  return { id: stored.userId, sessionVersion: stored.sessionVersion };
}
