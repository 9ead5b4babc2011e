/**
 * An internal note on a registration card, from its drawer (issue 7 §5): staff only, never
 * shown to client administrators (design.md §1). The note, tied to the card and its
 * company, and its `note.create` audit event are written in one transaction.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { notes } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { noteSchema } from "@/lib/clients/detail";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Adds `{ body }` as a note on card `registrationId`. Precondition: none (checks
 * "note:write"). VALIDATION (fields.body) for an empty or too long note; NOT_FOUND for
 * another agency's card, a hidden one or a non-UUID.
 */
export async function addRegistrationNote(
  actor: Pick<MembershipContext, "user" | "agency" | "role">,
  registrationId: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<{ id: string }> {
  assertCan(actor.role, "note:write");
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "invalid note", { fields: { body: parsed.error.issues[0]?.message ?? "validation.required" } });
  }
  if (typeof registrationId !== "string" || !UUID.test(registrationId)) throw new AppError("NOT_FOUND", "no such registration");
  const agencyId = actor.agency.id;
  const id = newId();
  await withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const { rows } = await tx.execute<{ client_company_id: string }>(
      sql`select client_company_id from registrations where agency_id = ${agencyId} and id = ${registrationId}::uuid`,
    );
    const card = rows[0];
    if (!card) throw new AppError("NOT_FOUND", "no such registration");
    await tx.insert(notes).values({
      id,
      agencyId,
      clientCompanyId: card.client_company_id,
      registrationId,
      authorUserId: actor.user.id,
      body: parsed.data.body,
      createdAt: clock.now(),
    });
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "note.create",
      targetType: "note",
      targetId: id,
      // Never the note's text: the log is read more widely than the notes.
      data: { clientCompanyId: card.client_company_id, registrationId, length: parsed.data.body.length },
      requestId: options.requestId ?? null,
    });
  });
  return { id };
}
