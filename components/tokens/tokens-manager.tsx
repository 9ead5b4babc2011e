"use client";

import { KeyRound, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { buttonClass } from "@/components/ui/button-styles";
import { CreateTokenDialog } from "./create-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TokenRevealDialog } from "./token-reveal-dialog";
import { TokensTable } from "./tokens-table";
import type { ApiTokenRow, ApiUsage, NewToken } from "./types";

type OpenDialog = { kind: "create" } | { kind: "reveal"; token: NewToken } | { kind: "revoke"; token: ApiTokenRow };

/**
 * The API tokens page's working part: the member's own tokens, for owners and admins
 * everyone else's too, how to use a token, one dialog at a time and a toast. Each
 * action revalidates the page, so the lists arrive fresh with its answer.
 */
export function TokensManager({
  agencySlug,
  own,
  others,
  timeZone,
  usage,
}: {
  agencySlug: string;
  own: readonly ApiTokenRow[];
  /** Null unless the viewer may manage everyone's tokens. */
  others: readonly ApiTokenRow[] | null;
  timeZone: string;
  usage: ApiUsage;
}) {
  const t = useTranslations("apiTokens");
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const close = useCallback(() => setDialog(null), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const say = useCallback((text: string, tone: ToastMessage["tone"]) => setToast({ id: Date.now(), text, tone }), []);
  const onRevoke = useCallback((token: ApiTokenRow) => setDialog({ kind: "revoke", token }), []);

  const createButton = (
    <button type="button" onClick={() => setDialog({ kind: "create" })} className={buttonClass.primary}>
      <Plus aria-hidden="true" className="size-4" />
      {t("create.button")}
    </button>
  );

  return (
    <>
      <section aria-labelledby="own-tokens-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="own-tokens-heading" className="text-sm font-semibold">
            {t("own.heading")}
          </h2>
          {own.length > 0 && createButton}
        </div>
        {own.length > 0 ? (
          <TokensTable tokens={own} caption={t("own.caption")} timeZone={timeZone} onRevoke={onRevoke} />
        ) : (
          <EmptyState Icon={KeyRound} headingLevel={3} title={t("own.emptyTitle")} body={t("own.emptyBody")}>
            {createButton}
          </EmptyState>
        )}
      </section>

      {others && (
        <section aria-labelledby="other-tokens-heading" className="mt-10">
          <h2 id="other-tokens-heading" className="text-sm font-semibold">
            {t("others.heading")}
          </h2>
          <p className="mt-1 mb-3 max-w-3xl text-sm text-muted-foreground">{t("others.hint")}</p>
          {others.length > 0 ? (
            <TokensTable tokens={others} caption={t("others.caption")} showOwner timeZone={timeZone} onRevoke={onRevoke} />
          ) : (
            <EmptyState Icon={KeyRound} headingLevel={3} title={t("others.emptyTitle")} body={t("others.emptyBody")} />
          )}
        </section>
      )}

      <section aria-labelledby="token-usage-heading" className="mt-10 max-w-3xl">
        <h2 id="token-usage-heading" className="text-sm font-semibold">
          {t("usage.heading")}
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          {t.rich("usage.body", {
            link: (chunks) => (
              <a href={usage.documentUrl} className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
                {chunks}
              </a>
            ),
          })}
        </p>
        <p className="mt-3 text-xs font-medium text-muted-foreground">{t("usage.example")}</p>
        <pre className="mt-1.5 overflow-x-auto rounded-lg border bg-muted px-3 py-2.5 text-xs">
          <code>{usage.example}</code>
        </pre>
      </section>

      {dialog?.kind === "create" && (
        <CreateTokenDialog
          agencySlug={agencySlug}
          onClose={close}
          onCreated={(token) => setDialog({ kind: "reveal", token })}
        />
      )}
      {dialog?.kind === "reveal" && (
        <TokenRevealDialog
          token={dialog.token}
          onClose={() => {
            // After the modal: while it is open the rest of the page is inert, the toast too.
            setDialog(null);
            say(t("done.created", { name: dialog.token.name }), "success");
          }}
        />
      )}
      {dialog?.kind === "revoke" && (
        <RevokeTokenDialog
          agencySlug={agencySlug}
          token={dialog.token}
          onClose={close}
          onDone={(message) => {
            setDialog(null);
            say(message, "success");
          }}
        />
      )}

      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
