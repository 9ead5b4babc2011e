"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { buttonClass } from "@/components/ui/button-styles";
import { Menu, MenuRadioItem } from "@/components/ui/menu";

const themes = [
  { value: "light", Icon: Sun },
  { value: "dark", Icon: Moon },
  { value: "system", Icon: Monitor },
] as const;

export function ThemeMenu() {
  const t = useTranslations("theme");
  const { theme, setTheme } = useTheme();

  return (
    <Menu
      align="end"
      triggerLabel={t("trigger")}
      triggerClassName={buttonClass.icon}
      // The icon follows the class on <html>, so the server's HTML is right before hydration.
      trigger={
        <>
          <Sun aria-hidden="true" className="size-4 dark:hidden" />
          <Moon aria-hidden="true" className="hidden size-4 dark:block" />
        </>
      }
    >
      {themes.map(({ value, Icon }) => (
        <MenuRadioItem key={value} checked={theme === value} onSelect={() => setTheme(value)}>
          <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
          {t(value)}
        </MenuRadioItem>
      ))}
    </Menu>
  );
}
