"use client";

import { RefreshCw, TriangleAlert } from "lucide-react";
import { useFormatter } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button-styles";

/** The keys every form's `conflict` messages carry (clientForm.conflict, personEditForm.conflict). */
type ConflictKey =
  | "title"
  | "titleAt"
  | "titleUnknown"
  | "body"
  | "kept"
  | "caption"
  | "field"
  | "yours"
  | "theirs"
  | "empty"
  | "noDifferences"
  | "reload"
  | "keep";

/** `useTranslations("<form>.conflict")`: the form's own wording ("…changed this client"). */
export type ConflictMessages = (key: ConflictKey, values?: { name: string; time: string } | { time: string }) => string;

/** Who saved the newer version and when, as a refused save reports it. */
export type StaleSave = { changedBy: string | null; changedAt: string | null };

const folded = (value: string) => value.trim().replace(/\s+/g, " ");

/**
 * Someone saved the record while this user was editing it: who and when, and, field by
 * field, what they saved next to what this user has typed. The user loads the latest
 * (their edits go) or keeps theirs (the next save replaces the newer version, knowingly).
 * Fields that differ only in white space (and, with `ignoreCase`, in case) are not listed.
 */
export function FormConflict<F extends string>({
  t,
  testId,
  stale,
  kept,
  fields,
  yours,
  theirs,
  label,
  display,
  ignoreCase = false,
  tableClassName,
  timeZone,
  onReload,
  onKeep,
}: {
  t: ConflictMessages;
  testId: string;
  /** A new object per refusal: the panel scrolls into view each time. */
  stale: StaleSave;
  kept: boolean;
  fields: readonly F[];
  yours: Readonly<Record<F, string>>;
  theirs: Readonly<Record<F, string>>;
  label: (name: F) => string;
  /** How a non-blank value reads (a choice's label, a user's name); the value itself by default. */
  display?: (name: F, value: string) => string;
  ignoreCase?: boolean;
  /** The table's classes: its minimum width before it scrolls sideways. */
  tableClassName: string;
  timeZone: string;
  onReload: () => void;
  onKeep: () => void;
}) {
  const format = useFormatter();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [stale]);

  const same = (a: string, b: string) => (ignoreCase ? folded(a).toUpperCase() === folded(b).toUpperCase() : folded(a) === folded(b));
  const differing = fields.filter((name) => !same(yours[name], theirs[name]));
  const shown = (name: F, value: string) => (value.trim() ? (display ? display(name, value) : value) : t("empty"));
  const when = stale.changedAt ? format.dateTime(new Date(stale.changedAt), { dateStyle: "medium", timeStyle: "short", timeZone }) : null;
  const title = stale.changedBy && when ? t("title", { name: stale.changedBy, time: when }) : when ? t("titleAt", { time: when }) : t("titleUnknown");

  return (
    <div ref={ref} role="alert" data-testid={testId} className="rounded-xl border border-amber-600/40 bg-amber-500/10 p-4 text-sm">
      <div className="flex items-start gap-2">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{title}</p>
          <p className="mt-1 text-muted-foreground">{kept ? t("kept") : t("body")}</p>
        </div>
      </div>
      {differing.length > 0 ? (
        <div className="mt-3 overflow-x-auto rounded-lg border bg-background">
          <table className={tableClassName}>
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-muted text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("field")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("yours")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("theirs")}
                </th>
              </tr>
            </thead>
            <tbody>
              {differing.map((name) => (
                <tr key={name} data-field={name} className="border-t align-top">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {label(name)}
                  </th>
                  <td className="px-3 py-2 break-words">{shown(name, yours[name])}</td>
                  <td className="px-3 py-2 break-words">{shown(name, theirs[name])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 text-muted-foreground">{t("noDifferences")}</p>
      )}
      {!kept && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" onClick={onReload} className={buttonClass.secondary}>
            <RefreshCw aria-hidden="true" className="size-4" />
            {t("reload")}
          </button>
          <button type="button" onClick={onKeep} className={buttonClass.secondary}>
            {t("keep")}
          </button>
        </div>
      )}
    </div>
  );
}
