import { LanguageSwitcher } from "@/components/preferences/language-switcher";
import { ThemeMenu } from "@/components/preferences/theme-menu";
import { AgencyMenu } from "./agency-menu";
import { MobileNav } from "./mobile-nav";
import { UserMenu } from "./user-menu";

export function AppHeader({ agency }: { agency: { slug: string; name: string } }) {
  return (
    <header className="sticky top-0 z-30 flex h-12 shrink-0 items-center gap-1 border-b bg-background px-3 md:px-4">
      <MobileNav agencySlug={agency.slug} />
      <AgencyMenu agency={agency} />
      <div className="ml-auto flex shrink-0 items-center gap-0.5">
        <LanguageSwitcher />
        <ThemeMenu />
        <UserMenu />
      </div>
    </header>
  );
}
