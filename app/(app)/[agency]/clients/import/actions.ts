"use server";

/**
 * Importing client companies from CSV (issue 6 §7). Public endpoints: each finds the
 * caller's membership (another agency, or none: 404), checks client:create (a manager
 * gets FORBIDDEN back) and only then reads the file, which comes as FormData (`file`,
 * and for the import `mode`). The browser sends the same file again to import, so
 * nothing is kept between the preview and the import, and the import checks every row
 * again against the agency as it is then.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionFailure } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import {
  IMPORT_MESSAGES,
  importCompanies,
  importModes,
  MAX_IMPORT_BYTES,
  previewCompanyImport,
  type CompanyImportPreview,
  type CompanyImportResult,
  type ImportMode,
} from "@/lib/clients/import";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";

/** A refusal may carry values for its message ("near line {line}", "more than {max} rows"). */
export type ImportActionFailure = ActionFailure & { params?: Record<string, string | number> };
export type ImportActionResult<T> = { ok: true; data: T } | ImportActionFailure;

function fileRefusal(messageKey: string, params?: Record<string, number>): AppError {
  return new AppError("VALIDATION", "no usable file", { fields: { file: messageKey }, messageKey, ...(params ? { params } : {}) });
}

/** The uploaded file's bytes; too large ones are refused before they are read. */
async function fileBytes(form: unknown): Promise<Uint8Array> {
  const file = form instanceof FormData ? form.get("file") : null;
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) throw fileRefusal(IMPORT_MESSAGES.noFile);
  if (file.size > MAX_IMPORT_BYTES) throw fileRefusal(IMPORT_MESSAGES.tooLarge, { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  return new Uint8Array(await file.arrayBuffer());
}

async function act<T>(agencySlug: unknown, work: (context: Awaited<ReturnType<typeof requireStaffMembership>>) => Promise<T>) {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  let params: Record<string, string | number> | undefined;
  const result = await runAction(async () => {
    assertCan(context.role, "client:create");
    try {
      return await work(context);
    } catch (error) {
      if (error instanceof AppError && error.details.params) params = error.details.params as Record<string, string | number>;
      throw error;
    }
  });
  return { context, result: (result.ok || !params ? result : { ...result, params }) as ImportActionResult<T> };
}

/** FormData `file`: every row checked, nothing written. */
export async function previewClientImportAction(agencySlug: unknown, form: unknown): Promise<ImportActionResult<CompanyImportPreview>> {
  const { result } = await act(agencySlug, async (context) => previewCompanyImport(context, await fileBytes(form)));
  return result;
}

/** FormData `file` and `mode` ("valid-only" or "all-or-nothing"): the new valid rows, in one transaction. */
export async function importClientsAction(agencySlug: unknown, form: unknown): Promise<ImportActionResult<CompanyImportResult>> {
  const { context, result } = await act(agencySlug, async (member) => {
    const raw = form instanceof FormData ? form.get("mode") : null;
    const mode = importModes.find((candidate) => candidate === raw);
    if (!mode) throw new AppError("VALIDATION", "unknown import mode", { fields: { mode: "validation.required" } });
    const bytes = await fileBytes(form);
    const { requestId } = await requestMeta();
    return importCompanies(member, bytes, mode satisfies ImportMode, { requestId });
  });
  if (result.ok && result.data.created > 0) revalidatePath(`/${context.agency.slug}/clients`);
  return result;
}
