"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { companyKinds } from "@/lib/clients/kinds";
import type { AssigneeOption } from "@/lib/clients/list";
import { type Pipeline, pipelines, pipelineStages, sideStages, type Stage } from "@/lib/registration/pipelines";
import { clientsHref, type ClientsView, hasClientFilters, parseClientsView, withoutFilters } from "./clients-view";

const fieldClass =
  "block h-9 w-full rounded-md border border-input bg-background px-2.5 text-base shadow-xs transition-colors sm:h-8 sm:text-sm";
const labelClass = "mb-1 block text-xs font-medium text-muted-foreground";

function isPipeline(value: string | undefined): value is Pipeline {
  return (pipelines as readonly string[]).includes(value ?? "");
}

/** A pipeline's stages in board order, then the side states; every stage when no pipeline is chosen. */
function stagesOf(pipeline: string | undefined): Stage[] {
  const main = isPipeline(pipeline) ? pipelineStages[pipeline] : Object.values(pipelineStages).flat();
  return [...new Set<Stage>([...main, ...sideStages])];
}

/**
 * One search box and the filters, as a GET form: without JavaScript it loads
 * /<agency>/clients?…; with it, the same view goes into the URL without the blank
 * fields. Applying starts again at the first page; sort, page size and columns stay.
 * `/` anywhere outside a field focuses the search box (ux.md's keyboard).
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
  const router = useRouter();
  const searchRef = useRef<HTMLInputElement>(null);
  const [pipeline, setPipeline] = useState(view.pipeline ?? "");
  const id = (name: string) => `clients-filter-${name}`;
  const stages = stagesOf(pipeline || undefined);
  // An assignee from a shared link who no longer holds clients still shows as chosen.
  const unknownAssignee = view.assignee && view.assignee !== "none" && !assignees.some((a) => a.id === view.assignee);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog")) return;
      event.preventDefault();
      searchRef.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === "string") fields[name] = value;
    const filters = parseClientsView(fields);
    router.push(
      clientsHref(agencySlug, {
        ...view,
        q: filters.q,
        kind: filters.kind,
        assignee: filters.assignee,
        pipeline: filters.pipeline,
        stage: filters.stage,
        archived: filters.archived,
        after: undefined,
      }),
    );
  }

  // The view's other state rides along when the form is sent without JavaScript.
  const kept = new URLSearchParams(clientsHref(agencySlug, { ...withoutFilters(view) }).split("?")[1] ?? "");

  return (
    <section aria-labelledby={id("heading")} className="mb-4">
      <h2 id={id("heading")} className="sr-only">
        {t("filters.heading")}
      </h2>
      <form action={`/${agencySlug}/clients`} method="get" role="search" onSubmit={onSubmit} className="flex flex-col gap-3">
        {[...kept].map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative min-w-0 flex-1 basis-64">
            <label htmlFor={id("q")} className="sr-only">
              {t("search.label")}
            </label>
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            />
            <input
              ref={searchRef}
              id={id("q")}
              name="q"
              type="search"
              defaultValue={view.q ?? ""}
              placeholder={t("search.placeholder")}
              aria-describedby={id("q-hint")}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              className={cn(fieldClass, "h-9 pr-9 pl-8 sm:h-9")}
            />
            <kbd
              id={id("q-hint")}
              title={t("search.hint")}
              className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border bg-muted px-1.5 font-mono text-xs text-muted-foreground sm:block"
            >
              <span aria-hidden="true">/</span>
              <span className="sr-only">{t("search.hint")}</span>
            </kbd>
          </div>
          <button type="submit" className={cn(buttonClass.primary, "h-9")}>
            {t("filters.apply")}
          </button>
          {hasClientFilters(view) && (
            <Link href={clientsHref(agencySlug, withoutFilters(view))} className={cn(buttonClass.ghost, "h-9")}>
              {t("filters.clear")}
            </Link>
          )}
        </div>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <div>
            <label htmlFor={id("kind")} className={labelClass}>
              {t("filters.kind")}
            </label>
            <select id={id("kind")} name="kind" defaultValue={view.kind ?? ""} className={fieldClass}>
              <option value="">{t("filters.anyKind")}</option>
              {companyKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={id("assignee")} className={labelClass}>
              {t("filters.assignee")}
            </label>
            <select id={id("assignee")} name="assignee" defaultValue={view.assignee ?? ""} className={fieldClass}>
              <option value="">{t("filters.anyAssignee")}</option>
              <option value="none">{t("filters.unassigned")}</option>
              {assignees.map((assignee) => (
                <option key={assignee.id} value={assignee.id}>
                  {assignee.name}
                </option>
              ))}
              {unknownAssignee && <option value={view.assignee}>{t("filters.formerMember")}</option>}
            </select>
          </div>
          <div>
            <label htmlFor={id("pipeline")} className={labelClass}>
              {t("filters.pipeline")}
            </label>
            <select
              id={id("pipeline")}
              name="pipeline"
              value={pipeline}
              onChange={(event) => setPipeline(event.target.value)}
              className={fieldClass}
            >
              <option value="">{t("filters.anyPipeline")}</option>
              {pipelines.map((value) => (
                <option key={value} value={value}>
                  {t(`pipelines.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={id("stage")} className={labelClass}>
              {t("filters.stage")}
            </label>
            {/* Keyed by the pipeline: a stage the new pipeline lacks is not kept. */}
            <select
              key={pipeline}
              id={id("stage")}
              name="stage"
              defaultValue={view.stage && stages.includes(view.stage as Stage) ? view.stage : ""}
              className={fieldClass}
            >
              <option value="">{t("filters.anyStage")}</option>
              {stages.map((stage) => (
                <option key={stage} value={stage}>
                  {tStages(stage)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={id("archived")} className={labelClass}>
              {t("filters.archived")}
            </label>
            <select id={id("archived")} name="archived" defaultValue={view.archived} className={fieldClass}>
              <option value="active">{t("filters.active")}</option>
              <option value="archived">{t("filters.archivedOnly")}</option>
              <option value="all">{t("filters.all")}</option>
            </select>
          </div>
        </div>
      </form>
    </section>
  );
}
