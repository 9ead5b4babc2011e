"use client";

import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { ErrorView } from "@/components/error-view";
import {
  type Locale,
  defaultLocale,
  defaultTimeZone,
  isLocale,
  localeCookieName,
} from "@/lib/i18n/config";
import { errorCatalogues } from "@/lib/i18n/error-catalogue";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import "./globals.css";

// This replaces the root layout, so neither the request's locale and messages nor the theme
// provider exist here: both are worked out again from what the browser knows. It is in every
// page's first-load JavaScript, so it carries only the messages it shows (the errors
// namespace, lib/i18n/error-catalogue.ts), not the whole catalogues.

const noSubscription = () => () => {};

function browserLocale(): Locale {
  const cookie = document.cookie
    .split("; ")
    .find((entry) => entry.startsWith(`${localeCookieName}=`))
    ?.slice(localeCookieName.length + 1);
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(navigator.languages.join(",")) ?? defaultLocale;
}

function browserPrefersDark(): boolean {
  const stored = localStorage.getItem("theme");
  if (stored === "dark" || stored === "light") return stored === "dark";
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function GlobalErrorContent({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors");
  return (
    <>
      <title>{t("title")}</title>
      <main id="main" className="min-h-dvh">
        <ErrorView error={error} retry={retry} homeHref="/" />
      </main>
    </>
  );
}

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, () => defaultLocale);
  const dark = useSyncExternalStore(noSubscription, browserPrefersDark, () => false);

  return (
    <html lang={locale} className={dark ? "dark" : undefined}>
      <body className="min-h-dvh text-sm">
        <NextIntlClientProvider
          locale={locale}
          messages={errorCatalogues[locale]}
          timeZone={defaultTimeZone}
        >
          <GlobalErrorContent error={error} retry={retry} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
