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
import type messages from "@/messages/en.json";

type NavItem = {
  key: keyof typeof messages.nav;
  /** Path below /<agency>; "" is the agency's home. */
  segment: string;
  Icon: LucideIcon;
};

const workItems: NavItem[] = [
  { key: "home", segment: "", Icon: House },
  { key: "clients", segment: "clients", Icon: Building },
  { key: "people", segment: "people", Icon: UsersRound },
  { key: "accounts", segment: "accounts", Icon: MessagesSquare },
  { key: "registrations", segment: "registrations", Icon: SquareKanban },
  { key: "documents", segment: "documents", Icon: FileText },
  { key: "dashboard", segment: "dashboard", Icon: ChartColumn },
  { key: "notifications", segment: "notifications", Icon: Bell },
];

const adminItems: NavItem[] = [
  { key: "audit", segment: "audit", Icon: ScrollText },
  { key: "settings", segment: "settings", Icon: Settings },
];

function isActive(pathname: string, href: string, segment: string): boolean {
  // Home would otherwise match every page of the agency.
  if (segment === "") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavList({
  agencySlug,
  onNavigate,
}: {
  agencySlug: string;
  onNavigate?: () => void;
}) {
  const t = useTranslations("nav");
  const tShell = useTranslations("shell");
  const pathname = usePathname();
  const adminHeadingId = useId();

  function renderItems(items: NavItem[]) {
    return items.map(({ key, segment, Icon }) => {
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
      <div>
        <div id={adminHeadingId} className="px-2 pb-1 text-xs font-medium text-muted-foreground">
          {tShell("administration")}
        </div>
        <ul aria-labelledby={adminHeadingId} className="flex flex-col gap-0.5">
          {renderItems(adminItems)}
        </ul>
      </div>
    </nav>
  );
}
