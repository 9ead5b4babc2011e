"use client";

/**
 * Editing a person (issue 6): the name, the ID's expiry, the birth date (only for an ID
 * type it cannot be read from), mobile, fixed line and e-mail. The ID number is shown
 * masked and cannot change here: to correct one, the person is erased and recorded
 * again. What the user typed stays after a refusal; an edit that someone else's save
 * overtook shows who and when, and their values next to the user's (as the company form).
 */
import { Lock, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useCallback, useEffect, useRef, useState, useTransition } from "react";
import { updatePersonAction, type UpdatePersonFailure } from "@/app/(app)/[agency]/people/actions";
import { FormConflict } from "@/components/forms/form-conflict";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { personEditFields, type EditablePerson, type PersonEditField } from "@/lib/people/schemas";

type Values = Record<PersonEditField, string>;
type Stale = NonNullable<UpdatePersonFailure["stale"]>;

function valuesOf(person: EditablePerson): Values {
  return {
    name: person.name,
    idExpiresOn: person.idExpiresOn ?? "",
    birthDate: person.birthDate ?? "",
    mobile: person.mobile ?? "",
    fixedLine: person.fixedLine ?? "",
    email: person.email ?? "",
  };
}

export function PersonEditForm({
  agencySlug,
  person,
  birthDateFromNumber,
  timeZone,
}: {
  agencySlug: string;
  person: EditablePerson;
  /** A resident ID carries the birth date: shown, not typed. */
  birthDateFromNumber: boolean;
  /** The agency's, for "changed at" times. */
  timeZone: string;
}) {
  const t = useTranslations("personEditForm");
  const tConflict = useTranslations("personEditForm.conflict");
  const tIdTypes = useTranslations("clientPage.idTypes");
  const say = useCatalogue();
  const [values, setValues] = useState<Values>(() => valuesOf(person));
  const [version, setVersion] = useState(person.version);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [kept, setKept] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const editable = personEditFields.filter((name) => name !== "birthDate" || !birthDateFromNumber);

  // After a refusal: focus the first field it names, in form order, else the form's message.
  useEffect(() => {
    const form = formRef.current;
    if (!form || focusRequest === 0) return;
    const first = editable.find((name) => errors[name]);
    const target = first ? form.querySelector<HTMLElement>(`[name="${first}"]`) : form.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
    // Only when a new refusal arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  function set(name: PersonEditField, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input: Record<string, unknown> = { version };
    // A blank optional field is none: an edit then clears what was there.
    for (const name of editable) if (values[name].trim() !== "") input[name] = values[name];
    if (values.name.trim() === "") input.name = "";
    setFormMessage(null);
    startTransition(async () => {
      let failure: UpdatePersonFailure;
      try {
        failure = await updatePersonAction(agencySlug, person.id, input);
      } catch (caught) {
        // A redirect (saved) is Next's to follow; anything else: the network or the server failed.
        unstable_rethrow(caught);
        failure = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      setErrors(failure.fields ?? {});
      setFormMessage(failure.message);
      if (failure.stale) {
        setStale(failure.stale);
        setKept(false);
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

  const error = (name: PersonEditField) => (errors[name] ? say(errors[name]) : undefined);
  const text = (name: PersonEditField, options: { type?: string; autoComplete?: string; inputMode?: "tel" | "email"; mono?: boolean; hint?: string } = {}) => (
    <Field label={t(`fields.${name}`)} hint={options.hint} error={error(name)}>
      {(ids) => (
        <input
          id={ids.id}
          name={name}
          type={options.type ?? "text"}
          value={values[name]}
          onChange={(event) => set(name, event.target.value)}
          autoComplete={options.autoComplete ?? "off"}
          inputMode={options.inputMode}
          spellCheck={options.mono ? false : undefined}
          required={name === "name" || undefined}
          aria-required={name === "name" || undefined}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
          className={cn(inputClass, options.mono && "font-mono")}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-8">
      {stale && (
        <FormConflict
          t={tConflict}
          testId="person-conflict"
          stale={stale}
          kept={kept}
          fields={editable}
          yours={values}
          theirs={valuesOf(stale.current)}
          label={(name) => t(`fields.${name}`)}
          tableClassName="w-full min-w-[28rem] text-left text-sm"
          timeZone={timeZone}
          onReload={reloadLatest}
          onKeep={keepMine}
        />
      )}

      <section aria-labelledby="person-id-heading">
        <h2 id="person-id-heading" className="mb-3 text-sm font-semibold">
          {t("idHeading")}
        </h2>
        <div className="flex max-w-md items-start gap-3 rounded-xl border bg-muted/40 p-4" data-testid="person-edit-id">
          <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <div className="min-w-0 flex-1 text-sm">
            <p className="text-xs text-muted-foreground">{tIdTypes(person.idType)}</p>
            <p className="font-mono tracking-wide">{person.idMask}</p>
            {birthDateFromNumber && person.birthDate && (
              <p className="mt-1 text-xs text-muted-foreground">{t("birthDateFromId", { date: person.birthDate })}</p>
            )}
            <p className="mt-2 text-xs text-muted-foreground">{t("idNumberFixed")}</p>
          </div>
        </div>
        {errors.idNumber && (
          <p className="mt-2 text-sm text-destructive" role="alert">
            {say(errors.idNumber)}
          </p>
        )}
      </section>

      <section className="border-t pt-6">
        <h2 className="mb-4 text-sm font-semibold">{t("detailsHeading")}</h2>
        <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
          <div className="sm:col-span-2">{text("name", { autoComplete: "off", hint: t("hints.name") })}</div>
          {text("idExpiresOn", { type: "date", hint: t("hints.idExpiresOn") })}
          {!birthDateFromNumber && text("birthDate", { type: "date" })}
        </div>
      </section>

      <section className="border-t pt-6">
        <h2 className="mb-4 text-sm font-semibold">{t("contactHeading")}</h2>
        <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
          {text("mobile", { type: "tel", inputMode: "tel", autoComplete: "tel", mono: true, hint: t("hints.mobile") })}
          {text("fixedLine", { type: "tel", inputMode: "tel", mono: true, hint: t("hints.fixedLine") })}
          <div className="sm:col-span-2">{text("email", { type: "email", inputMode: "email", autoComplete: "email", mono: true })}</div>
        </div>
      </section>

      {formMessage && (
        <div data-form-message tabIndex={-1} className="outline-none">
          <FormAlert>{say(formMessage)}</FormAlert>
        </div>
      )}

      <div className="flex flex-col-reverse gap-2 border-t pt-5 sm:flex-row sm:justify-end">
        <Link href={`/${agencySlug}/people/${person.id}`} className={buttonClass.secondary}>
          {t("cancel")}
        </Link>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending && <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />}
          {pending ? t("saving") : t("save")}
        </button>
      </div>
    </form>
  );
}

/**
 * "Changes saved" on the person's page after the form's redirect (`?saved=updated`);
 * the parameter then leaves the address, so a reload does not say it again.
 */
export function PersonSavedNotice() {
  const t = useTranslations("personEditForm");
  const [message, setMessage] = useState<ToastMessage | null>({ id: 1, text: t("saved"), tone: "success" });
  const dismiss = useCallback(() => setMessage(null), []);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("saved")) return;
    url.searchParams.delete("saved");
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);

  return <Toast message={message} onDismiss={dismiss} />;
}
