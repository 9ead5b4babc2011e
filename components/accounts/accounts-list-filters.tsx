"use client";

import { useTranslations } from "next-intl";
import { FilterSelect, ListFilterForm } from "@/components/lists/list-filter-form";
import { accountStages, accountStatuses, accountTypeFilters, verificationFilters } from "@/lib/accounts/list-options";
import { companyKinds } from "@/lib/clients/kinds";
import { accountsView, type AccountsView } from "./accounts-list-view";

/** The Official Accounts list's search (name, WeChat ID, original ID) and filters. */
export function AccountsListFilters({ agencySlug, view }: { agencySlug: string; view: AccountsView }) {
  const t = useTranslations("accountsList");
  const tStages = useTranslations("portal.stages");
  const id = (name: string) => `accounts-filter-${name}`;
  return (
    <ListFilterForm
      idPrefix="accounts-filter"
      action={`/${agencySlug}/accounts`}
      kept={accountsView.searchParams(accountsView.withoutFilters(view))}
      hrefOf={(fields) => accountsView.href(agencySlug, accountsView.withFilters(view, fields))}
      heading={t("filters.heading")}
      search={{ value: view.q ?? "", label: t("search.label"), placeholder: t("search.placeholder"), hint: t("search.hint") }}
      applyLabel={t("filters.apply")}
      clearHref={accountsView.hasFilters(view) ? accountsView.href(agencySlug, accountsView.withoutFilters(view)) : null}
      clearLabel={t("filters.clear")}
    >
      <FilterSelect
        id={id("type")}
        name="type"
        label={t("filters.type")}
        value={view.type}
        anyLabel={t("filters.anyType")}
        options={accountTypeFilters.map((type) => ({ value: type, label: t(`types.${type}`) }))}
      />
      <FilterSelect
        id={id("kind")}
        name="kind"
        label={t("filters.kind")}
        value={view.kind}
        anyLabel={t("filters.anyKind")}
        options={companyKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
      />
      <FilterSelect
        id={id("stage")}
        name="stage"
        label={t("filters.stage")}
        value={view.stage}
        anyLabel={t("filters.anyStage")}
        options={accountStages.map((stage) => ({ value: stage, label: tStages(stage) }))}
      />
      <FilterSelect
        id={id("status")}
        name="status"
        label={t("filters.status")}
        value={view.status}
        anyLabel={t("filters.anyStatus")}
        options={accountStatuses.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
      />
      <FilterSelect
        id={id("verification")}
        name="verification"
        label={t("filters.verification")}
        value={view.verification}
        anyLabel={t("filters.anyVerification")}
        options={verificationFilters.map((value) => ({ value, label: t(`verification.${value}`) }))}
      />
    </ListFilterForm>
  );
}
