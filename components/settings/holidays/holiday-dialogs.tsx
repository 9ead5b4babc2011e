"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import {
  addHolidayAction,
  deleteHolidayAction,
  updateHolidayAction,
} from "@/app/(app)/[agency]/settings/holidays/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { cn } from "@/components/ui/cn";
import { isWeekend } from "@/lib/registration/calendar";
import { HOLIDAY_NAME_MAX, HOLIDAY_YEARS, holidayKinds, type Holiday, type HolidayKind } from "@/lib/registration/holidays-schemas";

/** A civil date in the reader's language, with its weekday ("Sat, 14 Feb 2026", "2026年2月14日周六"). */
export function useDayLabel(): (date: string) => string {
  const format = useFormatter();
  return (date: string) =>
    format.dateTime(new Date(`${date}T00:00:00Z`), { timeZone: "UTC", year: "numeric", month: "short", day: "numeric", weekday: "short" });
}

/**
 * Adds a day to the calendar, or edits one (`day`): its date, whether it is a holiday or
 * a make-up working day, and its name. Every refusal comes back next to its field.
 */
export function HolidayDialog({
  agencySlug,
  day,
  onClose,
  onDone,
}: {
  agencySlug: string;
  day: Holiday | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("holidays");
  const say = useCatalogue();
  const dayLabel = useDayLabel();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [kind, setKind] = useState<HolidayKind>(day?.kind ?? "holiday");
  const kindErrorId = useId();
  const legendId = useId();
  const error = (field: string) => {
    const key = fieldError(field);
    return key ? say(key) : undefined;
  };
  const kindError = error("kind");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const input = { date: String(form.get("date") ?? ""), kind, name: String(form.get("name") ?? "") };
    run(
      () => (day ? updateHolidayAction(agencySlug, day.date, input) : addHolidayAction(agencySlug, input)),
      (saved) => onDone(t(day ? "done.saved" : "done.added", { date: dayLabel(saved.date) })),
    );
  }

  return (
    <Dialog
      title={day ? t("form.editTitle", { date: dayLabel(day.date) }) : t("form.addTitle")}
      description={t("form.description")}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field label={t("form.date")} error={error("date")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="date"
              type="date"
              required
              min={`${HOLIDAY_YEARS.min}-01-01`}
              max={`${HOLIDAY_YEARS.max}-12-31`}
              defaultValue={day?.date ?? ""}
              data-autofocus
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        <fieldset aria-describedby={kindError ? kindErrorId : undefined}>
          <legend id={legendId} className="mb-1.5 text-sm font-medium">
            {t("form.kind")}
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {holidayKinds.map((option) => (
              <label
                key={option}
                className={cn(
                  "flex cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2.5 text-sm transition-colors has-focus-visible:ring-2 has-focus-visible:ring-ring",
                  kind === option ? "border-primary bg-primary/5" : "hover:bg-accent",
                )}
              >
                <input
                  type="radio"
                  name="kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                  aria-invalid={kindError ? true : undefined}
                  className="mt-0.5 accent-primary"
                />
                <span>
                  <span className="block font-medium">{t(`kinds.${option}`)}</span>
                  <span className="mt-0.5 block text-xs text-muted-foreground">{t(`kindHints.${option}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {kindError && (
            <p id={kindErrorId} className="mt-1.5 text-xs text-destructive">
              {kindError}
            </p>
          )}
        </fieldset>
        <Field label={t("form.name")} hint={t("form.nameHint")} error={error("name")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              type="text"
              required
              autoComplete="off"
              maxLength={HOLIDAY_NAME_MAX}
              defaultValue={day?.name ?? ""}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={day ? t("form.submitEdit") : t("form.submitAdd")} />
      </form>
    </Dialog>
  );
}

/** Asks before removing a day, saying what it becomes: an ordinary weekday or weekend day. */
export function RemoveHolidayDialog({
  agencySlug,
  day,
  onClose,
  onDone,
}: {
  agencySlug: string;
  day: Holiday;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("holidays");
  const say = useCatalogue();
  const dayLabel = useDayLabel();
  const { pending, failure, run, formRef } = useAction();
  const date = dayLabel(day.date);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    run(
      () => deleteHolidayAction(agencySlug, day.date),
      () => onDone(t("done.removed", { date })),
    );
  }

  return (
    <Dialog
      title={t("delete.title", { date })}
      description={t("delete.body", { name: day.name, date, weekend: String(isWeekend(day.date)) })}
      onClose={onClose}
      busy={pending}
    >
      <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-4">
        {failure && <FormAlert>{say(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("delete.submit")} destructive autoFocusCancel />
      </form>
    </Dialog>
  );
}
