/**
 * The settings' storage page (issue 8 §6): the latest reconciliation reports of the
 * agency, and "Run reconciliation now". Owners and admins (settings:manage), like every
 * settings page; the reports are staff-only rows (a client administrator's context sees
 * none).
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import { storageReconciliations } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { assertCan } from "@/lib/rbac/permissions";
import type { ReconciliationFinding, ReconciliationReport } from "./document-types";
import { runReconciliation } from "./storage-jobs";

export type StorageReportActor = Pick<MembershipContext, "user" | "agency" | "role">;

/** How many reports the page shows. */
export const REPORTS_SHOWN = 10;

/** The agency's latest reports, newest first. */
export async function listReconciliationReports(actor: StorageReportActor, limit = REPORTS_SHOWN): Promise<ReconciliationReport[]> {
  assertCan(actor.role, "settings:manage");
  const rows = await withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, (tx) =>
    tx
      .select()
      .from(storageReconciliations)
      .where(eq(storageReconciliations.agencyId, actor.agency.id))
      .orderBy(desc(storageReconciliations.startedAt), desc(storageReconciliations.id))
      .limit(limit),
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    objectsScanned: row.objectsScanned,
    versionsChecked: row.versionsChecked,
    stagingDeleted: row.stagingDeleted,
    findings: row.findings as ReconciliationFinding[],
  }));
}

/**
 * Runs the agency's reconciliation at once, as the worker would (its own role and
 * transactions: the app role may only read the reports), and answers its report.
 */
export async function runReconciliationNow(actor: StorageReportActor): Promise<ReconciliationReport> {
  assertCan(actor.role, "settings:manage");
  return runReconciliation(actor.agency.id);
}
