import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import {
  type Locale,
  defaultLocale,
  defaultTimeZone,
  isLocale,
  localeCookieName,
} from "@/lib/i18n/config";
import { negotiateLocale } from "@/lib/i18n/negotiate";

async function resolveLocale(): Promise<Locale> {
  const cookieLocale = (await cookies()).get(localeCookieName)?.value;
  if (isLocale(cookieLocale)) return cookieLocale;
  return negotiateLocale((await headers()).get("accept-language")) ?? defaultLocale;
}

export default getRequestConfig(async ({ locale: requested }) => {
  // An explicit locale (getTranslations({ locale })) renders another language's strings, e.g.
  // each language's own name in the language switcher.
  const locale = isLocale(requested) ? requested : await resolveLocale();
  return {
    locale,
    timeZone: defaultTimeZone,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
