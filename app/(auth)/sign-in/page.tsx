import { Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { landingPathFor } from "@/lib/auth/membership";
import {
  FORGOT_PASSWORD_PATH,
  safeNextPath,
  SIGN_IN_LINK_PATH,
  SIGN_UP_PATH,
  signInErrors,
  signInReasons,
  type SignInError,
  type SignInReason,
} from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === "string" && (values as readonly string[]).includes(value) ? (value as T) : null;
}

const reasonKeys = {
  "session-ended": "sessionEnded",
  "signed-out": "signedOut",
  verified: "verified",
  "account-created": "accountCreated",
  "password-reset": "passwordReset",
} as const satisfies Record<SignInReason, string>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  // Signed in already (a bookmarked sign-in page, the back button): straight on.
  const user = await getCurrentUser();
  if (user) redirect(await landingPathFor(user.id, next));

  const t = await getTranslations("auth.signIn");
  const reason = oneOf(signInReasons, params.reason);
  const error = oneOf<SignInError>(signInErrors, params.error);

  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0"
    >
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description")}</p>
        {reason && !error && (
          <p role="status" className="mt-5 flex items-start gap-2 rounded-lg border bg-muted px-3 py-2.5">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            {t(`reasons.${reasonKeys[reason]}`)}
          </p>
        )}
        <SignInForm next={next} initialError={error} />
        <p className="mt-4 text-center">
          <Link href={FORGOT_PASSWORD_PATH} className={linkClass}>
            {t("forgotPassword")}
          </Link>
        </p>
        <p className="mt-2 text-center text-muted-foreground">
          {t.rich("signInLink", {
            link: (chunks) => (
              <Link href={SIGN_IN_LINK_PATH} className={linkClass}>
                {chunks}
              </Link>
            ),
          })}
        </p>
        <p className="mt-6 text-center text-muted-foreground">{t("noAccount")}</p>
        <p className="mt-2 text-center text-muted-foreground">
          {t.rich("createAgency", {
            link: (chunks) => (
              <Link href={SIGN_UP_PATH} className={linkClass}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    </main>
  );
}
