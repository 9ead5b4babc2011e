"use client";

/**
 * The import's preview (issue 6 §7): a summary, then every row of the file as it was
 * read, each error in the cell it is about (a column the file lacks, such as a country
 * an overseas row needs, is named in the status cell). Rows already in the agency link
 * to the client they match; repeated rows name the row they repeat. Colour is never the
 * only signal: each status has an icon and a word.
 */
import { CircleAlert, CircleCheck, CopyCheck, Copy } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { useCatalogue } from "@/components/members/form-controls";
import { cn } from "@/components/ui/cn";
import type { CompanyImportPreview, ImportField, ImportRowStatus, PreviewRow } from "@/lib/clients/import";

/** Rows drawn at once; a file of thousands is still checked and imported whole. */
const SHOWN_ROWS = 1_000;

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";

/** How wide a column's text may be: codes on one line, names and addresses wide enough to read. */
const valueClass: Partial<Record<ImportField, string>> = {
  kind: "whitespace-nowrap",
  subjectType: "whitespace-nowrap",
  legalNameZh: "min-w-48 max-w-72 whitespace-pre-line",
  nameEn: "min-w-48 max-w-72 whitespace-pre-line",
  uscc: "font-mono text-xs whitespace-nowrap",
  orgCode: "font-mono text-xs whitespace-nowrap",
  registrationNumber: "font-mono text-xs whitespace-nowrap",
  usccOverrideReason: "min-w-48 max-w-72 whitespace-pre-line",
  industry: "min-w-32 max-w-56 whitespace-pre-line",
  address: "min-w-56 max-w-80 whitespace-pre-line",
};
const cellClass = "px-3 py-2 align-top";

function StatusCell({ row, agencySlug, missing }: { row: PreviewRow; agencySlug: string; missing: [ImportField, string][] }) {
  const t = useTranslations("clientImport");
  const say = useCatalogue();
  const badge = (Icon: typeof CircleCheck, text: string, tone: string) => (
    <span className={cn("inline-flex items-center gap-1.5 whitespace-nowrap", tone)}>
      <Icon aria-hidden="true" className="size-4 shrink-0" />
      {text}
    </span>
  );
  const duplicate = row.duplicateOf;
  return (
    <div className="flex flex-col gap-1">
      {row.status === "valid" && badge(CircleCheck, t("status.valid"), "text-emerald-700 dark:text-emerald-400")}
      {row.status === "invalid" && badge(CircleAlert, t("status.invalid"), "font-medium text-destructive")}
      {row.status === "existing" && duplicate && "companyId" in duplicate && (
        <Link
          href={`/${agencySlug}/clients/${duplicate.companyId}`}
          prefetch={false}
          className="inline-flex items-center gap-1.5 whitespace-nowrap text-muted-foreground underline-offset-4 hover:underline"
        >
          <CopyCheck aria-hidden="true" className="size-4 shrink-0" />
          {t("status.existing")}
        </Link>
      )}
      {row.status === "repeated" &&
        duplicate &&
        "line" in duplicate &&
        badge(Copy, t("status.repeated", { line: duplicate.line }), "text-muted-foreground")}
      {missing.map(([field, key]) => (
        <span key={field} className="text-xs text-destructive">
          {t("status.otherError", { column: t(`columns.${field}`), message: say(key) })}
        </span>
      ))}
    </div>
  );
}

export function ImportPreview({
  agencySlug,
  fileName,
  preview,
}: {
  agencySlug: string;
  fileName: string;
  preview: CompanyImportPreview;
}) {
  const t = useTranslations("clientImport");
  const say = useCatalogue();
  const headingId = useId();
  const captionId = useId();
  const filterId = useId();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { summary, columns } = preview;

  const rows = useMemo(
    () => (onlyProblems ? preview.rows.filter((row) => row.status !== "valid") : preview.rows),
    [onlyProblems, preview.rows],
  );
  const shown = rows.slice(0, SHOWN_ROWS);
  const counts: [ImportRowStatus, number][] = [
    ["valid", summary.valid],
    ["invalid", summary.invalid],
    ["existing", summary.existing],
    ["repeated", summary.repeated],
  ];

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div>
        <h2 id={headingId} className="text-base font-semibold break-all">
          {t("preview.title", { name: fileName })}
        </h2>
        <p className="mt-0.5 text-xs text-muted-foreground">
          {t(`preview.encoding.${preview.encoding}`)}
        </p>
      </div>
      <div role="status">
        <ul className="flex flex-wrap gap-2 text-sm">
          {counts
            .filter(([status, count]) => status !== "repeated" || count > 0)
            .map(([status, count]) => (
              <li
                key={status}
                className={cn(
                  "rounded-md border px-2.5 py-1 tabular-nums",
                  status === "valid" && count > 0 && "border-emerald-600/40 bg-emerald-600/5",
                  status === "invalid" && count > 0 && "border-destructive/50 font-medium text-destructive",
                )}
              >
                {t(`preview.summary.${status}`, { count })}
              </li>
            ))}
        </ul>
      </div>
      {preview.unknownColumns.length > 0 && (
        <p className="text-sm text-muted-foreground">{t("preview.unknownColumns", { columns: preview.unknownColumns.join(", ") })}</p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <label htmlFor={filterId} className="inline-flex items-center gap-2">
          <input
            id={filterId}
            type="checkbox"
            checked={onlyProblems}
            onChange={(event) => setOnlyProblems(event.target.checked)}
            className="size-4 accent-primary"
          />
          {t("preview.onlyProblems")}
        </label>
        {rows.length > SHOWN_ROWS && (
          <span className="text-muted-foreground tabular-nums">{t("preview.shown", { shown: SHOWN_ROWS, total: rows.length })}</span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{t("preview.noProblems")}</p>
      ) : (
        <div
          role="region"
          aria-labelledby={captionId}
          tabIndex={0}
          // A long file scrolls inside, under its sticky header; a short one is shown whole.
          className={cn("overflow-auto rounded-lg border", shown.length > 30 && "max-h-[70vh]")}
        >
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption id={captionId} className="sr-only">
              {t("table.caption")}
            </caption>
            <thead className="sticky top-0 z-10 bg-muted">
              <tr className="[&>th]:border-b">
                <th scope="col" className={cn(headClass, "text-right")}>
                  {t("table.line")}
                </th>
                <th scope="col" className={headClass}>
                  {t("table.status")}
                </th>
                {columns.map((field) => (
                  <th key={field} scope="col" className={headClass}>
                    {t(`columns.${field}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const missing = (Object.entries(row.errors) as [ImportField, string][]).filter(([field]) => !columns.includes(field));
                return (
                  <tr key={row.line} data-status={row.status} className="[&:not(:last-child)>*]:border-b">
                    <th scope="row" className={cn(cellClass, "text-right font-normal text-muted-foreground tabular-nums")}>
                      {row.line}
                    </th>
                    <td className={cellClass}>
                      <StatusCell row={row} agencySlug={agencySlug} missing={missing} />
                    </td>
                    {columns.map((field) => {
                      const error = row.errors[field];
                      return (
                        <td key={field} className={cn(cellClass, error && "border-l-2 border-l-destructive")}>
                          <span className={cn("block break-words", valueClass[field] ?? "max-w-48 whitespace-pre-line")}>{row.values[field]}</span>
                          {error && (
                            <span className="mt-1 flex max-w-64 min-w-40 items-start gap-1 text-xs text-destructive">
                              <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                              {say(error)}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
