import Link from "next/link";
import { useTranslations } from "next-intl";
import { Logo, productName } from "@/components/brand";
import type { NavigationKey } from "@/lib/rbac/navigation";
import { NavList } from "./nav-list";

export function Sidebar({ agencySlug, navigation }: { agencySlug: string; navigation: NavigationKey[] }) {
  const t = useTranslations("shell");
  return (
    <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground md:flex">
      <div className="flex h-12 shrink-0 items-center px-4">
        <Link
          href={`/${agencySlug}`}
          aria-label={t("productHome", { product: productName })}
          className="rounded-md"
        >
          <Logo />
        </Link>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <NavList agencySlug={agencySlug} navigation={navigation} />
      </div>
    </aside>
  );
}
