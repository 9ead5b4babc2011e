import { apiRoute } from "@/lib/api/handler";
import { idParamsSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { revokeInvitation } from "@/lib/members/service";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * DELETE /api/v1/invitations/{id}: revokes a pending invitation (member:manage); 204.
 * An id that is not a UUID, or another agency's, is the same 404 as an unknown one.
 */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "member:manage");
  const parsed = idParamsSchema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "invitation id is not a UUID");
  await revokeInvitation(actor, parsed.data.id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
