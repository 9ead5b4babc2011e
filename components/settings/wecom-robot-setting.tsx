"use client";

import { CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useCallback, useState } from "react";
import { sendRobotTestAction, updateRobotWebhookAction } from "@/app/(app)/[agency]/settings/robot-actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import type { RobotSetting, RobotTestResult } from "@/lib/reminders/robot-settings";

/**
 * The agency's WeCom group robot (issue 9 §3): its webhook URL, shown masked once saved,
 * a form to set or replace it, a button to remove it and one to send a test message.
 */
export function WecomRobotSetting({ agencySlug, setting, canManage }: { agencySlug: string; setting: RobotSetting; canManage: boolean }) {
  const t = useTranslations("wecomRobot");
  const say = useCatalogue();
  // Destructured: each hook's result also holds a ref, which render must not read through.
  const { pending: saving, failure: saveFailure, run: runSave, formRef, fieldError } = useAction();
  const { pending: clearing, failure: clearFailure, run: runClear } = useAction();
  const { pending: testing, failure: testFailure, run: runTest } = useAction();
  const [current, setCurrent] = useState(setting);
  const [testResult, setTestResult] = useState<RobotTestResult | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);
  const fieldKey = fieldError("webhookUrl");

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const form = event.currentTarget;
    const webhookUrl = String(new FormData(form).get("webhookUrl") ?? "");
    setTestResult(null);
    runSave(
      // An empty field is refused, not "remove": that is the remove button's job (null).
      () => updateRobotWebhookAction(agencySlug, { webhookUrl }),
      (next) => {
        setCurrent(next);
        form.reset();
        setToast({ id: Date.now(), text: t("saved"), tone: "success" });
      },
    );
  }

  function onClear() {
    if (clearing) return;
    setTestResult(null);
    runClear(
      () => updateRobotWebhookAction(agencySlug, { webhookUrl: null }),
      (next) => {
        setCurrent(next);
        setToast({ id: Date.now(), text: t("cleared"), tone: "success" });
      },
    );
  }

  function onTest() {
    if (testing) return;
    setTestResult(null);
    runTest(() => sendRobotTestAction(agencySlug), setTestResult);
  }

  return (
    <section aria-labelledby="wecom-robot" className="mt-10">
      <h2 id="wecom-robot" className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 mb-4 max-w-2xl text-sm text-muted-foreground">{t("description")}</p>
      <div className="rounded-xl border p-4 text-sm">
        {current.configured ? (
          <div>
            <p className="text-muted-foreground">{t("current")}</p>
            <p className="mt-1 font-mono text-xs break-all" data-testid="robot-masked-url">
              {current.maskedUrl}
            </p>
            {canManage && (
              <div className="mt-3 flex flex-wrap gap-2">
                <button type="button" onClick={onTest} disabled={testing} className={buttonClass.secondary}>
                  {testing ? t("testing") : t("test")}
                </button>
                <button type="button" onClick={onClear} disabled={clearing} className={buttonClass.secondary}>
                  {clearing ? t("clearing") : t("clear")}
                </button>
              </div>
            )}
            {testResult?.sent && (
              <p role="status" className="mt-3 flex items-start gap-2 text-emerald-700 dark:text-emerald-400">
                <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                {t("testSent")}
              </p>
            )}
            {testResult && !testResult.sent && (
              <div className="mt-3">
                <FormAlert>{t(`testFailed.${testResult.reason}`)}</FormAlert>
              </div>
            )}
            {(testFailure ?? clearFailure) && (
              <div className="mt-3">
                <FormAlert>{say((testFailure ?? clearFailure)!.message)}</FormAlert>
              </div>
            )}
          </div>
        ) : (
          <p className="text-muted-foreground">{t("notSet")}</p>
        )}
        {canManage ? (
          <form ref={formRef} noValidate onSubmit={onSave} className={current.configured ? "mt-5 max-w-2xl border-t pt-4" : "mt-4 max-w-2xl"}>
            <Field label={current.configured ? t("replace") : t("label")} hint={t("hint")} error={fieldKey ? say(fieldKey) : undefined}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="webhookUrl"
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={t("placeholder")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={`${inputClass} font-mono`}
                />
              )}
            </Field>
            {saveFailure && !saveFailure.fields && (
              <div className="mt-3">
                <FormAlert>{say(saveFailure.message)}</FormAlert>
              </div>
            )}
            <button type="submit" disabled={saving} className={`${buttonClass.primary} mt-4`}>
              {saving ? t("saving") : t("save")}
            </button>
          </form>
        ) : (
          <p className="mt-3 text-muted-foreground">{t("readOnly")}</p>
        )}
      </div>
      <Toast message={toast} onDismiss={dismissToast} />
    </section>
  );
}
