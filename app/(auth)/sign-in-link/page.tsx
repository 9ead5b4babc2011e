import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/links";
import { SIGN_IN_PATH } from "@/lib/auth/paths";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signInLink");
  return { title: t("title") };
}

const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";

/** Client administrators sign in without a password: a one-time link by e-mail, good for 15 minutes. */
export default async function SignInLinkRequestPage() {
  const t = await getTranslations("signInLink");
  return (
    <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description", { minutes: SIGN_IN_LINK_MINUTES })}</p>
        <EmailLinkForm kind="signInLink" minutes={SIGN_IN_LINK_MINUTES} devOutbox={env().MAIL_OUTBOX} />
        <p className="mt-4 text-sm text-muted-foreground">{t("totpNote")}</p>
        <p className="mt-6 text-center text-muted-foreground">
          {t.rich("usePassword", {
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
