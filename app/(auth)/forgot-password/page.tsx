import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { PASSWORD_RESET_MINUTES } from "@/lib/auth/links";
import { SIGN_IN_PATH } from "@/lib/auth/paths";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("forgotPassword");
  return { title: t("title") };
}

const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";

/** "Forgot your password?": an e-mail address, for a reset link that works for an hour. */
export default async function ForgotPasswordPage() {
  const t = await getTranslations("forgotPassword");
  return (
    <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description", { minutes: PASSWORD_RESET_MINUTES })}</p>
        <EmailLinkForm kind="forgotPassword" minutes={PASSWORD_RESET_MINUTES} devOutbox={env().MAIL_OUTBOX} />
        <p className="mt-6 text-center text-muted-foreground">
          {t.rich("remembered", {
            link: (chunks) => (
              <Link href={SIGN_IN_PATH} className={linkClass}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    </main>
  );
}
