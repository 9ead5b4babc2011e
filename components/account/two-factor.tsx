"use client";

import { Check, Copy, KeyRound, LoaderCircle, ShieldCheck, ShieldOff, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  disableTotpAction,
  enableTotpAction,
  finishTotpEnrolmentAction,
  startTotpEnrolmentAction,
} from "@/app/account/security/actions";
import { PendingSubmitButton } from "@/components/auth/pending-submit-button";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { ACCOUNT_MESSAGES } from "@/lib/auth/account-schemas";
import { PasswordInput } from "./password-input";

type Enrolment = { enrolment: string; secret: string; uri: string; qrDataUrl: string };
type Enabled = { recoveryCodes: string[]; renewal: string };

const panelClass = "rounded-xl border p-4 sm:p-5";

/**
 * Two-factor authentication on the account security page: set up (scan, then confirm a
 * first code), the recovery codes shown once, and turning it off with the password.
 * The recovery codes stay on screen until "I've saved them" signs this browser in
 * afresh (turning TOTP on ended every session, this one included).
 */
export function TwoFactor({
  enabled,
  enabledOn,
  recoveryCodesLeft,
  recoveryCodeCount,
  startOpen,
}: {
  enabled: boolean;
  /** When it was turned on, already formatted. */
  enabledOn: string | null;
  recoveryCodesLeft: number;
  recoveryCodeCount: number;
  /** Open the set-up at once (the agency requires it). */
  startOpen: boolean;
}) {
  const t = useTranslations("accountSecurity.totp");
  const [done, setDone] = useState<Enabled | null>(null);

  if (done) return <RecoveryCodes codes={done.recoveryCodes} renewal={done.renewal} />;
  if (enabled) {
    return (
      <div className={panelClass}>
        <p className="flex items-center gap-2 font-medium">
          <ShieldCheck aria-hidden="true" className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
          {t("on")}
        </p>
        {enabledOn && <p className="mt-1 text-sm text-muted-foreground">{t("onSince", { date: enabledOn })}</p>}
        <p className={cn("mt-3 flex items-start gap-2 text-sm", recoveryCodesLeft <= 3 && "text-amber-700 dark:text-amber-400")}>
          {recoveryCodesLeft <= 3 ? (
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          ) : (
            <KeyRound aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          )}
          <span>
            {t("codesLeft", { left: recoveryCodesLeft, total: recoveryCodeCount })}
            {recoveryCodesLeft <= 3 && <span className="ml-1">{t("codesLow")}</span>}
          </span>
        </p>
        <TurnOff />
      </div>
    );
  }
  return <SetUp startOpen={startOpen} onEnabled={setDone} />;
}

function SetUp({ startOpen, onEnabled }: { startOpen: boolean; onEnabled: (enabled: Enabled) => void }) {
  const t = useTranslations("accountSecurity.totp");
  const say = useCatalogue();
  const { pending: starting, failure: startFailure, run: runStart } = useAction();
  const {
    pending: confirming,
    failure: confirmFailure,
    run: runConfirm,
    formRef: confirmFormRef,
    fieldError: confirmFieldError,
  } = useAction();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const started = useRef(false);

  function start() {
    runStart(() => startTotpEnrolmentAction(), setEnrolment);
  }

  useEffect(() => {
    if (startOpen && !started.current) {
      started.current = true;
      start();
    }
    // Once, on arrival from a redirect that requires it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startOpen]);

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!enrolment || confirming) return;
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ""))) {
      setLocalError(code ? ACCOUNT_MESSAGES.codeInvalid : ACCOUNT_MESSAGES.codeRequired);
      confirmFormRef.current?.querySelector<HTMLInputElement>('[name="code"]')?.focus();
      return;
    }
    setLocalError(null);
    runConfirm(() => enableTotpAction({ enrolment: enrolment.enrolment, code }), onEnabled);
  }

  if (!enrolment) {
    return (
      <div className={panelClass}>
        <p className="flex items-center gap-2 font-medium">
          <ShieldOff aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          {t("off")}
        </p>
        <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{t("offBody")}</p>
        {startFailure && (
          <div className="mt-3">
            <FormAlert>{say(startFailure.message)}</FormAlert>
          </div>
        )}
        <button type="button" onClick={start} disabled={starting} className={cn(buttonClass.primary, "mt-4 h-9")}>
          {starting && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {t("setUp")}
        </button>
      </div>
    );
  }

  const codeError = localError ?? confirmFieldError("code");
  return (
    <div className={panelClass}>
      <h3 className="font-medium">{t("setUpTitle")}</h3>
      <ol className="mt-3 flex list-decimal flex-col gap-4 pl-5 text-sm">
        <li>
          <p>{t("step1")}</p>
          <div className="mt-3 flex flex-col gap-4 sm:flex-row sm:items-start">
            {/* A data URL made on the server: next/image has nothing to optimise. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={enrolment.qrDataUrl}
              alt={t("qrAlt")}
              width={176}
              height={176}
              className="size-44 shrink-0 rounded-md border bg-white p-1"
            />
            <div className="min-w-0">
              <p className="text-muted-foreground">{t("manual")}</p>
              <p className="mt-1.5 text-xs text-muted-foreground">{t("secretLabel")}</p>
              <code data-testid="totp-secret" className="mt-0.5 block rounded bg-muted px-2 py-1.5 font-mono text-sm break-all select-all">
                {enrolment.secret}
              </code>
            </div>
          </div>
        </li>
        <li>
          <p>{t("step2")}</p>
          <form ref={confirmFormRef} noValidate onSubmit={onConfirm} className="mt-3 flex max-w-xs flex-col gap-3">
            <Field label={t("code")} error={codeError ? say(codeError) : undefined}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="code"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={20}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onInput={() => localError && setLocalError(null)}
                  className={cn(inputClass, "h-10 font-mono tracking-widest")}
                />
              )}
            </Field>
            {confirmFailure && !confirmFailure.fields && <FormAlert>{say(confirmFailure.message)}</FormAlert>}
            <div className="flex flex-wrap gap-2">
              <button type="submit" disabled={confirming} className={cn(buttonClass.primary, "h-9")}>
                {confirming && (
                  <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
                )}
                {confirming ? t("turningOn") : t("turnOn")}
              </button>
              <button type="button" onClick={() => setEnrolment(null)} disabled={confirming} className={cn(buttonClass.secondary, "h-9")}>
                {t("cancel")}
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function RecoveryCodes({ codes, renewal }: { codes: string[]; renewal: string }) {
  const t = useTranslations("accountSecurity.totp");
  const [copied, setCopied] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className={cn(panelClass, "border-emerald-600/40")}>
      <h3 ref={headingRef} tabIndex={-1} className="flex items-center gap-2 font-medium outline-none">
        <ShieldCheck aria-hidden="true" className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        {t("enabledTitle")}
      </h3>
      <p className="mt-2 max-w-2xl text-sm">{t("codesIntro")}</p>
      <ul aria-label={t("codesLabel")} className="mt-3 grid max-w-md grid-cols-2 gap-x-6 gap-y-1 rounded-lg bg-muted p-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p className="mt-3 flex items-start gap-2 text-sm text-amber-700 dark:text-amber-400">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        {t("codesOnce")}
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" onClick={copy} className={cn(buttonClass.secondary, "h-9")}>
          {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
          {copied ? t("copied") : t("copy")}
        </button>
        <form action={finishTotpEnrolmentAction.bind(null, renewal)}>
          <PendingSubmitButton label={t("saved")} pendingLabel={t("continuing")} className={cn(buttonClass.primary, "h-9")} />
        </form>
      </div>
    </div>
  );
}

function TurnOff() {
  const t = useTranslations("accountSecurity.totp");
  const say = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [open, setOpen] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (!password) {
      setLocalError(ACCOUNT_MESSAGES.currentPasswordRequired);
      formRef.current?.querySelector<HTMLInputElement>('[name="password"]')?.focus();
      return;
    }
    setLocalError(null);
    run(() => disableTotpAction({ password }), () => undefined);
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className={cn(buttonClass.secondary, "mt-4 h-9")}>
        {t("turnOff")}
      </button>
    );
  }
  const passwordError = localError ?? fieldError("password");
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-4 flex max-w-md flex-col gap-3 border-t pt-4">
      <p className="text-sm text-muted-foreground">{t("turnOffBody")}</p>
      <Field label={t("password")} error={passwordError ? say(passwordError) : undefined}>
        {(ids) => <PasswordInput ids={ids} name="password" autoComplete="current-password" autoFocus />}
      </Field>
      {failure && !failure.fields && <FormAlert>{say(failure.message)}</FormAlert>}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          className={cn(buttonClass.primary, "h-9 bg-destructive text-white hover:bg-destructive/90 dark:text-background")}
        >
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? t("turningOff") : t("turnOffSubmit")}
        </button>
        <button type="button" onClick={() => setOpen(false)} disabled={pending} className={cn(buttonClass.secondary, "h-9")}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
