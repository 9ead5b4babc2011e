import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { DashboardFilters } from "@/lib/dashboard/types";
import { addDays } from "@/lib/registration/board-view";
import { pipelines } from "@/lib/registration/pipelines";
import { dashboardHref } from "./dashboard-href";

const fieldClass =
  "h-8 rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";

/**
 * The dashboard's filters: a GET form (next/form: a client-side navigation with
 * JavaScript, a plain GET without), so every view is a URL; the period presets are links.
 * Staff see their own slice: no assignee choice.
 */
export async function DashboardFilterForm({
  agencySlug,
  filters,
  today,
  assignees,
  ownSlice,
}: {
  agencySlug: string;
  filters: DashboardFilters;
  /** Today in the agency's time zone. */
  today: string;
  assignees: { id: string; name: string }[];
  ownSlice: boolean;
}) {
  const t = await getTranslations("dashboard.filters");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const keep = { pipeline: filters.pipeline, assignee: ownSlice ? null : filters.assignee };
  const presets = [
    { key: "last30", from: addDays(today, -29), to: today },
    { key: "last90", from: addDays(today, -89), to: today },
    { key: "thisYear", from: `${today.slice(0, 4)}-01-01`, to: today },
  ] as const;

  return (
    <div className="mb-6 flex flex-col gap-3">
      <nav aria-label={t("presets")} className="flex flex-wrap items-center gap-1">
        {presets.map((preset) => {
          const current = filters.from === preset.from && filters.to === preset.to;
          return (
            <Link
              key={preset.key}
              href={dashboardHref(agencySlug, { ...keep, from: preset.from, to: preset.to })}
              aria-current={current ? "page" : undefined}
              className={cn(
                "inline-flex h-8 items-center rounded-md border px-2.5 text-sm font-medium text-muted-foreground hover:text-foreground",
                current && "border-primary/50 bg-primary/10 text-foreground",
              )}
            >
              {t(preset.key)}
            </Link>
          );
        })}
      </nav>
      <Form action={`/${agencySlug}/dashboard`} aria-label={t("label")} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
          {t("from")}
          <input type="date" name="from" defaultValue={filters.from} required className={fieldClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
          {t("to")}
          <input type="date" name="to" defaultValue={filters.to} required className={fieldClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
          {t("pipeline")}
          <select name="pipeline" defaultValue={filters.pipeline ?? ""} className={fieldClass}>
            <option value="">{t("anyPipeline")}</option>
            {pipelines.map((pipeline) => (
              <option key={pipeline} value={pipeline}>
                {tPipelines(pipeline)}
              </option>
            ))}
          </select>
        </label>
        {ownSlice ? (
          <p className="flex h-8 items-center text-sm text-muted-foreground">{t("ownSlice")}</p>
        ) : (
          <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
            {t("assignee")}
            <select name="assignee" defaultValue={filters.assignee ?? ""} className={fieldClass}>
              <option value="">{t("anyAssignee")}</option>
              <option value="none">{t("unassigned")}</option>
              {assignees.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className={buttonClass.secondary}>
          {t("apply")}
        </button>
        <Link href={`/${agencySlug}/dashboard`} className={buttonClass.ghost}>
          {t("reset")}
        </Link>
      </Form>
    </div>
  );
}
