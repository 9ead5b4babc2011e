"use client";

import { useTranslations } from "next-intl";
import { FilterSelect, ListFilterForm } from "@/components/lists/list-filter-form";
import { idTypes } from "@/lib/clients/kinds";
import type { CompanyOption } from "@/lib/people/list";
import { slotFilters } from "@/lib/people/list-options";
import { peopleView, type PeopleView } from "./people-list-view";

/** The people list's search (name or mobile) and filters (client, ID type, slots). */
export function PeopleListFilters({ agencySlug, view, companies }: { agencySlug: string; view: PeopleView; companies: CompanyOption[] }) {
  const t = useTranslations("peopleList");
  const id = (name: string) => `people-filter-${name}`;
  const kept = peopleView.searchParams(peopleView.withoutFilters(view));
  return (
    <ListFilterForm
      idPrefix="people-filter"
      action={`/${agencySlug}/people`}
      kept={kept}
      hrefOf={(fields) => peopleView.href(agencySlug, peopleView.withFilters(view, fields))}
      heading={t("filters.heading")}
      search={{ value: view.q ?? "", label: t("search.label"), placeholder: t("search.placeholder"), hint: t("search.hint") }}
      applyLabel={t("filters.apply")}
      clearHref={peopleView.hasFilters(view) ? peopleView.href(agencySlug, peopleView.withoutFilters(view)) : null}
      clearLabel={t("filters.clear")}
    >
      <FilterSelect
        id={id("company")}
        name="company"
        label={t("filters.company")}
        value={view.company}
        anyLabel={t("filters.anyCompany")}
        options={companies.map((company) => ({ value: company.id, label: company.name }))}
      />
      <FilterSelect
        id={id("idType")}
        name="idType"
        label={t("filters.idType")}
        value={view.idType}
        anyLabel={t("filters.anyIdType")}
        options={idTypes.map((type) => ({ value: type, label: t(`idTypes.${type}`) }))}
      />
      <FilterSelect
        id={id("slots")}
        name="slots"
        label={t("filters.slots")}
        value={view.slots}
        anyLabel={t("filters.anySlots")}
        options={slotFilters.map((slots) => ({ value: slots, label: t(`filters.${slots}`) }))}
      />
    </ListFilterForm>
  );
}
