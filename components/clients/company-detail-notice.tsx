"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Toast, type ToastMessage } from "@/components/members/toast";

/**
 * "Client added" / "Changes saved" after the form's redirect (`?saved=`). The parameter
 * then leaves the address (history.replaceState: Next keeps its router in step without
 * fetching the page again), so a reload or a shared link does not say it again.
 */
export function SavedNotice({ saved }: { saved: "created" | "updated" }) {
  const t = useTranslations("clientPage.saved");
  const [message, setMessage] = useState<ToastMessage | null>({ id: 1, text: t(saved), tone: "success" });
  const dismiss = useCallback(() => setMessage(null), []);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("saved")) return;
    url.searchParams.delete("saved");
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);

  return <Toast message={message} onDismiss={dismiss} />;
}
