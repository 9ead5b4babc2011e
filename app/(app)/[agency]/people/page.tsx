import { ChevronRight, ChevronsLeft, Search, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { IdSearchForm } from "@/components/people/id-search-form";
import { buttonClass } from "@/components/ui/button-styles";
import { listPeoplePage } from "@/lib/people/queries";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.people");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2";

/**
 * The agency's people by name (keyset pages in the URL: `q` narrows by the start of the
 * name, `after` is the page). The full ID number search is a POST form beside it, so
 * the number never reaches a URL. Only masked numbers are shown.
 */
export default async function PeoplePage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "people");
  const query = await searchParams;
  const q = one(query.q)?.trim().slice(0, 100) || undefined;
  const after = one(query.after);
  const page = await listPeoplePage(membership, { q, after });
  const t = await getTranslations("peoplePages");
  const tPages = await getTranslations("pages.people");
  const slug = membership.agency.slug;
  const href = (next?: string) => {
    const search = new URLSearchParams();
    if (q) search.set("q", q);
    if (next) search.set("after", next);
    const text = search.toString();
    return `/${slug}/people${text ? `?${text}` : ""}`;
  };

  return (
    <>
      <PageHeader title={tPages("title")} description={tPages("description")} />
      <div className="mb-4 flex flex-wrap items-start gap-x-8 gap-y-3">
        <form method="get" action={`/${slug}/people`} role="search" aria-label={t("nameSearch.label")} className="flex items-end gap-2">
          <div>
            <label htmlFor="people-q" className="mb-1.5 block text-sm font-medium">
              {t("nameSearch.label")}
            </label>
            <input
              id="people-q"
              name="q"
              defaultValue={q}
              className="block h-9 w-56 rounded-md border border-input bg-background px-3 text-base shadow-xs sm:text-sm"
            />
          </div>
          <button type="submit" className={buttonClass.secondary}>
            <Search aria-hidden="true" className="size-4" />
            {t("nameSearch.submit")}
          </button>
        </form>
        <IdSearchForm agencySlug={slug} />
      </div>

      {page.rows.length === 0 ? (
        q || after ? (
          <EmptyState Icon={UsersRound} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
            <Link href={`/${slug}/people`} className={buttonClass.secondary}>
              {t("empty.clear")}
            </Link>
          </EmptyState>
        ) : (
          <EmptyState Icon={UsersRound} title={tPages("emptyTitle")} body={tPages("emptyBody")} />
        )
      ) : (
        <div role="region" aria-labelledby="people-caption" tabIndex={0} className="overflow-auto rounded-lg border">
          <table className="w-full min-w-[40rem] border-separate border-spacing-0 text-sm">
            <caption id="people-caption" className="sr-only">
              {t("table.caption")}
            </caption>
            <thead className="sticky top-0 bg-muted">
              <tr className="[&>th]:border-b">
                <th scope="col" className={headClass}>{t("table.name")}</th>
                <th scope="col" className={headClass}>{t("table.idNumber")}</th>
                <th scope="col" className={headClass}>{t("table.companies")}</th>
                <th scope="col" className={headClass}>{t("table.slots")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((person) => (
                <tr key={person.id} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
                  <td className={cellClass}>
                    <Link href={`/${slug}/people/${person.id}`} className="font-medium underline-offset-4 hover:underline">
                      {person.name}
                    </Link>
                  </td>
                  <td className={`${cellClass} font-mono text-xs`}>{person.idMask ?? t("table.erased")}</td>
                  <td className={`${cellClass} tabular-nums`}>{person.companies}</td>
                  <td className={`${cellClass} tabular-nums`}>
                    {person.idType === "prc_resident_id" && !person.erased ? t("table.slotsUsed", { used: person.slotsUsed }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pagination.label")} className="mt-3 flex flex-wrap items-center justify-end gap-2 text-sm">
        {after && (
          <Link href={href()} className={buttonClass.ghost}>
            <ChevronsLeft aria-hidden="true" className="size-4" />
            {t("pagination.first")}
          </Link>
        )}
        {page.next && (
          <Link href={href(page.next)} className={buttonClass.secondary} rel="next">
            {t("pagination.next")}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        )}
      </nav>
    </>
  );
}
