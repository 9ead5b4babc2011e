"use server";

import { getLocale } from "next-intl/server";
import { type ActionResult, runAction } from "@/lib/actions/result";
import { signUp, type SignUpResult } from "@/lib/members/accounts";

/**
 * Creates a new agency and its owner, and mails the e-mail check link. No session is
 * made: the owner signs in after following the link. The input is parsed again by the
 * service (a server action takes anything); the mail goes out in the visitor's language.
 */
export async function signUpAction(input: unknown): Promise<ActionResult<SignUpResult>> {
  return runAction(async () => signUp(input, await getLocale()));
}
