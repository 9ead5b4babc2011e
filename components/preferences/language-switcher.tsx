import { getTranslations } from "next-intl/server";
import { locales } from "@/lib/i18n/config";
import { LanguageMenu } from "./language-menu";

/** Each language is offered under its own name, read from its own catalogue. */
export async function LanguageSwitcher() {
  const options = await Promise.all(
    locales.map(async (locale) => {
      const t = await getTranslations({ locale, namespace: "language" });
      return { locale, label: t("self") };
    }),
  );
  return <LanguageMenu options={options} />;
}
