import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PASSWORD_RESET_MINUTES } from "@/lib/auth/links";
import { FORGOT_PASSWORD_PATH } from "@/lib/auth/paths";
import { isLinkTokenShape } from "@/lib/auth/tokens";

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function hasFailed(params: Params, searchParams: SearchParams): Promise<boolean> {
  const [{ token }, { failed }] = await Promise.all([params, searchParams]);
  return failed === "1" || !isLinkTokenShape(token);
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("resetPassword");
  const failed = await hasFailed(params, searchParams);
  // The token is in the URL: no index, and no Referer that carries it elsewhere.
  return { title: failed ? t("failed.title") : t("title"), robots: { index: false }, referrer: "no-referrer" };
}

/**
 * A password reset link. Opening it changes nothing (mail scanners follow links): the
 * form posts the new password, which uses the link up. A used, expired or malformed
 * link comes back here with ?failed=1 and points to a new one.
 */
export default async function ResetPasswordPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ token }, failed, t] = await Promise.all([params, hasFailed(params, searchParams), getTranslations("resetPassword")]);
  return (
    <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0">
      <div className="w-full max-w-sm">
        {failed ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("failed.title")}</h1>
            <div className="mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6">
              <p role="alert" className="flex items-start gap-2 text-destructive">
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span>{t("failed.body", { minutes: PASSWORD_RESET_MINUTES })}</span>
              </p>
              <Link href={FORGOT_PASSWORD_PATH} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                {t("failed.newLink")}
              </Link>
            </div>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            <p className="mt-1.5 text-muted-foreground">{t("description")}</p>
            <ResetPasswordForm token={token} />
          </>
        )}
      </div>
    </main>
  );
}
