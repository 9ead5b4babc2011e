"use server";

/**
 * Adding a client company (issue 6 §1). A public endpoint: it finds the caller's
 * membership (another agency, or none: 404), then lib/clients/service.ts checks
 * "client:create" (a manager gets FORBIDDEN back) and validates with the shared schema,
 * every field's message at once. Success goes to the new client's page; only a refusal
 * comes back.
 */
import { notFound, redirect } from "next/navigation";
import { runAction, type ActionFailure } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { createCompany } from "@/lib/clients/service";

/** The company form's body (createCompanySchema). */
export async function createCompanyAction(agencySlug: string, input: unknown): Promise<ActionFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(() => createCompany(context, input, { requestId }));
  if (result.ok) redirect(`/${context.agency.slug}/clients/${result.data.id}?saved=created`);
  return result;
}
