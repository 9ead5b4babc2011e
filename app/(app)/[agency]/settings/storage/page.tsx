import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { RunReconciliationButton } from "@/components/settings/run-reconciliation-button";
import { SettingsNav } from "@/components/settings/settings-nav";
import type { ReconciliationFindingKind, ReconciliationReport } from "@/lib/documents/document-types";
import { listReconciliationReports } from "@/lib/documents/storage-report";
import { requireSection } from "../../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("storageReport");
  return { title: t("title") };
}

const findingKinds: readonly ReconciliationFindingKind[] = ["object_without_row", "row_without_object", "mismatch"];
const details = ["size_mismatch", "etag_mismatch", "missing"] as const;
const isDetail = (value: string | undefined): value is (typeof details)[number] => details.includes(value as never);

/**
 * The storage reconciliation's reports (issue 8 §6): what the store holds against the
 * document versions recorded, run daily by the worker or now from here. Owners and admins
 * only, like every settings page.
 */
export default async function StoragePage({ params }: { params: Promise<{ agency: string }> }) {
  const membership = await requireSection((await params).agency, "settings");
  const { agency } = membership;
  const reports = await listReconciliationReports(membership);
  const t = await getTranslations("storageReport");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: agency.timeZone });

  function Report({ report, latest }: { report: ReconciliationReport; latest: boolean }) {
    const headingId = `report-${report.id}`;
    return (
      <section aria-labelledby={headingId} className="rounded-xl border">
        <h3 id={headingId} className="border-b px-4 py-3 text-sm font-semibold">
          {latest ? t("latestHeading", { when: when(report.startedAt) }) : t("reportHeading", { when: when(report.startedAt) })}
        </h3>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 px-4 py-3 text-sm sm:grid-cols-4">
          {[
            { label: t("objectsScanned"), value: format.number(report.objectsScanned), numeric: true },
            { label: t("versionsChecked"), value: format.number(report.versionsChecked), numeric: true },
            { label: t("stagingDeleted"), value: format.number(report.stagingDeleted), numeric: true },
            { label: t("finishedAt"), value: when(report.finishedAt), numeric: false },
          ].map(({ label, value, numeric }) => (
            <div key={label}>
              <dt className="text-muted-foreground">{label}</dt>
              <dd className={numeric ? "tabular-nums" : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
        {report.findings.length === 0 ? (
          <p className="border-t px-4 py-3 text-sm text-muted-foreground">{t("noFindings")}</p>
        ) : (
          <div className="overflow-x-auto border-t" tabIndex={0} role="region" aria-label={t("findingsLabel", { count: report.findings.length })}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("findingsLabel", { count: report.findings.length })}</caption>
              <thead className="text-muted-foreground">
                <tr>
                  {(["kind", "key", "version", "detail"] as const).map((column) => (
                    <th key={column} scope="col" className="px-4 py-2 font-medium">
                      {t(`columns.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y">
                {report.findings.map((finding, index) => (
                  <tr key={`${finding.key}-${index}`}>
                    <td className="px-4 py-2 whitespace-nowrap">{t(`kinds.${finding.kind}.label`)}</td>
                    <td className="px-4 py-2 font-mono text-xs break-all">{finding.key}</td>
                    <td className="px-4 py-2 font-mono text-xs">{finding.versionId ?? t("none")}</td>
                    <td className="px-4 py-2">
                      {isDetail(finding.detail)
                        ? t(`details.${finding.detail}`)
                        : finding.kind === "object_without_row" && finding.detail
                          ? t("bytes", { size: Number(finding.detail) })
                          : t("none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsNav agencySlug={agency.slug} current="storage" />
      <section aria-labelledby="storage-run" className="mb-8 space-y-3">
        <h2 id="storage-run" className="text-sm font-semibold">
          {t("runHeading")}
        </h2>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("runBody")}</p>
        <RunReconciliationButton agencySlug={agency.slug} />
      </section>
      <section aria-labelledby="storage-kinds" className="mb-8">
        <h2 id="storage-kinds" className="mb-3 text-sm font-semibold">
          {t("kindsHeading")}
        </h2>
        <dl className="max-w-3xl space-y-2 text-sm">
          {findingKinds.map((kind) => (
            <div key={kind}>
              <dt className="font-medium">{t(`kinds.${kind}.label`)}</dt>
              <dd className="text-muted-foreground">{t(`kinds.${kind}.explanation`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="storage-reports" className="space-y-4">
        <h2 id="storage-reports" className="text-sm font-semibold">
          {t("reportsHeading")}
        </h2>
        {reports.length === 0 ? (
          <p className="rounded-xl border border-dashed px-4 py-6 text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          reports.map((report, index) => <Report key={report.id} report={report} latest={index === 0} />)
        )}
      </section>
    </>
  );
}
