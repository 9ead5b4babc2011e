"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FilterSelect, ListFilterForm } from "@/components/lists/list-filter-form";
import { companyKinds } from "@/lib/clients/kinds";
import type { AssigneeOption } from "@/lib/clients/list";
import { type Pipeline, pipelines, pipelineStages, sideStages, type Stage } from "@/lib/registration/pipelines";
import { clientsView, type ClientsView } from "./clients-view";

function isPipeline(value: string | undefined): value is Pipeline {
  return (pipelines as readonly string[]).includes(value ?? "");
}

/** A pipeline's stages in board order, then the side states; every stage when no pipeline is chosen. */
function stagesOf(pipeline: string | undefined): Stage[] {
  const main = isPipeline(pipeline) ? pipelineStages[pipeline] : Object.values(pipelineStages).flat();
  return [...new Set<Stage>([...main, ...sideStages])];
}

/**
 * The clients list's search (names, codes, account IDs) and filters (kind, assignee,
 * pipeline, stage, has overdue work, archived); the stages offered follow the pipeline chosen.
 */
export function ClientsFilterForm({
  agencySlug,
  view,
  assignees,
}: {
  agencySlug: string;
  view: ClientsView;
  assignees: AssigneeOption[];
}) {
  const t = useTranslations("clientsList");
  const tStages = useTranslations("portal.stages");
  const [pipeline, setPipeline] = useState(view.pipeline ?? "");
  const id = (name: string) => `clients-filter-${name}`;
  const stages = stagesOf(pipeline || undefined);
  // An assignee from a shared link who no longer holds clients still shows as chosen.
  const unknownAssignee = view.assignee && view.assignee !== "none" && !assignees.some((a) => a.id === view.assignee);
  const unfiltered = clientsView.href(agencySlug, clientsView.withoutFilters(view));

  return (
    <ListFilterForm
      idPrefix="clients-filter"
      action={`/${agencySlug}/clients`}
      // The list's own link to the unfiltered view, `view=all` included when it is bare.
      kept={new URLSearchParams(unfiltered.split("?")[1] ?? "")}
      hrefOf={(fields) => clientsView.href(agencySlug, clientsView.withFilters(view, fields))}
      heading={t("filters.heading")}
      search={{ value: view.q ?? "", label: t("search.label"), placeholder: t("search.placeholder"), hint: t("search.hint") }}
      applyLabel={t("filters.apply")}
      clearHref={clientsView.hasFilters(view) ? unfiltered : null}
      clearLabel={t("filters.clear")}
    >
      <FilterSelect
        id={id("kind")}
        name="kind"
        label={t("filters.kind")}
        value={view.kind}
        anyLabel={t("filters.anyKind")}
        options={companyKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
      />
      <FilterSelect
        id={id("assignee")}
        name="assignee"
        label={t("filters.assignee")}
        value={view.assignee}
        anyLabel={t("filters.anyAssignee")}
        options={[
          { value: "none", label: t("filters.unassigned") },
          ...assignees.map((assignee) => ({ value: assignee.id, label: assignee.name })),
          ...(unknownAssignee && view.assignee ? [{ value: view.assignee, label: t("filters.formerMember") }] : []),
        ]}
      />
      <FilterSelect
        id={id("pipeline")}
        name="pipeline"
        label={t("filters.pipeline")}
        value={view.pipeline}
        anyLabel={t("filters.anyPipeline")}
        options={pipelines.map((value) => ({ value, label: t(`pipelines.${value}`) }))}
        onChange={setPipeline}
      />
      {/* Keyed by the pipeline: a stage the new pipeline lacks is not kept. */}
      <FilterSelect
        key={pipeline}
        id={id("stage")}
        name="stage"
        label={t("filters.stage")}
        value={view.stage && stages.includes(view.stage as Stage) ? view.stage : undefined}
        anyLabel={t("filters.anyStage")}
        options={stages.map((stage) => ({ value: stage, label: tStages(stage) }))}
      />
      <FilterSelect
        id={id("overdue")}
        name="overdue"
        label={t("filters.overdue")}
        value={view.overdue}
        anyLabel={t("filters.anyOverdue")}
        options={[{ value: "1", label: t("filters.overdueOnly") }]}
      />
      <FilterSelect
        id={id("archived")}
        name="archived"
        label={t("filters.archived")}
        value={view.archived}
        options={[
          { value: "active", label: t("filters.active") },
          { value: "archived", label: t("filters.archivedOnly") },
          { value: "all", label: t("filters.all") },
        ]}
      />
    </ListFilterForm>
  );
}
