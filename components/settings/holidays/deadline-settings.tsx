"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useCallback, useState } from "react";
import { updateFollowUpDaysAction, updateStaleAfterDaysAction } from "@/app/(app)/[agency]/settings/holidays/actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import type { ActionResult } from "@/lib/actions/result";
import {
  ACTIVATION_LINK_HOURS,
  OVERSEAS_FOLLOW_UP_DAYS_RANGE,
  REVIEW_BUSINESS_DAYS,
  SUBJECT_CHECK_DAYS,
  VERIFICATION_WARNING_DAYS,
  WECOM_VERIFICATION_BUSINESS_DAYS,
} from "@/lib/registration/deadlines";
import { STALE_AFTER_DAYS_RANGE } from "@/lib/registration/board-view";

/**
 * The deadline each stage sets (lib/registration/deadlines.ts, design.md §5), and the one
 * the agency chooses: how often an overseas application is followed up.
 */
export function DeadlineSettings({
  agencySlug,
  timeZone,
  overseasFollowUpDays,
  staleAfterDays,
}: {
  agencySlug: string;
  timeZone: string;
  overseasFollowUpDays: number;
  /** Cards idle in a stage longer than this many days are stale on the board (issue 7 §4). */
  staleAfterDays: number;
}) {
  const t = useTranslations("holidays");
  const [first, second, third] = VERIFICATION_WARNING_DAYS;

  const rules = [
    { stage: t("deadlines.activation"), deadline: t("deadlines.activationValue", { hours: ACTIVATION_LINK_HOURS }) },
    {
      stage: t("deadlines.subjectCheck"),
      deadline: t("deadlines.subjectCheckValue", {
        payment: SUBJECT_CHECK_DAYS.corporate_payment,
        verification: SUBJECT_CHECK_DAYS.verification,
      }),
    },
    { stage: t("deadlines.review"), deadline: t("deadlines.businessDays", { days: REVIEW_BUSINESS_DAYS }) },
    { stage: t("deadlines.wecomVerification"), deadline: t("deadlines.businessDays", { days: WECOM_VERIFICATION_BUSINESS_DAYS }) },
    { stage: t("deadlines.followUp"), deadline: t("deadlines.followUpValue", { days: overseasFollowUpDays }) },
    { stage: t("deadlines.reminders"), deadline: t("deadlines.remindersValue", { first, second, third }) },
  ];

  return (
    <section aria-labelledby="deadlines-heading" className="mt-10">
      <h2 id="deadlines-heading" className="text-sm font-semibold">
        {t("deadlines.heading")}
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{t("deadlines.body", { timeZone })}</p>
      <dl className="mt-4 divide-y rounded-xl border text-sm">
        {rules.map((rule) => (
          <div key={rule.stage} className="grid gap-1 px-4 py-3 sm:grid-cols-[20rem_1fr] sm:gap-4">
            <dt className="text-muted-foreground">{rule.stage}</dt>
            <dd className="min-w-0">{rule.deadline}</dd>
          </div>
        ))}
      </dl>
      <DaysSettingForm
        name="overseasFollowUpDays"
        defaultValue={overseasFollowUpDays}
        range={OVERSEAS_FOLLOW_UP_DAYS_RANGE}
        label={t("followUp.label")}
        hint={t("followUp.hint")}
        unit={t("followUp.unit")}
        submitLabel={t("followUp.save")}
        save={(days) => updateFollowUpDaysAction(agencySlug, { overseasFollowUpDays: days })}
        savedText={(days) => t("done.followUpSaved", { days })}
      >
        {/* The board's stale threshold, in days (audited as a settings change, like the follow-up interval). */}
        <DaysSettingForm
          name="staleAfterDays"
          defaultValue={staleAfterDays}
          range={STALE_AFTER_DAYS_RANGE}
          label={t("stale.label")}
          hint={t("stale.hint")}
          unit={t("stale.unit")}
          submitLabel={t("stale.save")}
          save={(days) => updateStaleAfterDaysAction(agencySlug, { staleAfterDays: days })}
          savedText={(days) => t("done.staleSaved", { days })}
        />
      </DaysSettingForm>
    </section>
  );
}

/**
 * One whole number of days the agency chooses, in its own form with its own toast; `children`
 * (the next such form) stands between the form and the toast, as the page has always laid them out.
 */
function DaysSettingForm<Name extends string>({
  name,
  defaultValue,
  range,
  label,
  hint,
  unit,
  submitLabel,
  save,
  savedText,
  children,
}: {
  /** The input's name, the field a refusal names and the saved value's key. */
  name: Name;
  defaultValue: number;
  range: { min: number; max: number };
  label: string;
  hint: string;
  unit: string;
  submitLabel: string;
  save: (days: string) => Promise<ActionResult<Record<Name, number>>>;
  savedText: (days: number) => string;
  children?: ReactNode;
}) {
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);
  const fieldKey = fieldError(name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const days = String(new FormData(event.currentTarget).get(name) ?? "");
    run(
      () => save(days),
      (saved) => setToast({ id: Date.now(), text: savedText(saved[name]), tone: "success" }),
    );
  }

  return (
    <>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-4 max-w-md rounded-xl border p-4">
        <Field label={label} hint={hint} error={fieldKey ? say(fieldKey) : undefined}>
          {({ id, describedBy, invalid }) => (
            <div className="flex items-center gap-2">
              <div className="w-24 shrink-0">
                <input
                  id={id}
                  name={name}
                  type="number"
                  inputMode="numeric"
                  min={range.min}
                  max={range.max}
                  step={1}
                  required
                  defaultValue={defaultValue}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              </div>
              <span className="text-sm whitespace-nowrap text-muted-foreground">{unit}</span>
            </div>
          )}
        </Field>
        {failure && !failure.fields && (
          <div className="mt-3">
            <FormAlert>{say(failure.message)}</FormAlert>
          </div>
        )}
        <button type="submit" disabled={pending} className={`${buttonClass.primary} mt-4`}>
          {submitLabel}
        </button>
      </form>
      {children}
      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
