import { ArrowRight, CalendarDays, FileText, SquareKanban } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Logo, productName } from "@/components/brand";
import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";
import { buttonClass } from "@/components/ui/button-styles";
import { landingPathFor } from "@/lib/auth/membership";
import { SIGN_IN_PATH } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";

const features = [
  { key: "board", Icon: SquareKanban },
  { key: "documents", Icon: FileText },
  { key: "deadlines", Icon: CalendarDays },
] as const;

export default async function LandingPage() {
  // Signed in: straight to work (the one agency, its portal, or the picker).
  const user = await getCurrentUser();
  if (user) redirect(await landingPathFor(user.id));
  const t = await getTranslations("landing");

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex h-14 w-full max-w-5xl items-center gap-1 px-4 md:px-6">
        <Logo />
        <div className="ml-auto flex items-center gap-0.5">
          <LanguageSwitcher />
          <ThemeMenu />
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-5xl flex-1 px-4 pt-12 pb-20 outline-none md:px-6 md:pt-24"
      >
        <p className="text-sm font-medium text-primary">{t("eyebrow")}</p>
        <h1 className="mt-3 max-w-2xl text-3xl font-semibold tracking-tight text-balance md:text-4xl">
          {t("title")}
        </h1>
        <p className="mt-4 max-w-2xl text-base leading-7 text-muted-foreground">
          {t("pitch", { product: productName })}
        </p>
        <Link href={SIGN_IN_PATH} className={`${buttonClass.primary} mt-8 h-9 px-4`}>
          {t("signIn")}
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>

        <section aria-labelledby="features-heading" className="mt-20">
          <h2 id="features-heading" className="text-sm font-semibold text-muted-foreground">
            {t("featuresHeading")}
          </h2>
          <ul className="mt-4 grid gap-3 md:grid-cols-3">
            {features.map(({ key, Icon }) => (
              <li key={key} className="rounded-xl border p-5">
                <Icon aria-hidden="true" className="size-5 text-primary" />
                <h3 className="mt-3 font-semibold">{t(`features.${key}.title`)}</h3>
                <p className="mt-1 text-muted-foreground">{t(`features.${key}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
