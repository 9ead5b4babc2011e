import { CircleAlert, LogIn } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PendingSubmitButton } from "@/components/auth/pending-submit-button";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/links";
import { SIGN_IN_LINK_PATH, SIGN_IN_PATH } from "@/lib/auth/paths";
import { isLinkTokenShape } from "@/lib/auth/tokens";
import { signInWithLinkAction } from "../actions";

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function hasFailed(params: Params, searchParams: SearchParams): Promise<boolean> {
  const [{ token }, { failed }] = await Promise.all([params, searchParams]);
  return failed === "1" || !isLinkTokenShape(token);
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("signInLink");
  const failed = await hasFailed(params, searchParams);
  return { title: failed ? t("failed.title") : t("follow.title"), robots: { index: false }, referrer: "no-referrer" };
}

const cardClass = "mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";

/**
 * A one-time sign-in link. Opening it changes nothing (mail scanners follow links): the
 * button posts signInWithLinkAction, which uses the link up and signs in. A used,
 * expired or malformed link comes back here with ?failed=1.
 */
export default async function SignInLinkPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ token }, failed, t] = await Promise.all([params, hasFailed(params, searchParams), getTranslations("signInLink")]);
  return (
    <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0">
      <div className="w-full max-w-sm">
        {failed ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("failed.title")}</h1>
            <div className={cardClass}>
              <p role="alert" className="flex items-start gap-2 text-destructive">
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span>{t("failed.body", { minutes: SIGN_IN_LINK_MINUTES })}</span>
              </p>
              <Link href={SIGN_IN_LINK_PATH} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                {t("failed.newLink")}
              </Link>
              <Link href={SIGN_IN_PATH} className={cn(buttonClass.secondary, "mt-2 h-10 w-full")}>
                {t("failed.password")}
              </Link>
            </div>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("follow.title")}</h1>
            <div className={cardClass}>
              <LogIn aria-hidden="true" className="size-6 text-muted-foreground" />
              <p className="mt-3 text-muted-foreground">{t("follow.body")}</p>
              <form action={signInWithLinkAction.bind(null, token)} className="mt-5">
                <PendingSubmitButton
                  label={t("follow.submit")}
                  pendingLabel={t("follow.submitting")}
                  className={cn(buttonClass.primary, "h-10 w-full")}
                />
              </form>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
