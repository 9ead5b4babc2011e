import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";
import type { NavigationKey } from "@/lib/rbac/navigation";
import { can } from "@/lib/rbac/permissions";
import { AgencyMenu, type AgencyChoice } from "./agency-menu";
import { MobileNav } from "./mobile-nav";
import { UserMenu, type UserMenuProps } from "./user-menu";

export function AppHeader({
  agency,
  agencies,
  navigation,
  user,
  role,
  notifications,
}: {
  agency: { slug: string; name: string };
  agencies: AgencyChoice[];
  navigation: NavigationKey[];
  user: UserMenuProps["user"];
  role: UserMenuProps["role"];
  /** The notification bell (the layout reads its count on the server). */
  notifications?: ReactNode;
}) {
  return (
    <header className="sticky top-0 z-30 flex h-12 shrink-0 items-center gap-1 border-b bg-background px-3 md:px-4">
      <MobileNav agencySlug={agency.slug} navigation={navigation} />
      <AgencyMenu agency={agency} agencies={agencies} showSettings={navigation.includes("settings")} />
      <div className="ml-auto flex shrink-0 items-center gap-0.5">
        {notifications}
        <LanguageSwitcher />
        <ThemeMenu />
        <UserMenu
          user={user}
          role={role}
          agencyName={agency.name}
          apiTokensHref={can(role, "api-token:manage") ? `/${agency.slug}/api-tokens` : undefined}
        />
      </div>
    </header>
  );
}
