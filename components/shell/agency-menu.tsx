import { ChevronsUpDown, Settings } from "lucide-react";
import { useTranslations } from "next-intl";
import { Avatar, initials } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-styles";
import { Menu, MenuGroup, MenuLink, MenuSeparator } from "@/components/ui/menu";

type AgencySummary = { slug: string; name: string };

export function AgencyMenu({ agency }: { agency: AgencySummary }) {
  const t = useTranslations("agencyMenu");
  // Until memberships exist the only agency known to belong to the visitor is this one.
  const agencies: AgencySummary[] = [agency];

  return (
    <Menu
      className="min-w-0"
      triggerClassName={`${buttonClass.ghost} max-w-full min-w-0 text-foreground`}
      trigger={
        <>
          <Avatar className="bg-primary text-primary-foreground">{initials(agency.name)}</Avatar>
          <span className="truncate">
            <span className="sr-only">{t("trigger")}</span>{" "}
            {agency.name}
          </span>
          <ChevronsUpDown aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
        </>
      }
    >
      <MenuGroup label={t("heading")}>
        {agencies.map((item) => {
          const path = `/${item.slug}`;
          return (
            <MenuLink key={item.slug} href={path} current={item.slug === agency.slug}>
              <Avatar className="bg-primary text-primary-foreground">{initials(item.name)}</Avatar>
              <span className="flex min-w-0 flex-col">
                <span className="truncate font-medium">{item.name}</span>
                <span className="truncate text-xs text-muted-foreground">{path}</span>
              </span>
            </MenuLink>
          );
        })}
      </MenuGroup>
      <MenuSeparator />
      <MenuLink href={`/${agency.slug}/settings`}>
        <Settings aria-hidden="true" className="size-4 text-muted-foreground" />
        {t("settings")}
      </MenuLink>
    </Menu>
  );
}
