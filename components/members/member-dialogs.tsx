"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import {
  changeRoleAction,
  disableMemberAction,
  enableMemberAction,
  removeMemberAction,
  transferOwnershipAction,
} from "@/app/(app)/[agency]/settings/members/actions";
import { Dialog } from "./dialog";
import { DialogButtons, FormAlert, useCatalogue } from "./form-controls";
import { CompanyField, ReassignField, RoleField } from "./member-fields";
import {
  assignableRoleChoices,
  assignedWork,
  type CompanyOption,
  type MemberRow,
  type RoleChoice,
  workHolderRoles,
} from "./types";
import { useAction } from "./use-action";

type Common = {
  agencySlug: string;
  member: MemberRow;
  onClose: () => void;
  onDone: (message: string) => void;
};

function useFieldMessage(fieldError: (field: string) => string | undefined) {
  const say = useCatalogue();
  return (field: string) => {
    const key = fieldError(field);
    return key ? say(key) : undefined;
  };
}

export function ChangeRoleDialog({
  agencySlug,
  member,
  members,
  companies,
  companyLimit,
  onClose,
  onDone,
}: Common & { members: readonly MemberRow[]; companies: readonly CompanyOption[]; companyLimit: number }) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const error = useFieldMessage(fieldError);
  const current = (assignableRoleChoices as readonly string[]).includes(member.role) ? (member.role as RoleChoice) : "staff";
  const [role, setRole] = useState<RoleChoice>(current);
  const [companyId, setCompanyId] = useState(member.clientCompany?.id ?? "");
  const [reassignTo, setReassignTo] = useState("");
  // Managers and client administrators hold no clients or cards: theirs move first.
  const needsHeir = assignedWork(member) > 0 && !workHolderRoles.includes(role);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = {
      membershipId: member.membershipId,
      role,
      clientCompanyId: role === "client_admin" ? companyId || null : null,
      reassignTo: needsHeir ? reassignTo || null : null,
    };
    run(
      () => changeRoleAction(agencySlug, input),
      () => onDone(t("done.roleChanged", { name: member.name, role: tRoles(role) })),
    );
  }

  return (
    <Dialog
      title={t("changeRole.title", { name: member.name })}
      description={t("changeRole.description", { role: tRoles(member.role) })}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <RoleField value={role} onChange={setRole} error={error("role")} autoFocus />
        {role === "client_admin" && (
          <CompanyField
            companies={companies}
            limit={companyLimit}
            value={companyId}
            onChange={setCompanyId}
            error={error("clientCompanyId")}
          />
        )}
        {needsHeir && (
          <ReassignField
            member={member}
            members={members}
            value={reassignTo}
            onChange={setReassignTo}
            error={error("reassignTo")}
          />
        )}
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("changeRole.submit")} />
      </form>
    </Dialog>
  );
}

/** Disable or remove: their clients and cards go to another member first, when they have any. */
export function OffboardDialog({
  kind,
  agencySlug,
  agencyName,
  member,
  members,
  onClose,
  onDone,
}: Common & { kind: "disable" | "remove"; agencyName: string; members: readonly MemberRow[] }) {
  const t = useTranslations("members");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const error = useFieldMessage(fieldError);
  const [reassignTo, setReassignTo] = useState("");
  const hasWork = assignedWork(member) > 0;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { membershipId: member.membershipId, reassignTo: hasWork ? reassignTo || null : null };
    const action = kind === "disable" ? disableMemberAction : removeMemberAction;
    run(
      () => action(agencySlug, input),
      () => onDone(t(kind === "disable" ? "done.disabled" : "done.removed", { name: member.name })),
    );
  }

  return (
    <Dialog
      title={t(kind === "disable" ? "disable.title" : "remove.title", { name: member.name })}
      description={t(kind === "disable" ? "disable.body" : "remove.body", { agency: agencyName })}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {hasWork && (
          <ReassignField
            member={member}
            members={members}
            value={reassignTo}
            onChange={setReassignTo}
            error={error("reassignTo")}
          />
        )}
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons
          onCancel={onClose}
          pending={pending}
          destructive
          autoFocusCancel={!hasWork}
          submitLabel={t(kind === "disable" ? "disable.submit" : "remove.submit")}
        />
      </form>
    </Dialog>
  );
}

/** Enable, or hand the agency over: a plain confirmation. */
export function ConfirmMemberDialog({
  kind,
  agencySlug,
  agencyName,
  member,
  onClose,
  onDone,
}: Common & { kind: "enable" | "transfer"; agencyName: string }) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { membershipId: member.membershipId };
    if (kind === "enable") {
      run(
        () => enableMemberAction(agencySlug, input),
        () => onDone(t("done.enabled", { name: member.name })),
      );
    } else {
      run(
        () => transferOwnershipAction(agencySlug, input),
        () => onDone(t("done.transferred", { name: member.name })),
      );
    }
  }

  const values = { name: member.name, agency: agencyName, role: tRoles(member.role) };
  return (
    <Dialog
      title={t(kind === "enable" ? "enable.title" : "transfer.title", values)}
      description={t(kind === "enable" ? "enable.body" : "transfer.body", values)}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons
          onCancel={onClose}
          pending={pending}
          autoFocusCancel
          submitLabel={t(kind === "enable" ? "enable.submit" : "transfer.submit")}
        />
      </form>
    </Dialog>
  );
}
