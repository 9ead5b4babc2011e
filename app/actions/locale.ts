"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "@/lib/validation/zod";
import { type Locale, locales, localeCookieName } from "@/lib/i18n/config";

const localeSchema = z.enum(locales);

const oneYearInSeconds = 60 * 60 * 24 * 365;

// Typed for callers, still parsed: a server action is a public endpoint that takes any input,
// and anything but a language of the app changes nothing (no page sends another).
export async function setLocale(locale: Locale): Promise<void> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(localeCookieName, parsed.data, {
    maxAge: oneYearInSeconds,
    sameSite: "lax",
    path: "/",
  });
  // Every server-rendered string changes language, so the whole tree is stale.
  revalidatePath("/", "layout");
}
