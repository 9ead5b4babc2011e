import type { Locale } from "@/lib/i18n/config";
import type messages from "@/messages/en.json";

// Typed keys: a missing or misspelt message key fails `tsc`, not the page.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
