import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { auditHref, auditSearchParams, hasAuditFilters, noAuditFilters, SYSTEM_ACTOR, type AuditFilters } from "@/lib/audit/filters";
import type { AuditActor } from "@/lib/audit/queries";
import { auditActions, auditTargetTypes } from "@/lib/audit/record";

const fieldClass =
  "block h-9 w-full rounded-md border border-input bg-background px-2.5 text-base shadow-xs transition-colors sm:h-8 sm:text-sm";
const labelClass = "mb-1 block text-xs font-medium text-muted-foreground";

/**
 * The audit page's filters as a GET form: applying them changes the URL, so the view
 * can be bookmarked and shared. Applying starts again at the newest page.
 */
export async function AuditFilterForm({
  agencySlug,
  filters,
  actors,
}: {
  agencySlug: string;
  filters: AuditFilters;
  actors: AuditActor[];
}) {
  const t = await getTranslations("audit");
  const id = (name: string) => `audit-filter-${name}`;
  // An actor from a shared link who is no longer a member still shows as chosen.
  const unknownActor =
    filters.actor && filters.actor !== SYSTEM_ACTOR && !actors.some((actor) => actor.id === filters.actor);
  const actorLabel = (actor: AuditActor) => `${actor.name} (${actor.email})`;

  return (
    <section aria-labelledby={id("heading")} className="mb-4">
      <h2 id={id("heading")} className="sr-only">
        {t("filters.heading")}
      </h2>
      {/* Keyed by the filters: after "Clear" or a shared link the fields show the URL, not stale input. */}
      <Form
        key={auditSearchParams(filters).toString()}
        action={`/${agencySlug}/audit`}
        className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(3,minmax(0,1fr))_repeat(2,9.5rem)_auto]"
      >
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={id("actor")} className={labelClass}>
            {t("filters.actor")}
          </label>
          <select id={id("actor")} name="actor" defaultValue={filters.actor ?? ""} className={fieldClass}>
            <option value="">{t("filters.anyActor")}</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actorLabel(actor)}
              </option>
            ))}
            {unknownActor && <option value={filters.actor!}>{t("formerMember")}</option>}
            <option value={SYSTEM_ACTOR}>{t("system")}</option>
          </select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={id("action")} className={labelClass}>
            {t("filters.action")}
          </label>
          <select id={id("action")} name="action" defaultValue={filters.action ?? ""} className={fieldClass}>
            <option value="">{t("filters.anyAction")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={id("entity")} className={labelClass}>
            {t("filters.entity")}
          </label>
          <select id={id("entity")} name="entity" defaultValue={filters.entity ?? ""} className={fieldClass}>
            <option value="">{t("filters.anyEntity")}</option>
            {auditTargetTypes.map((type) => (
              <option key={type} value={type}>
                {t(`targets.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("from")} className={labelClass}>
            {t("filters.from")}
          </label>
          <input id={id("from")} name="from" type="date" defaultValue={filters.from ?? ""} className={fieldClass} />
        </div>
        <div>
          <label htmlFor={id("to")} className={labelClass}>
            {t("filters.to")}
          </label>
          <input id={id("to")} name="to" type="date" defaultValue={filters.to ?? ""} className={fieldClass} />
        </div>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className={cn(buttonClass.primary, "h-9 sm:h-8")}>
            {t("filters.apply")}
          </button>
          {hasAuditFilters(filters) && (
            <Link href={auditHref(agencySlug, noAuditFilters)} className={cn(buttonClass.ghost, "h-9 sm:h-8")}>
              {t("filters.clear")}
            </Link>
          )}
        </div>
      </Form>
    </section>
  );
}
