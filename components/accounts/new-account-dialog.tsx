"use client";

import { Info, MessageSquarePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HoldersList } from "@/components/accounts/holders-list";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { createOfficialAccountAction, previewAccountWarningsAction, type CreateAccountFailure } from "@/app/(app)/[agency]/accounts/actions";
import { allowedAccountTypes } from "@/lib/accounts/schemas";
import type { AccountWarningsPreview } from "@/lib/accounts/warnings";
import type { CompanyKind } from "@/lib/clients/kinds";
import type { OperatorChoice } from "@/lib/people/queries";

/**
 * "New Official Account" on a client's page: the type (only those the company's kind
 * may have, design.md §4.3: fixed once chosen), the operator (each with the slots their
 * ID has left; one with none, or under 18, is explained before submitting), a name and
 * the login e-mail. WeChat's newer caps (domain.md B2–B4: one account per individual
 * subject, two per credit code, one per login e-mail, five per mobile) are warnings the
 * server counts as the company, operator and e-mail change (the e-mail once typing
 * pauses); they never stop the account. A refusal by the database (another user took
 * the last slot meanwhile) names the accounts holding the slots, with a link to the person.
 */
export function NewAccountButton(props: { agencySlug: string; clientCompanyId: string; companyKind: CompanyKind; operators: OperatorChoice[] }) {
  const t = useTranslations("accountForm");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass.secondary} onClick={() => setOpen(true)}>
        <MessageSquarePlus aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {open && <NewAccountDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function NewAccountDialog({
  agencySlug,
  clientCompanyId,
  companyKind,
  operators,
  onClose,
}: {
  agencySlug: string;
  clientCompanyId: string;
  companyKind: CompanyKind;
  operators: OperatorChoice[];
  onClose: () => void;
}) {
  const t = useTranslations("accountForm");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const types = allowedAccountTypes[companyKind];
  const [accountType, setAccountType] = useState<string>(types[0]!);
  const [operatorId, setOperatorId] = useState(operators.find((o) => o.free !== 0 && o.adult)?.id ?? operators[0]?.id ?? "");
  const [name, setName] = useState("");
  const [loginEmail, setLoginEmail] = useState("");
  const warnings = useAccountWarnings(agencySlug, clientCompanyId, operatorId, loginEmail);
  const operator = operators.find((o) => o.id === operatorId);
  const blocked = operator ? operator.free === 0 || !operator.adult : true;
  const holders = (failure as CreateAccountFailure | null)?.holders;
  const error = (field: string) => {
    const key = fieldError(field);
    return key ? message(key) : undefined;
  };

  return (
    <Dialog title={t("title")} description={t("description")} onClose={onClose} busy={pending}>
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () =>
              createOfficialAccountAction(agencySlug, {
                clientCompanyId,
                accountType,
                operatorPersonId: operatorId,
                name: name || undefined,
                loginEmail: loginEmail || undefined,
              }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">{t("type")}</legend>
          <div className="flex flex-wrap gap-3">
            {types.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm">
                <input type="radio" name="accountType" value={type} checked={accountType === type} onChange={() => setAccountType(type)} />
                {t(`types.${type}`)}
              </label>
            ))}
          </div>
          <p className="mt-1.5 text-xs text-muted-foreground">{t(`typeHint.${companyKind}`)}</p>
        </fieldset>
        <Field label={t("operator")} error={error("operatorPersonId")}>
          {(ids) =>
            operators.length === 0 ? (
              <p id={ids.id} className="text-sm text-muted-foreground">
                {t("noOperators")}
              </p>
            ) : (
              <select
                id={ids.id}
                name="operatorPersonId"
                data-autofocus
                value={operatorId}
                onChange={(event) => setOperatorId(event.target.value)}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                className={inputClass}
              >
                {operators.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.free === null ? o.name : t("operatorOption", { name: o.name, free: o.free })}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
        {operator && operator.free === 0 && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
            {t("noSlotLeft", { name: operator.name })}{" "}
            <Link href={`/${agencySlug}/people/${operator.id}`} className="underline underline-offset-4">
              {t("seeAccounts")}
            </Link>
          </p>
        )}
        {operator && !operator.adult && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
            {t("underage", { name: operator.name })}
          </p>
        )}
        <Field label={t("name")} hint={t("nameHint")} error={error("name")}>
          {(ids) => (
            <input id={ids.id} name="name" value={name} onChange={(event) => setName(event.target.value)} aria-describedby={ids.describedBy} aria-invalid={ids.invalid} className={inputClass} />
          )}
        </Field>
        <Field label={t("loginEmail")} hint={t("loginEmailHint")} error={error("loginEmail")}>
          {(ids) => (
            <input
              id={ids.id}
              name="loginEmail"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={loginEmail}
              onChange={(event) => setLoginEmail(event.target.value)}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              className={inputClass}
            />
          )}
        </Field>
        <WarningsNote {...warnings} />
        {failure && !failure.fields && (
          <div role="alert" className="flex flex-col gap-2">
            <FormAlert>{message(failure.message)}</FormAlert>
            {holders && <HoldersList holders={holders} />}
            {holders && operator && (
              <Link href={`/${agencySlug}/people/${operator.id}`} className="text-sm underline underline-offset-4">
                {t("seeAccounts")}
              </Link>
            )}
          </div>
        )}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} disabled={blocked} />
      </form>
    </Dialog>
  );
}

/** How long typing in the login e-mail must pause before the server is asked again. */
const EMAIL_PAUSE_MS = 400;

type WarningsState = { preview: AccountWarningsPreview | null; failed: boolean };

/**
 * The warnings for the dialog's inputs, asked of the server when the operator changes
 * and when typing in the login e-mail pauses. An answer for inputs that have changed
 * since is dropped; until the next one comes, the last stays.
 */
function useAccountWarnings(agencySlug: string, clientCompanyId: string, operatorPersonId: string, loginEmail: string): WarningsState {
  const [email, setEmail] = useState(loginEmail.trim());
  const [state, setState] = useState<WarningsState>({ preview: null, failed: false });
  useEffect(() => {
    const timer = setTimeout(() => setEmail(loginEmail.trim()), EMAIL_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [loginEmail]);
  useEffect(() => {
    let current = true;
    previewAccountWarningsAction(agencySlug, { clientCompanyId, operatorPersonId: operatorPersonId || undefined, loginEmail: email || undefined }).then(
      (result) => {
        if (current) setState(result.ok ? { preview: result.data, failed: false } : { preview: null, failed: true });
      },
      () => {
        if (current) setState({ preview: null, failed: true });
      },
    );
    return () => {
      current = false;
    };
  }, [agencySlug, clientCompanyId, operatorPersonId, email]);
  return state;
}

/** The warnings as amber notes, each with its one-line why; a live region, as they come after the inputs change. */
function WarningsNote({ preview, failed }: WarningsState) {
  const t = useTranslations("accountForm");
  const warnings = preview?.warnings ?? [];
  return (
    <div aria-live="polite">
      {warnings.length > 0 && (
        <section aria-labelledby="account-warnings" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
          <h3 id="account-warnings" className="flex items-center gap-1.5 font-medium">
            <Info aria-hidden="true" className="size-4" />
            {t("warningsTitle")}
          </h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {warnings.map((warning) => (
              <li key={warning} data-warning={warning}>
                {t(`warnings.${warning}`, { cap: preview?.creditCodeCap ?? 2 })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {failed && <p className="text-xs text-muted-foreground">{t("warningsUnavailable")}</p>}
    </div>
  );
}
