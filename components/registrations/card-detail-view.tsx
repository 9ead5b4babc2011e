"use client";

import { AlarmClock, ArrowRight, Check, CircleDashed, Hourglass, LoaderCircle, Undo2 } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useMemo, useState } from "react";
import { addCardNoteAction, setWaitingAction } from "@/app/(app)/[agency]/registrations/actions";
import { documentHref } from "@/components/documents/document-labels";
import { useCatalogue } from "@/components/members/form-controls";
import { NoteForm, noteFormLabels } from "@/components/notes/note-form";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { BoardCard } from "@/lib/registration/board";
import { boardCardOf } from "@/lib/registration/board-card";
import type { CardDetail } from "@/lib/registration/card-detail";
import type { Stage, Waiting } from "@/lib/registration/pipelines";
import type { RegistrationCard } from "@/lib/registration/queries";
import { columnChecks, moveContextOf } from "@/lib/registration/transitions";
import type { BoardViewer, MoveOutcome } from "./board";
import { badgeClass, dueBadgeClass, StaleBadge, useAccountLine, VerificationBadge, verificationBadgeClass, verificationTone, WaitingBadge } from "./card-face";
import { useBoardFormat, useCalendar, type CalendarDays } from "./format";

const sectionHeading = "text-sm font-semibold";

/** Set or clear the card's waiting flag (issue 7 §4); a stale version reads the card again. */
function WaitingButtons({
  agencySlug,
  card,
  onChanged,
  onCardChanged,
}: {
  agencySlug: string;
  card: RegistrationCard;
  onChanged: () => void;
  onCardChanged?: (card: BoardCard) => void;
}) {
  const t = useTranslations("board.waiting");
  const say = useCatalogue();
  const [pending, setPending] = useState<Waiting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options: Waiting[] = card.waiting === "none" ? ["client", "wechat"] : ["none", card.waiting === "client" ? "wechat" : "client"];

  async function set(waiting: Waiting) {
    if (pending) return;
    setPending(waiting);
    setError(null);
    const result = await setWaitingAction(agencySlug, { id: card.id, waiting, version: card.version });
    setPending(null);
    if (result.ok) {
      onCardChanged?.(result.data);
      onChanged();
      return;
    }
    if ("stale" in result && result.stale) {
      onCardChanged?.(result.stale.card);
      onChanged();
    }
    setError("stale" in result && result.stale ? t("stale") : say(result.message));
  }

  return (
    <div role="group" aria-label={t("label")} className="flex flex-wrap items-center gap-2">
      {options.map((waiting) => (
        <button key={waiting} type="button" disabled={pending !== null} onClick={() => void set(waiting)} className={buttonClass.secondary}>
          {pending === waiting ? (
            <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
          ) : (
            <Hourglass aria-hidden="true" className="size-4" />
          )}
          {t(`set.${waiting}`)}
        </button>
      ))}
      {error && (
        <p role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="border-t pt-4">
      <h3 id={id} className={sectionHeading}>
        {title}
      </h3>
      <div className="mt-2.5">{children}</div>
    </section>
  );
}

/**
 * One card in full (issue 7 §5), in the board's drawer and on its own page: the moves
 * open now as buttons (the keyboard's way to move a card, and the reason for each stage
 * it cannot go to), details, deadlines (the stage's, and the yearly WeChat verification's
 * expiry with its warning), the stage timeline with who, when and how long,
 * documents against the pipeline's required ones, and internal notes.
 */
export function CardDetailView({
  agencySlug,
  detail,
  timeZone,
  calendarDays,
  viewer,
  onMove,
  onChanged,
  onCardChanged,
  titleId,
  headingLevel = 2,
  showTitle = true,
}: {
  agencySlug: string;
  detail: CardDetail;
  timeZone: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
  /** Moves the card; resolves when the server has answered. */
  onMove: (card: BoardCard, to: Stage) => Promise<MoveOutcome>;
  /** Something changed here (a move, a note): read the card again. */
  onChanged: () => void;
  /** The card changed here (its waiting flag): the board shows it as it now stands. */
  onCardChanged?: (card: BoardCard) => void;
  titleId?: string;
  headingLevel?: 1 | 2;
  showTitle?: boolean;
}) {
  const t = useTranslations("board.detail");
  const tCard = useTranslations("board.card");
  const tStages = useTranslations("portal.stages");
  const tPipelines = useTranslations("clientsList.pipelines");
  const tTypes = useTranslations("clientPage.accountTypes");
  const tVerification = useTranslations("clientPage.verification");
  const tKinds = useTranslations("catalogue.documentKinds");
  const tStatus = useTranslations("clientPage.documents.status");
  const say = useCatalogue();
  const formatter = useFormatter();
  const calendar = useCalendar(calendarDays);
  const format = useBoardFormat(timeZone, detail.readAt, calendar);
  const accountLine = useAccountLine();
  const { card, account } = detail;
  const verification = card.verification;
  // Expired already reads so in the status; the warning counts down the days before.
  const verificationWarning = verification?.expired && verification.status === "expired" ? null : verificationTone(verification);
  const [moving, setMoving] = useState<Stage | null>(null);

  const checks = useMemo(
    () => columnChecks(card, moveContextOf(card, { userId: viewer.userId, role: viewer.role }, new Date(detail.readAt))),
    [card, viewer.userId, viewer.role, detail.readAt],
  );
  const allowed = checks.filter((entry) => entry.check.ok);
  const refused = checks.filter((entry) => !entry.check.ok && entry.check.reason !== "sameStage");

  async function move(to: Stage) {
    if (moving) return;
    setMoving(to);
    const outcome = await onMove(boardCardOf(card), to);
    setMoving(null);
    // Moved, or someone else was first: either way the card has changed.
    if (outcome.ok || outcome.changed) onChanged();
  }

  const Title = headingLevel === 1 ? "h1" : "h2";
  const dash = <span className="text-muted-foreground">{t("fields.none")}</span>;
  const date = (iso: string | null) => (iso ? formatter.dateTime(new Date(iso), { dateStyle: "medium", timeZone }) : dash);
  const person = (value: { id: string; name: string } | null) =>
    value ? (
      <Link href={`/${agencySlug}/people/${value.id}`} className="underline-offset-4 hover:underline">
        {value.name}
      </Link>
    ) : (
      dash
    );

  const fields: [string, ReactNode][] = [
    [
      t("fields.company"),
      <Link key="company" href={`/${agencySlug}/clients/${card.company.id}`} className="underline-offset-4 hover:underline">
        {card.company.name}
      </Link>,
    ],
    [account?.kind === "wecom" ? t("fields.corp") : t("fields.account"), account?.name ?? <span className="italic text-muted-foreground">{tCard("unnamed")}</span>],
    [t("fields.assignee"), card.assignee?.name ?? <span className="text-muted-foreground">{tCard("unassigned")}</span>],
    [
      t("fields.waiting"),
      card.waiting === "none" || !card.waitingSince
        ? card.waiting === "none"
          ? t("fields.notWaiting")
          : tCard(`waiting.${card.waiting}`)
        : `${tCard(`waitingSince.${card.waiting}`, { date: formatter.dateTime(new Date(card.waitingSince), { dateStyle: "medium", timeZone }) })} · ${format.since(card.waitingSince)}`,
    ],
    [t("fields.stageSince"), `${formatter.dateTime(new Date(card.stageEnteredAt), { dateStyle: "medium", timeStyle: "short", timeZone })} · ${format.since(card.stageEnteredAt)}`],
  ];
  if (account?.kind === "official_account") {
    fields.push(
      [t("fields.type"), account.type ? tTypes(account.type) : dash],
      [t("fields.operator"), person(account.operator)],
      [t("fields.wechatId"), account.wechatId ?? dash],
      [t("fields.originalId"), account.originalId ?? dash],
      [t("fields.loginEmail"), account.loginEmail ?? dash],
      [t("fields.verification"), tVerification(account.verificationStatus)],
      [t("fields.registeredAt"), date(account.registeredAt)],
    );
  } else if (account?.kind === "wecom") {
    fields.push(
      [t("fields.shortName"), account.shortName ?? dash],
      [t("fields.admin"), person(account.admin)],
      [t("fields.corpId"), account.corpId ?? dash],
      [t("fields.tier"), t(`tiers.${account.tier}`)],
      [t("fields.verification"), tVerification(account.verificationStatus)],
    );
  }
  fields.push([t("fields.created"), date(card.createdAt)]);

  const approvedKinds = new Set(detail.requiredKinds.filter((kind) => !card.documents.missing.includes(kind)));
  const idPrefix = titleId ?? `card-${card.id}`;

  return (
    <div className="flex flex-col gap-4">
      <header>
        {showTitle && (
          <Title id={titleId} className={headingLevel === 1 ? "text-xl font-semibold tracking-tight" : "text-base font-semibold"}>
            {card.company.name}
          </Title>
        )}
        <p className="mt-0.5 text-sm text-muted-foreground">{accountLine(card)}</p>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <span className={cn(badgeClass, "border-border bg-muted/60")}>
            {tPipelines(card.pipeline)} · {tStages(card.stage)}
          </span>
          {card.dueAt && card.due && (
            <span className={cn(badgeClass, dueBadgeClass[card.due])}>
              {card.due === "overdue" && <AlarmClock aria-hidden="true" className="size-3" />}
              {tCard(card.due)}
            </span>
          )}
          <WaitingBadge card={card} format={format} />
          <StaleBadge card={card} format={format} />
          <VerificationBadge verification={card.verification} format={format} />
        </div>
      </header>

      {detail.canMove && (
        <WaitingButtons agencySlug={agencySlug} card={card} onChanged={onChanged} onCardChanged={onCardChanged} />
      )}

      <Section title={t("sections.moves")} id={`${idPrefix}-moves`}>
        {!detail.canMove ? (
          <p className="text-sm text-muted-foreground">{t("moves.readOnly")}</p>
        ) : allowed.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("moves.none")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {allowed.map(({ stage, check }) => {
              const undo = check.ok && check.kind === "undo";
              const Icon = undo ? Undo2 : ArrowRight;
              return (
                <li key={stage}>
                  <button type="button" disabled={moving !== null} onClick={() => void move(stage)} className={buttonClass.secondary}>
                    {moving === stage ? (
                      <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
                    ) : (
                      <Icon aria-hidden="true" className="size-4" />
                    )}
                    {moving === stage ? t("moves.moving") : t(undo ? "moves.undo" : "moves.to", { stage: tStages(stage) })}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {detail.canMove && refused.length > 0 && (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-muted-foreground hover:text-foreground">{t("moves.why")}</summary>
            <dl className="mt-2 grid gap-1.5">
              {refused.map(({ stage, check }) => (
                <div key={stage} className="grid gap-0.5 sm:grid-cols-[10rem_1fr] sm:gap-3">
                  <dt className="font-medium">{tStages(stage)}</dt>
                  <dd className="text-muted-foreground">{check.ok ? null : say(check.messageKey)}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </Section>

      <Section title={t("sections.deadline")} id={`${idPrefix}-deadline`}>
        {card.dueAt ? (
          <p className="text-sm">
            <time dateTime={card.dueAt} className="font-medium">
              {t("deadline.due", { date: formatter.dateTime(new Date(card.dueAt), { dateStyle: "full", timeZone }) })}
            </time>
            {detail.dueInBusinessDays !== null && (
              <span className={cn("block text-muted-foreground", card.due === "overdue" && "text-destructive")}>
                {detail.dueInBusinessDays < 0
                  ? t("deadline.overdueBusinessDays", { count: -detail.dueInBusinessDays })
                  : t("deadline.inBusinessDays", { count: detail.dueInBusinessDays })}
              </span>
            )}
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">{t("deadline.none")}</p>
        )}
        {verification && (
          <>
            <h4 className="mt-3 text-xs font-medium text-muted-foreground">{t("verification.label")}</h4>
            <p className="mt-1 text-sm">
              <span className={cn("font-medium", verification.expired && "text-destructive")}>{tVerification(verification.status)}</span>
              {verification.expiresAt && (
                <time dateTime={verification.expiresAt} className="block text-muted-foreground">
                  {t(verification.expired ? "verification.expiredOn" : "verification.expiresOn", {
                    date: formatter.dateTime(new Date(verification.expiresAt), { dateStyle: "full", timeZone }),
                  })}
                </time>
              )}
            </p>
            {verificationWarning && (
              <p className={cn(badgeClass, verificationBadgeClass[verificationWarning], "mt-1.5")}>
                {verification.expired ? tCard("verification.expired") : tCard("verification.expiresIn", { count: verification.daysLeft ?? 0 })}
              </p>
            )}
          </>
        )}
      </Section>

      <Section title={t("sections.details")} id={`${idPrefix}-details`}>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[11rem_1fr]">
          {fields.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section title={t("sections.timeline")} id={`${idPrefix}-timeline`}>
        {detail.events.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("timeline.empty")}</p>
        ) : (
          <ol className="relative flex flex-col gap-3 border-l pl-4">
            {[...detail.events].reverse().map((event) => (
              <li key={event.id} className="relative text-sm">
                <span aria-hidden="true" className={cn("absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full border-2 border-background", event.leftAt ? "bg-muted-foreground" : "bg-primary")} />
                <p className="font-medium">{tStages(event.to)}</p>
                <p className="text-xs text-muted-foreground">
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                  {" · "}
                  {event.actor ? (event.actor.name ? t("timeline.by", { name: event.actor.name }) : t("timeline.formerMember")) : t("timeline.system")}
                  {" · "}
                  {event.leftAt ? t("timeline.stayed", { duration: format.duration(event.secondsInStage) }) : t("timeline.still", { duration: format.duration(event.secondsInStage) })}
                </p>
                {event.note && <p className="mt-1 rounded-md bg-muted/60 px-2.5 py-1.5 text-sm whitespace-pre-wrap">{event.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title={t("sections.documents")} id={`${idPrefix}-documents`}>
        {detail.requiredKinds.length > 0 && (
          <>
            <h4 className="text-xs font-medium text-muted-foreground">{t("documents.required")}</h4>
            <ul className="mt-1.5 flex flex-col gap-1 text-sm">
              {detail.requiredKinds.map((kind) => {
                const approved = approvedKinds.has(kind);
                const Icon = approved ? Check : CircleDashed;
                return (
                  <li key={kind} className="flex items-center gap-2">
                    <Icon aria-hidden="true" className={cn("size-4 shrink-0", approved ? "text-emerald-600 dark:text-emerald-400" : "text-muted-foreground")} />
                    <span className="min-w-0 flex-1">{tKinds(kind)}</span>
                    <span className={cn("text-xs", approved ? "text-emerald-700 dark:text-emerald-400" : "text-muted-foreground")}>
                      {approved ? t("documents.approved") : t("documents.missing")}
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        <h4 className="mt-3 text-xs font-medium text-muted-foreground">{t("documents.linked")}</h4>
        {detail.documents.length === 0 ? (
          <p className="mt-1.5 text-sm text-muted-foreground">{t("documents.none")}</p>
        ) : (
          <ul className="mt-1.5 flex flex-col gap-1 text-sm">
            {detail.documents.map((document) => (
              <li key={document.id} className="flex flex-wrap items-center gap-x-2">
                {/* Its review page: the versions, the file and, when one waits, the decision. */}
                <Link href={documentHref(agencySlug, document.id)} className="min-w-0 flex-1 underline-offset-2 hover:underline">
                  {tKinds(document.kind)}
                </Link>
                <span className="text-xs text-muted-foreground">
                  {tStatus(document.status)}
                  {document.expiresOn && ` · ${t("documents.expires", { date: formatter.dateTime(new Date(`${document.expiresOn}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("sections.notes")} id={`${idPrefix}-notes`}>
        <p className="text-xs text-muted-foreground">{t("notes.staffOnly")}</p>
        {detail.notes.length === 0 ? (
          <p className="mt-2 text-sm text-muted-foreground">{t("notes.empty")}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {detail.notes.map((note) => (
              <li key={note.id} className="rounded-md border px-3 py-2 text-sm">
                <p className="whitespace-pre-wrap">{note.body}</p>
                <p className="mt-1 text-xs text-muted-foreground">
                  {note.author ?? t("notes.unknownAuthor")} · <time dateTime={note.createdAt}>{format.dateTime(note.createdAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
        {detail.canAddNote ? (
          <CardNoteForm agencySlug={agencySlug} cardId={card.id} onAdded={onChanged} />
        ) : (
          <p className="mt-2 text-xs text-muted-foreground">{t("notes.readOnly")}</p>
        )}
      </Section>
    </div>
  );
}

function CardNoteForm({ agencySlug, cardId, onAdded }: { agencySlug: string; cardId: string; onAdded: () => void }) {
  const t = useTranslations("board.detail.notes");
  return (
    <NoteForm
      labels={noteFormLabels(t)}
      save={(body) => addCardNoteAction(agencySlug, cardId, { body })}
      onAdded={onAdded}
      rows={2}
      className="mt-3 gap-2.5"
    />
  );
}
