import { getTranslations } from "next-intl/server";
import type { MembershipContext } from "@/lib/auth/session";
import { listAssigneeOptions } from "@/lib/clients/detail";
import { getStaffRestriction, getTeam } from "@/lib/clients/team";
import { can } from "@/lib/rbac/permissions";
import { TeamCardView } from "./team-card-view";

/**
 * The client page's team card (issue 6 §5): the assignee and the team members, and for
 * those who may change the client (staff, admins, owners) a way to add and remove members.
 */
export async function TeamCard({ context, companyId }: { context: MembershipContext; companyId: string }) {
  const canEdit = can(context.role, "client:update");
  const [team, options, restriction] = await Promise.all([
    getTeam(context, companyId),
    canEdit ? listAssigneeOptions(context) : Promise.resolve([]),
    getStaffRestriction(context),
  ]);
  const t = await getTranslations("clientTeam");
  return (
    <TeamCardView
      agencySlug={context.agency.slug}
      companyId={companyId}
      team={team}
      options={options}
      canEdit={canEdit}
      currentUserId={context.user.id}
      note={restriction.restrictStaffToAssigned ? t("restrictedNote") : null}
    />
  );
}
