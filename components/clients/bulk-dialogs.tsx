"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { archiveClientsAction, assignClientsAction, restoreClientsAction } from "@/app/(app)/[agency]/clients/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import type { AssigneeOption } from "@/lib/clients/list";

type Common = {
  agencySlug: string;
  ids: string[];
  onClose: () => void;
  /** The toast's text: what happened. */
  onDone: (message: string) => void;
};

/** Archive or restore the selected clients, after a confirmation. */
export function ConfirmArchiveDialog({ agencySlug, kind, ids, onClose, onDone }: Common & { kind: "archive" | "restore" }) {
  const t = useTranslations("clientsList");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const action = kind === "archive" ? archiveClientsAction : restoreClientsAction;
    run(
      () => action(agencySlug, { ids }),
      ({ changed }) => onDone(t(kind === "archive" ? "done.archived" : "done.restored", { count: changed })),
    );
  }

  return (
    <Dialog title={t(`${kind}.title`, { count: ids.length })} description={t(`${kind}.body`)} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons
          onCancel={onClose}
          pending={pending}
          destructive={kind === "archive"}
          autoFocusCancel
          submitLabel={t(`${kind}.submit`)}
        />
      </form>
    </Dialog>
  );
}

/** Give the selected clients to one owner, admin or staff member, or to nobody. */
export function AssignClientsDialog({ agencySlug, ids, assignees, onClose, onDone }: Common & { assignees: AssigneeOption[] }) {
  const t = useTranslations("clientsList");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [assignee, setAssignee] = useState(assignees[0]?.id ?? "");
  const error = fieldError("assigneeUserId");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const name = assignees.find((candidate) => candidate.id === assignee)?.name ?? "";
    run(
      () => assignClientsAction(agencySlug, { ids, assigneeUserId: assignee || null }),
      ({ changed }) => onDone(assignee ? t("done.assigned", { count: changed, name }) : t("done.unassigned", { count: changed })),
    );
  }

  return (
    <Dialog
      title={t("assign.title", { count: ids.length })}
      description={t("assign.description")}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field label={t("assign.field")} error={error ? say(error) : undefined}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="assigneeUserId"
              value={assignee}
              onChange={(event) => setAssignee(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-autofocus
              className={inputClass}
            >
              {assignees.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
              <option value="">{t("assign.nobody")}</option>
            </select>
          )}
        </Field>
        {failure && !error && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("assign.submit")} />
      </form>
    </Dialog>
  );
}
