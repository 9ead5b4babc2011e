import Link from "next/link";
import { useTranslations } from "next-intl";

const sections = ["agency", "members", "holidays", "storage"] as const;
export type SettingsSection = (typeof sections)[number];

function sectionPath(agencySlug: string, section: SettingsSection): string {
  return section === "agency" ? `/${agencySlug}/settings` : `/${agencySlug}/settings/${section}`;
}

/** The settings pages as tabs of links; the open one is marked for assistive technology too. */
export function SettingsNav({ agencySlug, current }: { agencySlug: string; current: SettingsSection }) {
  const t = useTranslations("settingsNav");
  return (
    <nav aria-label={t("label")} className="-mt-2 mb-6 border-b">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {sections.map((section) => (
          <li key={section}>
            <Link
              href={sectionPath(agencySlug, section)}
              aria-current={section === current ? "page" : undefined}
              className="inline-flex h-9 items-center border-b-2 whitespace-nowrap border-transparent px-3 text-sm text-muted-foreground transition-colors hover:text-foreground aria-[current=page]:border-primary aria-[current=page]:font-medium aria-[current=page]:text-foreground"
            >
              {t(section)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
