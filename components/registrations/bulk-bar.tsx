"use client";

import { LoaderCircle, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useMemo, useState } from "react";
import { bulkCardsAction, type BulkCardsFailure } from "@/app/(app)/[agency]/registrations/actions";
import { useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import type { ActionResult } from "@/lib/actions/result";
import type { BoardCard } from "@/lib/registration/board";
import type { Stage } from "@/lib/registration/pipelines";
import { allowedTargets, moveContextOf } from "@/lib/registration/transitions";
import type { BoardViewer } from "./board";

const selectClass = "h-8 rounded-md border border-input bg-background px-2 text-sm";

type Kind = "assign" | "move" | "waiting";

/**
 * The list view's bulk bar (issue 7 §4): assign, move to a stage every selected card may
 * go to, or set the waiting flag — all the selected cards or none. A failure lists each
 * card that failed and why; nothing was changed then.
 */
export function BulkBar({
  agencySlug,
  selected,
  assignees,
  viewer,
  now,
  onDone,
}: {
  agencySlug: string;
  selected: BoardCard[];
  assignees: { id: string; name: string }[];
  viewer: BoardViewer;
  now: string;
  /** Done (with what to say), or the selection cleared (nothing to say). */
  onDone: (text?: string) => void;
}) {
  const t = useTranslations("board.bulk");
  const tCard = useTranslations("board.card");
  const tList = useTranslations("board.list");
  const tStages = useTranslations("portal.stages");
  const say = useCatalogue();
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState<Kind | null>(null);
  const [failure, setFailure] = useState<BulkCardsFailure | null>(null);

  // The stages open to every selected card (the board's own check of each).
  const targets = useMemo(() => {
    const at = new Date(now);
    let common: Stage[] | null = null;
    for (const card of selected) {
      const open = allowedTargets(card, moveContextOf(card, { userId: viewer.userId, role: viewer.role }, at));
      common = common === null ? open : common.filter((stage) => open.includes(stage));
    }
    return common ?? [];
  }, [selected, viewer.userId, viewer.role, now]);

  async function run(kind: Kind, body: Record<string, unknown>, done: (count: number) => string) {
    if (pending) return;
    setPending(kind);
    setFailure(null);
    let result: ActionResult<BoardCard[]> | BulkCardsFailure;
    try {
      result = await bulkCardsAction(agencySlug, { action: kind, cards: selected.map((card) => ({ id: card.id, version: card.version })), ...body });
    } catch {
      result = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
    }
    setPending(null);
    if (result.ok) {
      onDone(done(result.data.length));
      router.refresh();
      return;
    }
    setFailure(result as BulkCardsFailure);
  }

  function submit(kind: Kind) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const value = String(new FormData(event.currentTarget).get("value") ?? "");
      if (!value) return;
      if (kind === "assign") {
        void run("assign", { assignee: value === "none" ? null : value }, (count) => t("assigned", { count }));
      } else if (kind === "move") {
        void run("move", { to: value }, (count) => t("moved", { count, stage: tStages(value as Stage) }));
      } else {
        void run("waiting", { waiting: value }, (count) => t("flagged", { count }));
      }
    };
  }

  const nameOf = (cardId: string) => selected.find((card) => card.id === cardId)?.company.name ?? cardId;
  const form = (kind: Kind, label: string, options: { value: string; label: string }[]) => (
    <form onSubmit={submit(kind)} className="flex items-center gap-1.5">
      <label htmlFor={`${id}-${kind}`} className="text-sm text-muted-foreground">
        {label}
      </label>
      <select id={`${id}-${kind}`} name="value" defaultValue="" className={selectClass} disabled={options.length === 0}>
        <option value="" disabled>
          {options.length === 0 ? t("noMove") : t("choose")}
        </option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending !== null || options.length === 0} className={buttonClass.secondary}>
        {pending === kind && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
        {pending === kind ? t("working") : t("apply")}
      </button>
    </form>
  );

  return (
    <section aria-label={t("label")} className="mb-3 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <p className="mr-auto text-sm font-medium tabular-nums">{t("selected", { count: selected.length })}</p>
          {form("assign", t("assign"), [...assignees.map((a) => ({ value: a.id, label: a.name })), { value: "none", label: t("unassign") }])}
          {form(
            "move",
            t("move"),
            targets.map((stage) => ({ value: stage, label: tStages(stage) })),
          )}
          {form("waiting", t("waiting"), [
            { value: "client", label: tCard("waiting.client") },
            { value: "wechat", label: tCard("waiting.wechat") },
            { value: "none", label: tList("notWaiting") },
          ])}
          <button type="button" onClick={() => onDone()} className={buttonClass.ghost}>
            <X aria-hidden="true" className="size-4" />
            {t("clear")}
          </button>
        </div>
        {failure && (
          <div role="alert" className="mt-2 text-sm text-destructive">
            {failure.failures && failure.failures.length > 0 ? (
              <>
                <p className="font-medium">{t("failedTitle", { count: failure.failures.length })}</p>
                <ul className="mt-1 list-disc pl-5">
                  {failure.failures.map((item) => (
                    <li key={item.id}>
                      {nameOf(item.id)}: {item.code === "STALE_VERSION" ? t("failedStale") : say(item.messageKey)}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{say(failure.fields ? (Object.values(failure.fields)[0] ?? failure.message) : failure.message)}</p>
            )}
          </div>
        )}
    </section>
  );
}
