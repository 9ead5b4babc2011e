"use client";

import { ArrowRight, CircleCheck, CircleX, LoaderCircle, RotateCw } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import { moveOfferedCardAction, reviewVersionAction, type OfferedMove, type ReviewFailure } from "@/app/(app)/[agency]/documents/actions";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { DocumentDto } from "@/lib/documents/document-types";

type Decision = "approve" | "reject";
type Done = { decision: Decision; nextMove: OfferedMove | null };

/**
 * The reviewer's side of a document's page: Approve, or Reject with a reason the client
 * is shown; the signed / company chop / colour scan flags and the expiry date are saved
 * with the decision. After an approval that completes a card's required documents, it
 * offers the move the card's guard now allows (or says the card moved by itself). It
 * stays mounted while the page refreshes behind it, so that offer survives the refresh;
 * `children` is what the page shows when no decision is to be taken here.
 */
export function ReviewPanel({
  agencySlug,
  document,
  versionId,
  awaiting,
  kindLabel,
  children,
}: {
  agencySlug: string;
  document: Pick<DocumentDto, "id" | "version" | "signed" | "chopped" | "colourScan" | "expiresOn">;
  versionId: string;
  /** Whether this version waits for a decision the viewer may take. */
  awaiting: boolean;
  kindLabel: string;
  children?: ReactNode;
}) {
  const [done, setDone] = useState<Done | null>(null);
  if (done) return <ReviewDone agencySlug={agencySlug} done={done} kindLabel={kindLabel} />;
  if (!awaiting) return <>{children}</>;
  return <ReviewForm agencySlug={agencySlug} document={document} versionId={versionId} onDone={setDone} />;
}

function ReviewForm({
  agencySlug,
  document,
  versionId,
  onDone,
}: {
  agencySlug: string;
  document: Pick<DocumentDto, "id" | "version" | "signed" | "chopped" | "colourScan" | "expiresOn">;
  versionId: string;
  onDone: (done: Done) => void;
}) {
  const t = useTranslations("documentsUi.review");
  const say = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState("");
  const [signed, setSigned] = useState(document.signed);
  const [chopped, setChopped] = useState(document.chopped);
  const [colourScan, setColourScan] = useState(document.colourScan);
  const [expiresOn, setExpiresOn] = useState(document.expiresOn ?? "");
  const reasonError = fieldError("reason");
  const expiresError = fieldError("expiresOn");
  const reviewFailure = failure as ReviewFailure | null;
  // Reviewed or changed by someone else, a newer upload, a quarantined file: the page is out of date.
  const outOfDate = reviewFailure?.code === "CONFLICT" && reviewFailure.reason !== undefined;

  function submit(chosen: Decision) {
    if (pending) return;
    setDecision(chosen);
    run(
      () =>
        reviewVersionAction(agencySlug, versionId, {
          decision: chosen,
          reason: reason.trim() || null,
          signed,
          chopped,
          colourScan,
          expiresOn: expiresOn || null,
          version: document.version,
        }),
      (data) => {
        onDone({ decision: chosen, nextMove: data.nextMove });
        router.refresh();
      },
    );
  }

  const checkbox = (name: string, label: string, checked: boolean, set: (value: boolean) => void) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} checked={checked} onChange={(event) => set(event.target.checked)} className="size-4" />
      {label}
    </label>
  );

  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby="review-heading"
      className="flex flex-col gap-4 rounded-xl border p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        submit(submitter?.value === "reject" ? "reject" : "approve");
      }}
    >
      <h2 id="review-heading" className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("flagsLegend")}</legend>
        {checkbox("signed", t("signed"), signed, setSigned)}
        {checkbox("chopped", t("chopped"), chopped, setChopped)}
        {checkbox("colourScan", t("colourScan"), colourScan, setColourScan)}
      </fieldset>
      <Field label={t("expiresOn")} hint={t("expiresOnHint")} error={expiresError ? say(expiresError) : undefined}>
        {(ids) => (
          <input
            id={ids.id}
            type="date"
            name="expiresOn"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid}
            className={cn(inputClass, "sm:w-48")}
          />
        )}
      </Field>
      <Field label={t("reason")} hint={t("reasonHint")} error={reasonError ? say(reasonError) : undefined}>
        {(ids) => (
          <textarea
            id={ids.id}
            name="reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={3}
            maxLength={1000}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid}
            className={cn(inputClass, "h-auto py-2")}
          />
        )}
      </Field>
      {failure && !reasonError && !expiresError && (
        <div className="flex flex-col items-start gap-2">
          <FormAlert>{say(failure.message)}</FormAlert>
          {outOfDate && (
            <button type="button" className={buttonClass.secondary} onClick={() => router.refresh()}>
              <RotateCw aria-hidden="true" className="size-4" />
              {t("conflict.reload")}
            </button>
          )}
        </div>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button
          type="submit"
          value="reject"
          disabled={pending}
          className={cn(buttonClass.secondary, "border-destructive/50 text-destructive hover:bg-destructive/5")}
        >
          {pending && decision === "reject" ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" /> : <CircleX aria-hidden="true" className="size-4" />}
          {t("reject")}
        </button>
        <button type="submit" value="approve" disabled={pending} className={buttonClass.primary}>
          {pending && decision === "approve" ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" /> : <CircleCheck aria-hidden="true" className="size-4" />}
          {t("approve")}
        </button>
      </div>
    </form>
  );
}

function ReviewDone({ agencySlug, done, kindLabel }: { agencySlug: string; done: Done; kindLabel: string }) {
  const t = useTranslations("documentsUi.review");
  const tStages = useTranslations("portal.stages");
  const tCards = useTranslations("documentsUi.cards");
  const say = useCatalogue();
  const router = useRouter();
  const [moving, startMoving] = useTransition();
  const [moved, setMoved] = useState(done.nextMove?.moved ?? false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const move = done.nextMove;
  const card = move ? (move.cardName ?? tCards(move.pipeline as "wecom")) : "";
  const stage = move ? tStages(move.to as "documents") : "";
  const approved = done.decision === "approve";

  function moveCard() {
    if (!move || moving) return;
    setMoveError(null);
    startMoving(async () => {
      const result = await moveOfferedCardAction(agencySlug, { registrationId: move.registrationId, to: move.to, version: move.version }).catch(() => null);
      if (result?.ok) {
        setMoved(true);
        router.refresh();
      } else setMoveError(result ? result.message : "errors.codes.UNAVAILABLE");
    });
  }

  return (
    <section aria-labelledby="review-done-heading" className="flex flex-col gap-3 rounded-xl border p-4">
      <h2 id="review-done-heading" className="flex items-center gap-2 text-sm font-semibold">
        {approved ? (
          <CircleCheck aria-hidden="true" className="size-4 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <CircleX aria-hidden="true" className="size-4 text-destructive" />
        )}
        {approved ? t("done.approved", { kind: kindLabel }) : t("done.rejected", { kind: kindLabel })}
      </h2>
      <p role="status" className="text-sm text-muted-foreground">
        {approved ? t("done.approvedBody") : t("done.rejectedBody")}
      </p>
      {move && (
        <div className="flex flex-col items-start gap-2 rounded-md border bg-muted/40 px-3 py-2.5 text-sm">
          {moved ? (
            <p role="status">{move.moved ? t("nextMove.movedItself", { card, stage }) : t("nextMove.moved", { card, stage })}</p>
          ) : (
            <>
              <p>{t("nextMove.offer", { card })}</p>
              <button type="button" className={buttonClass.primary} onClick={moveCard} disabled={moving}>
                {moving ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" /> : <ArrowRight aria-hidden="true" className="size-4" />}
                {t("nextMove.button", { stage })}
              </button>
              {moveError && <FormAlert>{say(moveError)}</FormAlert>}
            </>
          )}
          <Link href={`/${agencySlug}/registrations/${move.registrationId}`} className="text-sm underline-offset-2 hover:underline">
            {t("nextMove.openCard", { card })}
          </Link>
        </div>
      )}
      <Link href={`/${agencySlug}/documents`} className={cn(buttonClass.secondary, "self-start")}>
        {t("done.backToQueue")}
      </Link>
    </section>
  );
}
