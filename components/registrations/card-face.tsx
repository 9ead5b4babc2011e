"use client";

import { AlarmClock, Hourglass, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { initials } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import type { BoardCard } from "@/lib/registration/board";
import { verificationNeedsAttention, type CardVerification } from "@/lib/registration/verification";
import type { useBoardFormat } from "./format";

export const badgeClass = "inline-flex items-center gap-1 rounded border px-1.5 py-px text-xs leading-4 whitespace-nowrap";
export const dueBadgeClass = {
  overdue: "border-destructive/40 bg-destructive/10 text-destructive",
  soon: "border-amber-600/40 bg-amber-500/10 text-amber-800 dark:text-amber-300",
} as const;
export const waitingBadgeClass = "border-sky-600/40 bg-sky-500/10 text-sky-800 dark:text-sky-300";
export const staleBadgeClass = "border-violet-600/40 bg-violet-500/10 text-violet-800 dark:text-violet-300";

/** The waiting flag with the date it started ("Waiting for client since 28 Nov"), its age on hover. */
export function WaitingBadge({ card, format }: { card: Pick<BoardCard, "waiting" | "waitingSince">; format: ReturnType<typeof useBoardFormat> }) {
  const t = useTranslations("board.card");
  if (card.waiting === "none") return null;
  if (!card.waitingSince) return <span className={cn(badgeClass, waitingBadgeClass)}>{t(`waiting.${card.waiting}`)}</span>;
  return (
    <time
      dateTime={card.waitingSince}
      title={t("waitingFor", { duration: format.since(card.waitingSince) })}
      className={cn(badgeClass, waitingBadgeClass)}
    >
      {t(`waitingSince.${card.waiting}`, { date: format.date(card.waitingSince) })}
    </time>
  );
}

/** The verification badge's colour: stronger as the expiry nears (90, 30, 7 days), strongest once past. */
export const verificationBadgeClass = {
  90: "border-amber-600/30 bg-amber-500/5 text-amber-800 dark:text-amber-300",
  30: "border-amber-600/60 bg-amber-500/15 text-amber-900 dark:text-amber-200",
  7: "border-destructive/40 bg-destructive/10 text-destructive",
  expired: "border-destructive bg-destructive/10 font-medium text-destructive",
} as const;

/** The colour of a verification's warning, or null when it needs none (more than 90 days left). */
export function verificationTone(verification: CardVerification | null | undefined): keyof typeof verificationBadgeClass | null {
  if (!verification || !verificationNeedsAttention(verification)) return null;
  return verification.expired ? "expired" : verification.threshold;
}

/**
 * "Verification expires in 30 days" / "Verification expired" (design.md §5: reminders at
 * 90, 30 and 7 days), the date on hover; nothing until 90 days before the expiry. One
 * element: a board of 5 000 cards stays under 6 000 DOM nodes.
 */
export function VerificationBadge({ verification, format }: { verification: CardVerification | null | undefined; format: ReturnType<typeof useBoardFormat> }) {
  const t = useTranslations("board.card.verification");
  const tone = verificationTone(verification);
  if (!verification || !tone) return null;
  const text = verification.expired ? t("expired") : t("expiresIn", { count: verification.daysLeft ?? 0 });
  if (!verification.expiresAt) return <span className={cn(badgeClass, verificationBadgeClass[tone])}>{text}</span>;
  return (
    <time
      dateTime={verification.expiresAt}
      title={t(verification.expired ? "expiredOn" : "expiresOn", { date: format.fullDate(verification.expiresAt) })}
      className={cn(badgeClass, verificationBadgeClass[tone])}
    >
      {text}
    </time>
  );
}

/** "Stale": idle in its stage past the agency's threshold; how long on hover. */
export function StaleBadge({ card, format }: { card: Pick<BoardCard, "stale" | "stageEnteredAt">; format: ReturnType<typeof useBoardFormat> }) {
  const t = useTranslations("board.card");
  if (!card.stale) return null;
  const title = t("staleTitle", { duration: format.since(card.stageEnteredAt) });
  return (
    <span title={title} aria-label={title} role="img" className={cn(badgeClass, staleBadgeClass)}>
      <Hourglass aria-hidden="true" className="size-3" />
      {t("stale")}
    </span>
  );
}

/** The account's name and type as a card's second line ("云帆科技 · Service Account"). */
export function useAccountLine() {
  const t = useTranslations("board.card");
  const tTypes = useTranslations("clientPage.accountTypes");
  return (card: Pick<BoardCard, "account" | "product">) => {
    const name = card.account.name ?? t("unnamed");
    if (card.product === "wecom" || !card.account.type) return name;
    return `${name} · ${tTypes(card.account.type)}`;
  };
}

/**
 * What a card shows (issue 7 §3): company, account name and type, assignee, due date with
 * an overdue or due-soon badge (a word, and for overdue an icon, as well as colour),
 * waiting, the yearly WeChat verification's warning, document progress and time in the
 * stage. Lean on purpose: a 5 000-card pipeline shows 20 cards a column, and the board
 * stays under 6 000 DOM nodes.
 */
export function CardFace({
  card,
  format,
  pending = false,
}: {
  card: BoardCard;
  format: ReturnType<typeof useBoardFormat>;
  pending?: boolean;
}) {
  const t = useTranslations("board.card");
  const accountLine = useAccountLine();
  const { approved, required } = card.documents;
  const assignee = card.assignee ? t("assignedTo", { name: card.assignee.name }) : t("unassigned");
  const verificationDue = verificationNeedsAttention(card.verification);
  return (
    <>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">{card.company.name}</p>
          <p className={cn("truncate text-xs text-muted-foreground", !card.account.name && "italic")}>{accountLine(card)}</p>
        </div>
        <span
          role="img"
          aria-label={assignee}
          title={assignee}
          className={cn(
            "inline-grid size-6 shrink-0 place-items-center rounded-md text-[11px] leading-none font-semibold select-none",
            card.assignee ? "bg-primary/10 text-primary" : "border border-dashed text-muted-foreground",
          )}
        >
          {card.assignee ? initials(card.assignee.name) : "—"}
        </span>
      </div>
      {(card.dueAt || card.waiting !== "none" || card.stale || verificationDue) && (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          {card.dueAt && (
            <time
              dateTime={card.dueAt}
              title={format.relativeDue(card.dueAt)}
              className={cn(badgeClass, card.dueState ? dueBadgeClass[card.dueState] : "border-border bg-muted/60")}
            >
              {card.dueState === "overdue" && <AlarmClock aria-hidden="true" className="size-3" />}
              {t("dueOn", { date: format.date(card.dueAt) })}
              {card.dueState && ` · ${t(card.dueState)}`}
            </time>
          )}
          <WaitingBadge card={card} format={format} />
          <StaleBadge card={card} format={format} />
          <VerificationBadge verification={card.verification} format={format} />
        </div>
      )}
      <div className="mt-2 flex items-center justify-between gap-2 text-xs text-muted-foreground">
        <span className={cn("whitespace-nowrap tabular-nums", required > 0 && approved === required && "text-emerald-700 dark:text-emerald-400")}>
          {required > 0 ? t("documentsShort", { approved, required }) : t("noDocumentsRequired")}
        </span>
        {pending ? (
          <span className="inline-flex items-center gap-1">
            <LoaderCircle aria-hidden="true" className="size-3 animate-spin motion-reduce:animate-none" />
            {t("moving")}
          </span>
        ) : (
          <span className="truncate">{t("inStage", { duration: format.since(card.stageEnteredAt) })}</span>
        )}
      </div>
    </>
  );
}
