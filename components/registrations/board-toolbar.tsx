"use client";

import { Columns3, List, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ChangeEvent } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { boardHref, hasBoardFilters, type BoardQuery } from "@/lib/registration/board-view";
import { pipelines } from "@/lib/registration/pipelines";

const selectClass =
  "h-8 rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";
const chipClass =
  "inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2.5 text-sm select-none has-checked:border-primary/50 has-checked:bg-primary/10 has-checked:text-foreground has-focus-visible:ring-2 has-focus-visible:ring-ring";

/**
 * The board's pipeline switcher, board/list toggle and filters. Every choice is a URL
 * (ux.md: a view people can paste to each other): the pipeline tabs and the toggle are
 * links; a filter, once changed, loads the board with it. Without JavaScript the filters
 * are a GET form with an apply button.
 */
export function BoardToolbar({
  agencySlug,
  query,
  assignees,
  clientName,
  totalLabel,
}: {
  agencySlug: string;
  query: BoardQuery;
  assignees: { id: string; name: string }[];
  /** The filtered client's name; null when ?client= names none the member can see. */
  clientName: string | null;
  totalLabel: string;
}) {
  const t = useTranslations("board");
  // The dashboard's "due within 7 days" link sets ?within=; it shows here as a chip to remove.
  const tWithin = useTranslations("dashboard.boardFilter");
  const router = useRouter();
  // A filter change starts the list over; the board has no pages.
  const base: BoardQuery = { ...query, after: undefined, card: undefined };

  function apply(next: Partial<BoardQuery>) {
    router.push(boardHref(agencySlug, { ...base, ...next }));
  }

  const select = (key: "assignee" | "waiting" | "type") => (event: ChangeEvent<HTMLSelectElement>) =>
    apply({ [key]: event.target.value || undefined });
  const toggle = (key: "overdue" | "soon" | "stale") => (event: ChangeEvent<HTMLInputElement>) => apply({ [key]: event.target.checked || undefined });

  const viewLink = (view: "board" | "list", Icon: typeof List, label: string) => (
    <Link
      href={boardHref(agencySlug, { ...base, view, stage: undefined })}
      aria-current={query.view === view ? "page" : undefined}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded px-2.5 text-sm font-medium text-muted-foreground hover:text-foreground",
        query.view === view && "bg-background text-foreground shadow-xs",
      )}
    >
      <Icon aria-hidden="true" className="size-4" />
      {label}
    </Link>
  );

  return (
    <div className="mb-4 flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label={t("pipelines.label")} className="-mx-1 flex max-w-full overflow-x-auto px-1">
          <ul className="flex items-center gap-1 rounded-lg bg-muted p-1">
            <li aria-hidden="true" className="px-1.5 text-xs font-medium whitespace-nowrap text-muted-foreground">
              {t("pipelines.group")}
            </li>
            {pipelines.map((pipeline) => (
              <li key={pipeline} className={cn(pipeline === "wecom" && "ml-1 border-l border-border pl-2")}>
                <Link
                  href={boardHref(agencySlug, { ...base, pipeline, stage: undefined, type: pipeline === "wecom" ? undefined : base.type })}
                  aria-current={query.pipeline === pipeline ? "page" : undefined}
                  // The group's name as well ("Official Accounts · Chinese organisations"); the tab shows the second half.
                  aria-label={pipeline === "wecom" ? undefined : `${t("pipelines.group")} · ${t(`pipelines.${pipeline}`)}`}
                  className={cn(
                    "inline-flex h-7 items-center rounded px-2.5 text-sm font-medium whitespace-nowrap text-muted-foreground hover:text-foreground",
                    query.pipeline === pipeline && "bg-background text-foreground shadow-xs",
                  )}
                >
                  {t(`pipelines.${pipeline}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label={t("views.label")} className="ml-auto flex gap-1 rounded-lg bg-muted p-1">
          {viewLink("board", Columns3, t("views.board"))}
          {viewLink("list", List, t("views.list"))}
        </nav>
      </div>

      <form
        action={`/${agencySlug}/registrations`}
        method="get"
        aria-label={t("filters.label")}
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const fields = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
          apply({
            assignee: (fields.assignee || undefined) as BoardQuery["assignee"],
            waiting: (fields.waiting || undefined) as BoardQuery["waiting"],
            type: (fields.type || undefined) as BoardQuery["type"],
            overdue: fields.overdue ? true : undefined,
            soon: fields.soon ? true : undefined,
            stale: fields.stale ? true : undefined,
          });
        }}
      >
        {query.pipeline !== "oa_cn_org" && <input type="hidden" name="pipeline" value={query.pipeline} />}
        {query.view !== "board" && <input type="hidden" name="view" value={query.view} />}
        {query.client && <input type="hidden" name="client" value={query.client} />}
        {query.within && <input type="hidden" name="within" value={query.within} />}
        <label className="sr-only" htmlFor="board-assignee">
          {t("filters.assignee")}
        </label>
        <select id="board-assignee" name="assignee" value={query.assignee ?? ""} onChange={select("assignee")} className={selectClass}>
          <option value="">{t("filters.anyAssignee")}</option>
          <option value="mine">{t("filters.mine")}</option>
          <option value="none">{t("filters.unassigned")}</option>
          {assignees.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="board-waiting">
          {t("filters.waiting")}
        </label>
        <select id="board-waiting" name="waiting" value={query.waiting ?? ""} onChange={select("waiting")} className={selectClass}>
          <option value="">{t("filters.anyWaiting")}</option>
          <option value="any">{t("filters.waitingAny")}</option>
          <option value="client">{t("filters.waitingClient")}</option>
          <option value="wechat">{t("filters.waitingWechat")}</option>
        </select>
        {query.pipeline === "oa_cn_org" && (
          <>
            <label className="sr-only" htmlFor="board-type">
              {t("filters.type")}
            </label>
            <select id="board-type" name="type" value={query.type ?? ""} onChange={select("type")} className={selectClass}>
              <option value="">{t("filters.anyType")}</option>
              <option value="service">{t("filters.service")}</option>
              <option value="subscription">{t("filters.subscription")}</option>
            </select>
          </>
        )}
        <label className={chipClass}>
          <input type="checkbox" name="overdue" value="1" checked={query.overdue === true} onChange={toggle("overdue")} className="size-3.5 accent-primary" />
          {t("filters.overdue")}
        </label>
        <label className={chipClass}>
          <input type="checkbox" name="soon" value="1" checked={query.soon === true} onChange={toggle("soon")} className="size-3.5 accent-primary" />
          {t("filters.soon")}
        </label>
        <label className={chipClass}>
          <input type="checkbox" name="stale" value="1" checked={query.stale === true} onChange={toggle("stale")} className="size-3.5 accent-primary" />
          {t("filters.stale")}
        </label>
        {query.client && (
          <span className="inline-flex h-8 items-center gap-1 rounded-md border border-primary/50 bg-primary/10 pr-1 pl-2.5 text-sm">
            {clientName !== null ? t("filters.client", { name: clientName }) : t("filters.unknownClient")}
            <Link href={boardHref(agencySlug, { ...base, client: undefined })} aria-label={t("filters.removeClient")} className={cn(buttonClass.icon, "size-6")}>
              <X aria-hidden="true" className="size-3.5" />
            </Link>
          </span>
        )}
        {query.within && (
          <span className="inline-flex h-8 items-center gap-1 rounded-md border border-primary/50 bg-primary/10 pr-1 pl-2.5 text-sm">
            {tWithin("within", { days: query.within })}
            <Link href={boardHref(agencySlug, { ...base, within: undefined })} aria-label={tWithin("remove", { days: query.within })} className={cn(buttonClass.icon, "size-6")}>
              <X aria-hidden="true" className="size-3.5" />
            </Link>
          </span>
        )}
        <noscript>
          <button type="submit" className={buttonClass.secondary}>
            {t("filters.apply")}
          </button>
        </noscript>
        {hasBoardFilters(query) && (
          <Link
            href={boardHref(agencySlug, { pipeline: query.pipeline, view: query.view })}
            className={buttonClass.ghost}
          >
            {t("filters.clear")}
          </Link>
        )}
        <p role="status" className="ml-auto text-sm text-muted-foreground tabular-nums">
          {totalLabel}
        </p>
      </form>
    </div>
  );
}
