/**
 * A notification in words, as the bell, the inbox and the portal show it: the catalogue's
 * `reminders.<kind>` title and body (lib/reminders/kinds.ts) with the reminder's data as
 * values, the stage, pipeline and document kinds worded from the catalogue, the due date
 * in the reader's locale. Older kinds get wordings of their own (`notifications.kinds`);
 * anything else a plain "Notification". Where it links: the data's own `href` (only a
 * path on this site), a client administrator's `portalHref` in the portal.
 */
import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { safeHref, type NotificationView } from "./schemas";
import type { NotificationDto } from "./service";

export type { NotificationView };


/** Older kinds (before reminders) the demo seed and earlier features wrote, by their catalogue key. */
const legacyKinds: Record<string, string> = {
  "document.uploaded": "documentUploaded",
  "registration.due_soon": "registrationDueSoon",
  "registration.overdue": "registrationOverdue",
  "registration.assigned": "registrationAssigned",
  "document_request.comment": "requestComment",
  "verification.expiring": "verificationExpiring",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

type Catalogue = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** Words the notifications of one page: `portal` for the client portal's links. */
export async function notificationWording(agencySlug: string, portal: boolean): Promise<(item: NotificationDto) => NotificationView> {
  // Keys built from the data (a kind, a stage): checked with has() before use.
  const t = (await getTranslations()) as unknown as Catalogue;
  const format = await getFormatter();
  const word = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback);

  return (item) => {
    const data = item.data;
    const dueDate = /^\d{4}-\d{2}-\d{2}$/.test(text(data.dueDate))
      ? format.dateTime(new Date(`${text(data.dueDate)}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })
      : "";
    const kinds = Array.isArray(data.kinds) ? data.kinds.map((kind) => word(`catalogue.documentKinds.${text(kind)}`, text(kind))) : [];
    const company = text(data.company) || text(data.companyName) || text(data.name);
    const values = {
      company,
      dueDate,
      stageName: data.stage ? word(`portal.stages.${text(data.stage)}`, text(data.stage)) : "",
      pipelineName: data.pipeline ? word(`board.pipelines.${text(data.pipeline)}`, text(data.pipeline)) : "",
      days: typeof data.days === "number" ? data.days : Number(data.daysLeft ?? 0),
      account: text(data.account) || text(data.name),
      kinds: kinds.length > 0 ? format.list(kinds, { type: "conjunction" }) : "",
      week: text(data.week),
    };

    let title: string;
    let body: string;
    const legacy = legacyKinds[item.kind];
    if (t.has(`reminders.${item.kind}.title`)) {
      title = t(`reminders.${item.kind}.title`, values);
      body = t.has(`reminders.${item.kind}.body`) ? t(`reminders.${item.kind}.body`, values) : "";
    } else if (legacy) {
      title = t(`notifications.kinds.${legacy}.title`, values);
      body = t(`notifications.kinds.${legacy}.body`, values);
    } else {
      title = t("notifications.kinds.other.title");
      body = company;
    }

    const base = portal ? `/portal/${agencySlug}` : `/${agencySlug}`;
    let href = safeHref(portal ? (data.portalHref ?? data.href) : data.href);
    if (!href && typeof data.registrationId === "string" && UUID.test(data.registrationId)) {
      href = `${base}/registrations/${data.registrationId}`;
    }
    if (!href && !portal && typeof data.documentId === "string" && UUID.test(data.documentId)) {
      href = `${base}/documents/${data.documentId}`;
    }
    return { id: item.id, title, body, href, createdAt: item.createdAt, read: item.readAt !== null };
  };
}
