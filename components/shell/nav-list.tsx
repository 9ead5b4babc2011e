"use client";

import {
  Bell,
  Building,
  ChartColumn,
  FileText,
  House,
  type LucideIcon,
  MessagesSquare,
  ScrollText,
  Settings,
  SquareKanban,
  UsersRound,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { adminNavigation, workNavigation, type NavigationKey } from "@/lib/rbac/navigation";

const icons: Record<NavigationKey, LucideIcon> = {
  home: House,
  clients: Building,
  people: UsersRound,
  accounts: MessagesSquare,
  registrations: SquareKanban,
  documents: FileText,
  dashboard: ChartColumn,
  notifications: Bell,
  audit: ScrollText,
  settings: Settings,
};

type NavItem = { key: NavigationKey; segment: string };

function isActive(pathname: string, href: string, segment: string): boolean {
  // Home would otherwise match every page of the agency.
  if (segment === "") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The staff app's navigation: only the entries in `navigation`, the ones the member's role may open. */
export function NavList({
  agencySlug,
  navigation,
  onNavigate,
}: {
  agencySlug: string;
  navigation: readonly NavigationKey[];
  onNavigate?: () => void;
}) {
  const t = useTranslations("nav");
  const tShell = useTranslations("shell");
  const pathname = usePathname();
  const adminHeadingId = useId();

  const visible = (items: readonly NavItem[]) => items.filter((item) => navigation.includes(item.key));
  const workItems = visible(workNavigation);
  const adminItems = visible(adminNavigation);

  function renderItems(items: NavItem[]) {
    return items.map(({ key, segment }) => {
      const Icon = icons[key];
      const href = segment ? `/${agencySlug}/${segment}` : `/${agencySlug}`;
      const active = isActive(pathname, href, segment);
      return (
        <li key={key}>
          <Link
            href={href}
            aria-current={active ? "page" : undefined}
            onClick={onNavigate}
            className="group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-muted-foreground hover:bg-sidebar-accent hover:text-sidebar-foreground aria-[current=page]:bg-sidebar-accent aria-[current=page]:font-medium aria-[current=page]:text-sidebar-foreground"
          >
            <Icon
              aria-hidden="true"
              className="size-4 shrink-0 group-aria-[current=page]:text-primary"
            />
            <span className="truncate">{t(key)}</span>
          </Link>
        </li>
      );
    });
  }

  return (
    <nav aria-label={tShell("mainNavigation")} className="flex flex-col gap-5 px-2 py-3">
      <ul className="flex flex-col gap-0.5">{renderItems(workItems)}</ul>
      {adminItems.length > 0 && (
        <div>
          <div id={adminHeadingId} className="px-2 pb-1 text-xs font-medium text-muted-foreground">
            {tShell("administration")}
          </div>
          <ul aria-labelledby={adminHeadingId} className="flex flex-col gap-0.5">
            {renderItems(adminItems)}
          </ul>
        </div>
      )}
    </nav>
  );
}
