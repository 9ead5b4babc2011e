import { ChevronsUpDown, Settings } from "lucide-react";
import { useTranslations } from "next-intl";
import { Avatar, initials } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-styles";
import { Menu, MenuGroup, MenuLink, MenuSeparator } from "@/components/ui/menu";
import { homePathFor } from "@/lib/auth/paths";
import type { Role } from "@/lib/rbac/roles";

export type AgencyChoice = { slug: string; name: string; role: Role };

/**
 * The agency being worked in, and the others the user belongs to (each opens in the
 * user's role there: the staff app, or the portal).
 */
export function AgencyMenu({
  agency,
  agencies,
  showSettings,
}: {
  agency: { slug: string; name: string };
  agencies: AgencyChoice[];
  /** Only for roles that may manage the agency's settings. */
  showSettings: boolean;
}) {
  const t = useTranslations("agencyMenu");

  return (
    <Menu
      className="min-w-0"
      triggerClassName={`${buttonClass.ghost} max-w-full min-w-0 text-foreground`}
      trigger={
        <>
          <Avatar className="bg-primary text-primary-foreground">{initials(agency.name)}</Avatar>
          <span className="truncate">
            <span className="sr-only">{t("trigger")}</span> {agency.name}
          </span>
          <ChevronsUpDown aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
        </>
      }
    >
      <MenuGroup label={t("heading")}>
        {agencies.map((item) => {
          const path = homePathFor(item.slug, item.role);
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
      {showSettings && (
        <>
          <MenuSeparator />
          <MenuLink href={`/${agency.slug}/settings`}>
            <Settings aria-hidden="true" className="size-4 text-muted-foreground" />
            {t("settings")}
          </MenuLink>
        </>
      )}
    </Menu>
  );
}
