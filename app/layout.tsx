import type { Metadata } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { productName } from "@/components/brand";
import { ThemeProvider } from "@/components/theme-provider";
import { NONCE_HEADER } from "@/lib/security/headers";
import "./globals.css";

// The logo mark inline, so browsers ask for no /favicon.ico (which would reach the agency route).
const icon = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#4f46e5"/><path d="M4.5 7 8 17l4-8 4 8 3.5-10" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
)}`;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return {
    title: { template: `%s · ${productName}`, default: productName },
    description: t("description"),
    applicationName: productName,
    icons: { icon },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  // proxy.ts made a nonce for this response's CSP; the theme script needs it to run.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;

  return (
    // next-themes sets the theme class on <html> before React hydrates.
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-dvh text-sm">
        <NextIntlClientProvider>
          <ThemeProvider nonce={nonce}>
            <a
              href="#main"
              className="fixed top-2 left-2 z-100 -translate-y-16 rounded-md bg-primary px-3 py-2 font-medium text-primary-foreground focus:translate-y-0"
            >
              {t("skipToContent")}
            </a>
            {children}
          </ThemeProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
