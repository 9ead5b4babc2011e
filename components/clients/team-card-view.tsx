"use client";

import { UserMinus, UserPlus, Users } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { addTeamMembersAction, removeTeamMemberAction } from "@/app/(app)/[agency]/clients/[id]/team-actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import type { ClientTeam } from "@/lib/clients/team-schemas";

type Option = { id: string; name: string };

/** The team card's interactive part: the list, the add dialog and the remove buttons. */
export function TeamCardView({
  agencySlug,
  companyId,
  team: initial,
  options,
  canEdit,
  currentUserId,
  note,
}: {
  agencySlug: string;
  companyId: string;
  team: ClientTeam;
  options: Option[];
  canEdit: boolean;
  currentUserId: string;
  note: string | null;
}) {
  const t = useTranslations("clientTeam");
  const format = useFormatter();
  const say = useCatalogue();
  const [team, setTeam] = useState(initial);
  const [adding, setAdding] = useState(false);
  const remove = useAction();
  const onTeam = new Set(team.members.map((m) => m.id));
  const addable = options.filter((option) => !onTeam.has(option.id));
  const name = (person: { id: string; name: string }) => (person.id === currentUserId ? `${person.name} ${t("you")}` : person.name);

  return (
    <section aria-labelledby="team-heading" className="mt-6 rounded-xl border p-4 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id="team-heading" className="flex items-center gap-2 font-semibold">
            <Users aria-hidden="true" className="size-4 text-muted-foreground" />
            {t("heading")}
          </h3>
          <p className="mt-1 text-muted-foreground">{t("description")}</p>
        </div>
        {canEdit && (
          <button type="button" className={buttonClass.secondary} onClick={() => setAdding(true)}>
            <UserPlus aria-hidden="true" className="size-4" />
            {t("add")}
          </button>
        )}
      </div>
      <dl className="mt-4 grid gap-4 sm:grid-cols-[12rem_1fr]">
        <dt className="text-muted-foreground">{t("assignee")}</dt>
        <dd data-testid="team-assignee">
          {team.assignee ? name(team.assignee) : <span className="text-muted-foreground">{t("unassigned")}</span>}
        </dd>
        <dt className="text-muted-foreground">{t("members")}</dt>
        <dd>
          {team.members.length === 0 ? (
            <span className="text-muted-foreground">{t("noMembers")}</span>
          ) : (
            <ul aria-label={t("members")} className="divide-y rounded-md border">
              {team.members.map((member) => (
                <li key={member.id} className="flex items-center justify-between gap-3 px-3 py-2">
                  <span className="min-w-0">
                    <span className="font-medium">{name(member)}</span>
                    <span className="ml-2 text-xs text-muted-foreground">
                      {t("addedAt", { date: format.dateTime(new Date(member.addedAt), { dateStyle: "medium" }) })}
                    </span>
                  </span>
                  {canEdit && (
                    <button
                      type="button"
                      className={buttonClass.ghost}
                      disabled={remove.pending}
                      aria-label={t("remove", { name: member.name })}
                      onClick={() => remove.run(() => removeTeamMemberAction(agencySlug, companyId, member.id), setTeam)}
                    >
                      <UserMinus aria-hidden="true" className="size-4" />
                      <span className="hidden sm:inline">{t("removeShort")}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {remove.failure && (
        <div className="mt-3">
          <FormAlert>{say(remove.failure.fields?.userIds ?? remove.failure.message)}</FormAlert>
        </div>
      )}
      {note && <p className="mt-4 text-xs text-muted-foreground">{note}</p>}
      {adding && (
        <AddMembersDialog
          agencySlug={agencySlug}
          companyId={companyId}
          options={addable}
          onClose={() => setAdding(false)}
          onAdded={(next) => {
            setTeam(next);
            setAdding(false);
          }}
        />
      )}
    </section>
  );
}

function AddMembersDialog({
  agencySlug,
  companyId,
  options,
  onClose,
  onAdded,
}: {
  agencySlug: string;
  companyId: string;
  options: Option[];
  onClose: () => void;
  onAdded: (team: ClientTeam) => void;
}) {
  const t = useTranslations("clientTeam");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();
  const [picked, setPicked] = useState<Set<string>>(new Set());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(() => addTeamMembersAction(agencySlug, companyId, { userIds: [...picked] }), onAdded);
  }

  function toggle(id: string, on: boolean) {
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const fieldError = failure?.fields?.userIds;
  return (
    <Dialog title={t("add")} description={t("addBody")} onClose={onClose} busy={pending}>
      <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {options.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("nobodyToAdd")}</p>
        ) : (
          <fieldset aria-describedby={fieldError ? "team-pick-error" : undefined}>
            <legend className="mb-2 text-sm font-medium">{t("pick")}</legend>
            <ul className="max-h-72 divide-y overflow-y-auto rounded-md border">
              {options.map((option, index) => (
                <li key={option.id}>
                  <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-accent">
                    <input
                      type="checkbox"
                      name="userIds"
                      value={option.id}
                      checked={picked.has(option.id)}
                      onChange={(event) => toggle(option.id, event.target.checked)}
                      data-autofocus={index === 0 || undefined}
                      className="size-4 rounded border-input accent-primary"
                    />
                    {option.name}
                  </label>
                </li>
              ))}
            </ul>
            {fieldError && (
              <p id="team-pick-error" className="mt-2 text-sm text-destructive">
                {say(fieldError)}
              </p>
            )}
          </fieldset>
        )}
        {failure && !fieldError && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("confirmAdd")} disabled={picked.size === 0} />
      </form>
    </Dialog>
  );
}
