import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { Logo, productName } from "@/components/brand";
import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";
import { requireUser } from "@/lib/auth/session";

/**
 * The signed-in user's own account, outside any agency (/account is a reserved slug):
 * the product's mark, the way back, the preferences and sign-out, and one column.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser();
  const [t, tShell] = await Promise.all([getTranslations("accountSecurity"), getTranslations("shell")]);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b">
        <div className="mx-auto flex h-14 w-full max-w-3xl items-center gap-1 px-4 md:px-6">
          <Link href="/" aria-label={tShell("productHome", { product: productName })} className="rounded-md">
            <Logo />
          </Link>
          <div className="ml-auto flex items-center gap-0.5">
            <LanguageSwitcher />
            <ThemeMenu />
            <SignOutForm className="h-8 rounded-md px-2 text-sm hover:bg-accent hover:text-accent-foreground" />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-20 outline-none md:px-6 md:pt-10">
        <Link href="/" className="mb-6 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t("back")}
        </Link>
        {children}
      </main>
    </div>
  );
}
