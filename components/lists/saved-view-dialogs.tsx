"use client";

import { Pencil, Star, StarOff, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { deleteViewAction, saveViewAction, updateViewAction } from "@/app/(app)/[agency]/views/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { SAVED_VIEW_MESSAGES, type SavedView, type SavedViewList } from "@/lib/saved-views/constants";

type Common = {
  agencySlug: string;
  onClose: () => void;
  /** The toast's text: what happened. */
  onDone: (message: string) => void;
};

/**
 * The name field's message for the name sent (a name in use says which name); gone once
 * the name is edited, so it never describes a name that is no longer there.
 */
function useNameError(fieldError: (field: string) => string | undefined, submitted: string, current: string): string | undefined {
  const t = useTranslations("savedViews");
  const say = useCatalogue();
  const error = fieldError("name");
  if (!error || submitted !== current) return undefined;
  return error === SAVED_VIEW_MESSAGES.nameTaken ? t("errors.nameTakenCalled", { name: submitted.trim() }) : say(error);
}

/** "Save current view…": a name, and whether the list opens with it. */
export function SaveViewDialog({ agencySlug, list, query, onClose, onDone }: Common & { list: SavedViewList; query: string }) {
  const t = useTranslations("savedViews");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [name, setName] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [isDefault, setIsDefault] = useState(false);
  const nameError = useNameError(fieldError, submitted, name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setSubmitted(name);
    run(
      () => saveViewAction(agencySlug, { list, name, query, isDefault }),
      (view) => onDone(t("done.saved", { name: view.name })),
    );
  }

  return (
    <Dialog title={t("saveDialog.title")} description={t("saveDialog.description")} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
        <Field label={t("saveDialog.name")} error={nameError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder={t("saveDialog.namePlaceholder")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
              data-autofocus
              className={inputClass}
            />
          )}
        </Field>
        <div>
          <label className="flex cursor-pointer items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              name="isDefault"
              checked={isDefault}
              onChange={(event) => setIsDefault(event.target.checked)}
              aria-describedby="saved-view-default-hint"
              className="mt-0.5 size-4 shrink-0 accent-primary"
            />
            <span className="font-medium">{t("saveDialog.makeDefault")}</span>
          </label>
          <p id="saved-view-default-hint" className="mt-1 pl-6.5 text-xs text-muted-foreground">
            {t("saveDialog.makeDefaultHint", { all: t(`all.${list}`) })}
          </p>
        </div>
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("saveDialog.submit")} />
      </form>
    </Dialog>
  );
}

/** A new name for one of the member's views. */
export function RenameViewDialog({ agencySlug, view, onClose, onDone }: Common & { view: SavedView }) {
  const t = useTranslations("savedViews");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [name, setName] = useState(view.name);
  const [submitted, setSubmitted] = useState("");
  const nameError = useNameError(fieldError, submitted, name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setSubmitted(name);
    run(
      () => updateViewAction(agencySlug, { id: view.id, name }),
      (saved) => onDone(t("done.renamed", { name: saved.name })),
    );
  }

  return (
    <Dialog title={t("renameDialog.title")} onClose={onClose} busy={pending}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
        <Field label={t("renameDialog.name")} error={nameError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              onFocus={(event) => event.currentTarget.select()}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
              data-autofocus
              className={inputClass}
            />
          )}
        </Field>
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("renameDialog.submit")} />
      </form>
    </Dialog>
  );
}

/** Deleting one of the member's views, after a confirmation (the safe choice has the focus). */
export function DeleteViewDialog({ agencySlug, view, onClose, onDone }: Common & { view: SavedView }) {
  const t = useTranslations("savedViews");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    run(
      () => deleteViewAction(agencySlug, { id: view.id }),
      (deleted) => onDone(t("done.deleted", { name: deleted.name })),
    );
  }

  return (
    <Dialog
      title={t("deleteDialog.title", { name: view.name })}
      description={t(view.isDefault ? "deleteDialog.bodyDefault" : "deleteDialog.body")}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} destructive autoFocusCancel submitLabel={t("deleteDialog.submit")} />
      </form>
    </Dialog>
  );
}

/**
 * The member's views of the list, each with rename, default on or off, and delete.
 * Making one the default happens here at once (the previous default gives way).
 */
export function ManageViewsDialog({
  agencySlug,
  views,
  onClose,
  onDone,
  onRename,
  onDelete,
}: Common & { views: SavedView[]; onRename: (view: SavedView) => void; onDelete: (view: SavedView) => void }) {
  const t = useTranslations("savedViews");
  const say = useCatalogue();
  const { pending, failure, run } = useAction();
  const [busyId, setBusyId] = useState<string | null>(null);

  function toggleDefault(view: SavedView) {
    if (pending) return;
    setBusyId(view.id);
    run(
      () => updateViewAction(agencySlug, { id: view.id, isDefault: !view.isDefault }),
      (saved) => onDone(saved.isDefault ? t("done.defaultSet", { name: saved.name }) : t("done.defaultUnset")),
    );
  }

  return (
    <Dialog title={t("manageDialog.title")} description={t("manageDialog.description")} onClose={onClose} busy={pending}>
      <div className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        {views.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("manageDialog.empty")}</p>
        ) : (
          <ul className="-mx-2 flex flex-col divide-y" aria-busy={pending || undefined}>
            {views.map((view) => (
              <li key={view.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 px-2 py-2">
                <span className="flex min-w-0 flex-1 basis-40 items-center gap-2">
                  <span id={`saved-view-${view.id}`} className="truncate text-sm font-medium" title={view.name}>
                    {view.name}
                  </span>
                  {view.isDefault && (
                    <span className="shrink-0 rounded border bg-muted px-1.5 text-xs text-muted-foreground">{t("default")}</span>
                  )}
                </span>
                <span className="flex shrink-0 items-center gap-0.5">
                  <button
                    type="button"
                    onClick={() => toggleDefault(view)}
                    disabled={pending}
                    aria-describedby={`saved-view-${view.id}`}
                    className={cn(buttonClass.ghost, "h-7 text-xs", busyId === view.id && pending && "animate-pulse")}
                  >
                    {view.isDefault ? <StarOff aria-hidden="true" className="size-3.5" /> : <Star aria-hidden="true" className="size-3.5" />}
                    {t(view.isDefault ? "manageDialog.unsetDefault" : "manageDialog.makeDefault")}
                  </button>
                  <button
                    type="button"
                    onClick={() => onRename(view)}
                    disabled={pending}
                    aria-describedby={`saved-view-${view.id}`}
                    className={cn(buttonClass.ghost, "h-7 text-xs")}
                  >
                    <Pencil aria-hidden="true" className="size-3.5" />
                    {t("manageDialog.rename")}
                  </button>
                  <button
                    type="button"
                    onClick={() => onDelete(view)}
                    disabled={pending}
                    aria-describedby={`saved-view-${view.id}`}
                    className={cn(buttonClass.ghost, "h-7 text-xs hover:text-destructive")}
                  >
                    <Trash2 aria-hidden="true" className="size-3.5" />
                    {t("manageDialog.delete")}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="flex justify-end">
          <button type="button" onClick={onClose} disabled={pending} data-autofocus className={buttonClass.secondary}>
            {t("manageDialog.done")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
