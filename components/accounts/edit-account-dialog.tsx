"use client";

/**
 * "Edit" on one Official Account of the client page (issue 6 §3): its name, introduction,
 * login e-mail, WeChat ID, original ID and registration date. The dialog reads the
 * account when it opens (so it starts from the latest version) and says before the user
 * submits what WeChat's calendar rules allow: after registration the introduction
 * changes once a calendar month (the field is locked until the first of next month,
 * with the date), a Chinese individual renames twice a calendar year (the renames left),
 * an organisation's new name waits for (re)verification or the annual review. It shows
 * the name history, field errors next to the fields with what was typed kept, and an
 * edit someone else's save overtook as both versions side by side (as the person form).
 */
import { History, LoaderCircle, Lock, Pencil, TriangleAlert } from "lucide-react";
import { unstable_rethrow, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState, useTransition } from "react";
import {
  getOfficialAccountProfileAction,
  updateOfficialAccountAction,
  type UpdateAccountFailure,
} from "@/app/(app)/[agency]/accounts/actions";
import { FormConflict } from "@/components/forms/form-conflict";
import { Dialog } from "@/components/members/dialog";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import {
  characterCount,
  nameWidth,
  PROFILE_MESSAGES,
  profileFields,
  type OfficialAccountProfile,
  type ProfileField,
  type ProfileWarning,
} from "@/lib/accounts/profile-schemas";

type Values = Record<ProfileField, string>;
type Stale = NonNullable<UpdateAccountFailure["stale"]>;

function valuesOf(profile: OfficialAccountProfile): Values {
  return {
    name: profile.name ?? "",
    introduction: profile.introduction ?? "",
    loginEmail: profile.loginEmail ?? "",
    wechatId: profile.wechatId ?? "",
    originalId: profile.originalId ?? "",
    registeredAt: profile.registeredAt ?? "",
  };
}

export function EditAccountButton(props: { agencySlug: string; officialAccountId: string; name: string; timeZone: string }) {
  const t = useTranslations("accountEdit");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass.ghost} onClick={() => setOpen(true)} aria-label={t("openLabel", { name: props.name })}>
        <Pencil aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {/* The button sits in a right-aligned, unwrapped table cell: the dialog must not inherit that. */}
      {open && (
        <div className="text-left font-normal whitespace-normal">
          <EditAccountDialog {...props} onClose={() => setOpen(false)} />
        </div>
      )}
    </>
  );
}

type Load = { state: "loading" } | { state: "failed"; message: string } | { state: "ready"; profile: OfficialAccountProfile };

function EditAccountDialog({
  agencySlug,
  officialAccountId,
  name,
  timeZone,
  onClose,
}: {
  agencySlug: string;
  officialAccountId: string;
  name: string;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations("accountEdit");
  const tCommon = useTranslations("common");
  const say = useCatalogue();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getOfficialAccountProfileAction(agencySlug, officialAccountId)
      .then((result) => {
        if (!live) return;
        setLoad(result.ok ? { state: "ready", profile: result.data } : { state: "failed", message: result.message });
      })
      .catch((error: unknown) => {
        unstable_rethrow(error);
        if (live) setLoad({ state: "failed", message: "errors.codes.UNAVAILABLE" });
      });
    return () => {
      live = false;
    };
  }, [agencySlug, officialAccountId, attempt]);

  return (
    <Dialog title={t("title")} description={t("description", { name })} onClose={onClose} busy={busy}>
      {load.state === "loading" && (
        <div aria-busy="true" data-testid="account-edit-loading" className="flex flex-col gap-4">
          <p className="sr-only" role="status">
            {t("loading")}
          </p>
          {[0, 1, 2, 3].map((row) => (
            <div key={row} className="flex flex-col gap-1.5">
              <Skeleton className="h-4 w-28" />
              <Skeleton className={row === 1 ? "h-20 w-full" : "h-9 w-full"} />
            </div>
          ))}
        </div>
      )}
      {load.state === "failed" && (
        <div className="flex flex-col gap-3">
          <p className="text-sm font-medium">{t("loadFailed")}</p>
          <FormAlert>{say(load.message)}</FormAlert>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onClose} className={buttonClass.secondary}>
              {tCommon("close")}
            </button>
            <button
              type="button"
              data-autofocus
              onClick={() => {
                setLoad({ state: "loading" });
                setAttempt((n) => n + 1);
              }}
              className={buttonClass.primary}
            >
              {t("retry")}
            </button>
          </div>
        </div>
      )}
      {load.state === "ready" && (
        <ProfileForm
          agencySlug={agencySlug}
          initial={load.profile}
          timeZone={timeZone}
          onBusy={setBusy}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function ProfileForm({
  agencySlug,
  initial,
  timeZone,
  onBusy,
  onClose,
}: {
  agencySlug: string;
  initial: OfficialAccountProfile;
  timeZone: string;
  onBusy: (busy: boolean) => void;
  onClose: () => void;
}) {
  const t = useTranslations("accountEdit");
  const tConflict = useTranslations("accountEdit.conflict");
  const say = useCatalogue();
  const format = useFormatter();
  const router = useRouter();
  const [profile, setProfile] = useState(initial);
  const [values, setValues] = useState<Values>(() => valuesOf(initial));
  const [version, setVersion] = useState(initial.version);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [nextAllowedAt, setNextAllowedAt] = useState<UpdateAccountFailure["nextAllowedAt"]>(undefined);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [kept, setKept] = useState(false);
  const [warnings, setWarnings] = useState<ProfileWarning[] | null>(null);
  const [pending, startTransition] = useTransition();
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => onBusy(pending), [pending, onBusy]);

  // The dialog focused what it had when it opened (the skeleton had nothing): the form's first field now.
  useEffect(() => {
    const form = formRef.current;
    (form?.querySelector<HTMLElement>("[data-autofocus]") ?? form?.querySelector<HTMLElement>("input:not([disabled]), textarea:not([disabled])"))?.focus();
  }, []);

  // After a refusal: focus the first field it names, in form order, else the form's message.
  useEffect(() => {
    const form = formRef.current;
    if (!form || focusRequest === 0) return;
    const first = profileFields.find((field) => errors[field]);
    const target = first ? form.querySelector<HTMLElement>(`[name="${first}"]`) : form.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
    // Only when a new refusal arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const day = useCallback((iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone }), [format, timeZone]);
  const introLocked = profile.introNextChangeAt !== null;
  const renameLocked = profile.renamesLeftThisYear === 0;
  const registered = profile.registeredAt !== null;
  const renaming = values.name.trim() !== (profile.name ?? "");

  function set(field: ProfileField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input: Record<string, unknown> = { version };
    for (const field of profileFields) {
      // A locked field is left out: kept as it is.
      if ((field === "introduction" && introLocked) || (field === "name" && renameLocked)) continue;
      input[field] = values[field];
    }
    setFormMessage(null);
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof updateOfficialAccountAction>>;
      try {
        result = await updateOfficialAccountAction(agencySlug, profile.id, input);
      } catch (caught) {
        unstable_rethrow(caught);
        result = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      if (result.ok) {
        router.refresh();
        if (result.data.warnings.length === 0) {
          onClose();
          return;
        }
        const { warnings: saidWarnings, ...saved } = result.data;
        setProfile(saved);
        setValues(valuesOf(saved));
        setVersion(saved.version);
        setStale(null);
        setErrors({});
        setWarnings(saidWarnings);
        return;
      }
      const failure = result as UpdateAccountFailure;
      setErrors(failure.fields ?? {});
      setNextAllowedAt(failure.nextAllowedAt);
      setFormMessage(failure.fields ? null : failure.message);
      if (failure.stale) {
        setStale(failure.stale);
        setProfile(failure.stale.current);
        setKept(false);
        setFormMessage(null);
      }
      setFocusRequest((n) => n + 1);
    });
  }

  function reloadLatest() {
    if (!stale) return;
    setValues(valuesOf(stale.current));
    setVersion(stale.current.version);
    setErrors({});
    setFormMessage(null);
    setStale(null);
  }

  function keepMine() {
    if (!stale) return;
    setVersion(stale.current.version);
    setKept(true);
    setFormMessage(null);
  }

  /** A field's refusal; WeChat's calendar rules say from when the field may change again. */
  function error(field: ProfileField): string | undefined {
    const key = errors[field];
    if (!key) return undefined;
    if (field === "introduction" && key === PROFILE_MESSAGES.introductionOncePerMonth && nextAllowedAt?.introduction) {
      return t("errors.introductionOncePerMonthUntil", { date: day(nextAllowedAt.introduction) });
    }
    if (field === "name" && key === PROFILE_MESSAGES.renameLimit && nextAllowedAt?.name) {
      return t("errors.renameLimitUntil", { date: day(nextAllowedAt.name) });
    }
    return say(key);
  }

  if (warnings) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="text-sm font-medium">
          {t("saved")}
        </p>
        {warnings.map((warning) => (
          <p key={warning} data-testid={`warning-${warning}`} className="flex items-start gap-2 rounded-md border border-amber-600/40 bg-amber-500/10 px-3 py-2 text-sm">
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" />
            {t(`warnings.${warning}`)}
          </p>
        ))}
        <NameHistory profile={profile} day={day} />
        <div className="flex justify-end">
          <button type="button" data-autofocus onClick={onClose} className={buttonClass.primary}>
            {t("done")}
          </button>
        </div>
      </div>
    );
  }

  const text = (
    field: Exclude<ProfileField, "introduction">,
    options: { hint?: ReactNode; mono?: boolean; type?: string; inputMode?: "email"; disabled?: boolean; autoFocus?: boolean; max?: string } = {},
  ) => (
    <Field label={t(`fields.${field}`)} hint={options.hint} error={error(field)}>
      {(ids) => (
        <input
          id={ids.id}
          name={field}
          type={options.type ?? "text"}
          value={values[field]}
          onChange={(event) => set(field, event.target.value)}
          disabled={options.disabled}
          autoComplete="off"
          inputMode={options.inputMode}
          spellCheck={options.mono ? false : undefined}
          max={options.max}
          data-autofocus={options.autoFocus || undefined}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
          className={cn(inputClass, options.mono && "font-mono", options.disabled && "cursor-not-allowed opacity-70")}
        />
      )}
    </Field>
  );

  const nameHint = (
    <>
      {t("hints.name", { width: nameWidth(values.name.trim()) })}
      {profile.subjectKind === "cn_individual" && profile.renamesLeftThisYear !== null && (
        <span className="mt-1 block" data-testid="renames-left">
          {renameLocked && profile.nameNextChangeAt
            ? t("renameLocked", { next: day(profile.nameNextChangeAt) })
            : `${t("renamesLeft", { count: profile.renamesLeftThisYear })}${renaming ? ` ${t("renameUses")}` : ""}`}
        </span>
      )}
      {profile.subjectKind !== "cn_individual" && registered && (
        <span className="mt-1 block" data-testid="org-rename-note">
          {t("orgRenameNote")}
        </span>
      )}
    </>
  );

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {stale && (
        <FormConflict
          t={tConflict}
          testId="account-conflict"
          stale={stale}
          kept={kept}
          fields={profileFields}
          yours={values}
          theirs={valuesOf(stale.current)}
          label={(field) => t(`fields.${field}`)}
          tableClassName="w-full min-w-[24rem] text-left text-sm"
          timeZone={timeZone}
          onReload={reloadLatest}
          onKeep={keepMine}
        />
      )}

      {text("name", { hint: nameHint, disabled: renameLocked, autoFocus: !renameLocked })}
      <NameHistory profile={profile} day={day} />

      <Field
        label={t("fields.introduction")}
        hint={
          introLocked ? undefined : (
            <>
              {t("hints.introduction", { count: characterCount(values.introduction.trim()) })}
              {registered && <span className="mt-1 block">{t("hints.introductionRule")}</span>}
            </>
          )
        }
        error={error("introduction")}
      >
        {(ids) => (
          <>
            <textarea
              id={ids.id}
              name="introduction"
              value={values.introduction}
              onChange={(event) => set("introduction", event.target.value)}
              disabled={introLocked}
              rows={3}
              aria-describedby={[ids.describedBy, introLocked ? `${ids.id}-locked` : null].filter(Boolean).join(" ") || undefined}
              aria-invalid={ids.invalid}
              className={cn(inputClass, "h-auto py-2", introLocked && "cursor-not-allowed opacity-70")}
            />
            {introLocked && profile.introNextChangeAt && (
              <p id={`${ids.id}-locked`} data-testid="intro-locked" className="mt-1.5 flex items-start gap-1.5 text-xs text-muted-foreground">
                <Lock aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                {t("introLocked", {
                  changed: profile.introChangedAt ? day(profile.introChangedAt) : "—",
                  next: day(profile.introNextChangeAt),
                })}
              </p>
            )}
          </>
        )}
      </Field>

      {text("loginEmail", { type: "email", inputMode: "email", mono: true })}
      <div className="grid gap-5 sm:grid-cols-2">
        {text("wechatId", { hint: t("hints.wechatId"), mono: true })}
        {text("originalId", { hint: t("hints.originalId"), mono: true })}
      </div>
      {text("registeredAt", { type: "date", hint: t("hints.registeredAt") })}

      {formMessage && (
        <div data-form-message tabIndex={-1} className="outline-none">
          <FormAlert>{say(formMessage)}</FormAlert>
        </div>
      )}

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" onClick={onClose} disabled={pending} className={buttonClass.secondary}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? t("saving") : t("submit")}
        </button>
      </div>
    </form>
  );
}

/** Every name the account has had, newest first, with who set it and when. */
function NameHistory({ profile, day }: { profile: OfficialAccountProfile; day: (iso: string) => string }) {
  const t = useTranslations("accountEdit");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border bg-muted/30 px-3 py-2.5">
      <h3 id={headingId} className="flex items-center gap-1.5 text-sm font-semibold">
        <History aria-hidden="true" className="size-4 text-muted-foreground" />
        {t("history")}
      </h3>
      {profile.names.length === 0 ? (
        <p className="mt-1.5 text-sm text-muted-foreground">{t("historyEmpty")}</p>
      ) : (
        <ol className="mt-1.5 flex flex-col gap-1.5 text-sm" data-testid="name-history">
          {profile.names.map((entry, index) => (
            <li key={`${entry.changedAt}-${index}`} className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-medium break-all">
                {entry.name}
                {index === 0 && entry.name === profile.name && (
                  <span className="ml-2 rounded border px-1 text-xs font-normal text-muted-foreground">{t("historyCurrent")}</span>
                )}
              </span>
              <span className="text-xs text-muted-foreground">
                {entry.changedBy === null
                  ? t("historyBySystem", { date: day(entry.changedAt) })
                  : entry.changedBy.name
                    ? t("historyBy", { name: entry.changedBy.name, date: day(entry.changedAt) })
                    : t("historyByFormer", { date: day(entry.changedAt) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
