import { getFormatter, getTranslations } from "next-intl/server";
import { isAuditAction, isAuditTargetType } from "@/lib/audit/filters";
import type { AuditActorRef, AuditDetail, AuditEventRow } from "@/lib/audit/queries";
import { documentKinds } from "@/lib/documents/kinds";
import { roles } from "@/lib/rbac/roles";
import { allStages, products } from "@/lib/registration/pipelines";

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-top";

/** The tail of a UUID: its random part (a UUIDv7 starts with the time, shared by neighbours). */
const shortId = (id: string) => id.slice(-8);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * One page of audit events as a dense table with a sticky header; on a narrow screen it
 * scrolls sideways inside its own focusable region.
 */
export async function AuditTable({ events, timeZone }: { events: AuditEventRow[]; timeZone: string }) {
  const t = await getTranslations("audit");
  const tRoles = await getTranslations("roles");
  const tCatalogue = await getTranslations("catalogue");
  const tStages = await getTranslations("portal.stages");
  const format = await getFormatter();

  function actorCell(actor: AuditActorRef) {
    if (actor.kind === "system") return <span className="text-muted-foreground">{t("system")}</span>;
    if (actor.kind === "former") return <span className="text-muted-foreground">{t("formerMember")}</span>;
    // One line keeps rows dense: the e-mail address is on hover (and in the filter's choices).
    return (
      <span title={actor.email} className="block truncate font-medium">
        {actor.name}
      </span>
    );
  }

  // Codes with words in the catalogue (roles, stages, document kinds, products) are shown
  // as those words; anything else as written.
  function detailWord(key: string, value: string): string {
    if (/^(role|from|to)$/i.test(key) && oneOf(roles, value)) return tRoles(value);
    if (/^(from|to|stage)$/i.test(key) && oneOf(allStages, value)) return tStages(value);
    if (/^kinds?$/i.test(key) && oneOf(documentKinds, value)) return tCatalogue(`documentKinds.${value}`);
    if (/^product$/i.test(key) && oneOf(products, value)) return tCatalogue(`products.${value}`);
    return value;
  }

  function detailValue({ key, values }: AuditDetail) {
    if (values.length === 0) return "—";
    if (values.length === 1 && UUID.test(values[0]!)) return <IdCode id={values[0]!} title={t("table.fullId", { id: values[0]! })} />;
    return format.list(values.map((value) => detailWord(key, value)));
  }

  return (
    <div
      role="region"
      aria-labelledby="audit-table-caption"
      tabIndex={0}
      className="max-h-[calc(100dvh-14rem)] min-h-40 overflow-auto rounded-lg border"
    >
      <table className="w-full min-w-[60rem] border-separate border-spacing-0 text-sm">
        <caption id="audit-table-caption" className="sr-only">
          {t("table.caption")}
        </caption>
        <thead className="sticky top-0 z-10 bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>
              {t("table.time")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.actor")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.action")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.entity")}
            </th>
            <th scope="col" className={headClass}>
              {t("table.details")}
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
              <td className={`${cellClass} whitespace-nowrap tabular-nums`}>
                <time dateTime={event.at.toISOString()}>
                  {format.dateTime(event.at, { dateStyle: "medium", timeStyle: "medium", timeZone })}
                </time>
              </td>
              <td className={`${cellClass} max-w-56`}>{actorCell(event.actor)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                {isAuditAction(event.action) ? t(`actions.${event.action}`) : <code>{event.action}</code>}
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>
                {event.targetType && (
                  <span className="mr-1.5">
                    {isAuditTargetType(event.targetType) ? t(`targets.${event.targetType}`) : event.targetType}
                  </span>
                )}
                {event.targetId && <IdCode id={event.targetId} title={t("table.fullId", { id: event.targetId })} />}
                {!event.targetType && !event.targetId && <span className="text-muted-foreground">—</span>}
              </td>
              <td className={`${cellClass} min-w-60`}>
                {event.details.length === 0 ? (
                  <span className="text-muted-foreground">—</span>
                ) : (
                  <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
                    {event.details.map((detail) => (
                      <div key={detail.key} className="flex min-w-0 gap-1">
                        <dt className="font-mono text-muted-foreground">{detail.key}:</dt>
                        <dd className="break-words">{detailValue(detail)}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A UUID by its tail, the whole of it on hover. */
function IdCode({ id, title }: { id: string; title: string }) {
  return (
    <code title={title} className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-muted-foreground">
      {shortId(id)}
    </code>
  );
}
