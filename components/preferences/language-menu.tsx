"use client";

import { Languages } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocale } from "@/app/actions/locale";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { Menu, MenuRadioItem } from "@/components/ui/menu";
import type { Locale } from "@/lib/i18n/config";

export type LanguageOption = { locale: Locale; label: string };

export function LanguageMenu({ options }: { options: LanguageOption[] }) {
  const t = useTranslations("language");
  const current = useLocale();
  const [pending, startTransition] = useTransition();
  const currentOption = options.find((option) => option.locale === current);

  return (
    <Menu
      align="end"
      triggerClassName={buttonClass.ghost}
      trigger={
        <>
          <Languages
            aria-hidden="true"
            className={cn("size-4", pending && "animate-pulse motion-reduce:animate-none")}
          />
          <span className="sr-only">{t("trigger")}</span>{" "}
          <span lang={currentOption?.locale} className="hidden sm:inline">
            {currentOption?.label}
          </span>
        </>
      }
    >
      {options.map((option) => (
        <MenuRadioItem
          key={option.locale}
          lang={option.locale}
          checked={option.locale === current}
          onSelect={() => startTransition(() => setLocale(option.locale))}
        >
          {option.label}
        </MenuRadioItem>
      ))}
    </Menu>
  );
}
