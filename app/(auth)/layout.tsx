import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Logo, productName } from "@/components/brand";
import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";

/** Sign-in and the agency picker: the product's mark, the language and theme, and one task. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("shell");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex h-14 w-full max-w-5xl items-center gap-1 px-4 md:px-6">
        <Link href="/" aria-label={t("productHome", { product: productName })} className="rounded-md">
          <Logo />
        </Link>
        <div className="ml-auto flex items-center gap-0.5">
          <LanguageSwitcher />
          <ThemeMenu />
        </div>
      </header>
      {children}
    </div>
  );
}
