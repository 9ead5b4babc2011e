"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useCallback, useState } from "react";
import { saveNotificationPreferencesAction } from "@/app/account/preferences/actions";
import { FormAlert, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { NotificationTopic } from "@/lib/reminders/kinds";
import type { TopicPreference } from "@/lib/reminders/preferences";

const channels = ["inApp", "email"] as const;
type Channel = (typeof channels)[number];

/** The digest is an e-mail: the bell never carries it, so it has no in-app choice. */
const emailOnly = (topic: NotificationTopic, channel: Channel) => topic === "weekly_digest" && channel === "inApp";

/**
 * The member's own notification settings: a table of topics × channels with a checkbox in
 * each cell (native checkboxes: Tab and Space), saved together, one form per agency.
 * `clientAdmin`: a client administrator's, which has only document requests.
 */
export function NotificationPreferencesForm({
  agencySlug,
  agencyName,
  preferences,
  clientAdmin = false,
}: {
  agencySlug: string;
  agencyName: string;
  preferences: TopicPreference[];
  clientAdmin?: boolean;
}) {
  const t = useTranslations("notificationPreferences");
  const say = useCatalogue();
  const { pending, failure, run, formRef } = useAction();
  const [saved, setSaved] = useState(preferences);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const input = {
      preferences: saved.map(({ topic, inApp }) => ({
        topic,
        // The digest's in-app flag is not shown; it keeps what is stored.
        inApp: emailOnly(topic, "inApp") ? inApp : form.get(`${topic}.inApp`) === "on",
        email: form.get(`${topic}.email`) === "on",
      })),
    };
    run(
      () => saveNotificationPreferencesAction(agencySlug, input),
      (next) => {
        setSaved(next);
        setToast({ id: Date.now(), text: t("saved", { agency: agencyName }), tone: "success" });
      },
    );
  }

  const channelLabel = (channel: Channel) => (channel === "inApp" ? t("inApp") : t("email"));

  return (
    <>
      <form ref={formRef} noValidate onSubmit={onSubmit} aria-label={t("formLabel", { agency: agencyName })}>
        <div className="overflow-x-auto rounded-xl border">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("caption", { agency: agencyName })}</caption>
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  {t("topicColumn")}
                </th>
                {channels.map((channel) => (
                  <th key={channel} scope="col" className="w-28 px-4 py-2.5 text-center font-medium">
                    {channelLabel(channel)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y">
              {saved.map((preference) => {
                const topicLabel = t(`topics.${preference.topic}.label`);
                return (
                  <tr key={preference.topic}>
                    <th scope="row" className="px-4 py-3 text-left align-top font-normal">
                      <span className="block font-medium">{topicLabel}</span>
                      <span className="mt-0.5 block text-xs text-muted-foreground">
                        {clientAdmin ? t("portalHint") : t(`topics.${preference.topic}.hint`)}
                      </span>
                    </th>
                    {channels.map((channel) => (
                      <td key={channel} className="px-4 py-3 text-center align-middle">
                        {emailOnly(preference.topic, channel) ? (
                          <>
                            <span aria-hidden="true" className="text-muted-foreground">
                              —
                            </span>
                            <span className="sr-only">{t("emailOnly")}</span>
                          </>
                        ) : (
                          <input
                            type="checkbox"
                            name={`${preference.topic}.${channel}`}
                            defaultChecked={preference[channel]}
                            aria-label={t("toggle", { topic: topicLabel, channel: channelLabel(channel) })}
                            className="size-4 cursor-pointer accent-primary"
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {failure && (
          <div className="mt-3">
            <FormAlert>{say(failure.fields?.preferences ?? failure.message)}</FormAlert>
          </div>
        )}
        <button type="submit" disabled={pending} className={cn(buttonClass.primary, "mt-4")}>
          {pending ? t("saving") : t("save")}
        </button>
      </form>
      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
