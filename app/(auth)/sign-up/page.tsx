import { Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { AGENCY_PICKER_PATH, SIGN_IN_PATH } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { locales } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signUp");
  return { title: t("title") };
}

const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";

/** A new agency and its owner. Someone signed in already is pointed to their agencies instead. */
export default async function SignUpPage() {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations("signUp")]);

  if (user) {
    return (
      <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold tracking-tight">{t("signedIn.title")}</h1>
          <p className="mt-5 flex items-start gap-2 rounded-lg border bg-muted px-3 py-2.5">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            {t("signedIn.body", { email: user.email })}
          </p>
          <Link href={AGENCY_PICKER_PATH} className={cn(buttonClass.primary, "mt-6 h-10 w-full")}>
            {t("signedIn.agencies")}
          </Link>
        </div>
      </main>
    );
  }

  // Each language under its own name, as the language menu offers them.
  const languages = await Promise.all(
    locales.map(async (locale) => {
      const tLanguage = await getTranslations({ locale, namespace: "language" });
      return { locale, label: tLanguage("self") };
    }),
  );

  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-4"
    >
      <div className="w-full max-w-md">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description")}</p>
        <SignUpForm host={new URL(env().APP_URL).host} languages={languages} />
        <p className="mt-6 text-center text-muted-foreground">
          {t.rich("haveAccount", {
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
