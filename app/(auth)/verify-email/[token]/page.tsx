import { CircleAlert, MailCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PendingSubmitButton } from "@/components/auth/pending-submit-button";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { signInPath, VERIFY_EMAIL_PATH } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { isLinkTokenShape } from "@/lib/auth/tokens";
import { EMAIL_VERIFICATION_HOURS } from "@/lib/members/accounts";
import { confirmEmailAction } from "../actions";

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function hasFailed(params: Params, searchParams: SearchParams): Promise<boolean> {
  const [{ token }, { failed }] = await Promise.all([params, searchParams]);
  return failed === "1" || !isLinkTokenShape(token);
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("verifyEmail");
  const failed = await hasFailed(params, searchParams);
  // The token is in the URL: no index, and no Referer that carries it elsewhere.
  return { title: failed ? t("failed.title") : t("confirm.title"), robots: { index: false }, referrer: "no-referrer" };
}

const cardClass = "mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";

/**
 * The e-mail check link. Opening it changes nothing (mail scanners follow links):
 * the button posts confirmEmailAction, which uses the token up. A used, expired or
 * malformed link comes back here with ?failed=1 and says how to get a new one.
 */
export default async function ConfirmEmailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ token }, failed, user, t] = await Promise.all([
    params,
    hasFailed(params, searchParams),
    getCurrentUser(),
    getTranslations("verifyEmail"),
  ]);

  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0"
    >
      <div className="w-full max-w-sm">
        {failed ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("failed.title")}</h1>
            <div className={cardClass}>
              <p role="alert" className="flex items-start gap-2 text-destructive">
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span>{t("failed.body", { hours: EMAIL_VERIFICATION_HOURS })}</span>
              </p>
              {!user ? (
                <>
                  <p className="mt-3 text-muted-foreground">{t("failed.signedOut")}</p>
                  <Link href={signInPath({ next: VERIFY_EMAIL_PATH })} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                    {t("signIn")}
                  </Link>
                </>
              ) : user.emailVerified ? (
                <>
                  <p className="mt-3 text-muted-foreground">{t("failed.signedIn")}</p>
                  <Link href="/" className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                    {t("failed.continue")}
                  </Link>
                </>
              ) : (
                <Link href={VERIFY_EMAIL_PATH} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                  {t("failed.newLink")}
                </Link>
              )}
            </div>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("confirm.title")}</h1>
            <div className={cardClass}>
              <MailCheck aria-hidden="true" className="size-6 text-muted-foreground" />
              <p className="mt-3 text-muted-foreground">{t("confirm.body")}</p>
              <form action={confirmEmailAction.bind(null, token)} className="mt-5">
                <PendingSubmitButton
                  label={t("confirm.submit")}
                  pendingLabel={t("confirm.submitting")}
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
