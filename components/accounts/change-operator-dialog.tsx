"use client";

import { ArrowLeftRight } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HoldersList } from "@/components/accounts/holders-list";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { changeOperatorAction, type CreateAccountFailure } from "@/app/(app)/[agency]/accounts/actions";
import type { OperatorChoice } from "@/lib/people/queries";

export type OperatorChangeAccount = {
  officialAccountId: string;
  /** The account's name, or the "not named yet" label. */
  name: string;
  version: number;
  /** Abandoned and rejected accounts hold no slot: none moves. */
  holdsSlot: boolean;
  operator: { id: string; name: string } | null;
};

/**
 * "Change operator" (换绑) on one Official Account of the client page: another of the
 * company's people takes it over. Before submitting, the dialog says that the account's
 * slot moves to the new operator's resident ID, and explains a choice that would be
 * refused (no slot left on that ID, under 18). If the database refuses anyway (another
 * user took the last slot meanwhile), it names and links the accounts holding the slots.
 */
export function ChangeOperatorButton(props: { agencySlug: string; account: OperatorChangeAccount; choices: OperatorChoice[] }) {
  const t = useTranslations("operatorChange");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass.ghost}
        onClick={() => setOpen(true)}
        aria-label={t("openLabel", { name: props.account.name })}
      >
        <ArrowLeftRight aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {/* The button sits in a right-aligned, unwrapped table cell: the dialog must not inherit that. */}
      {open && (
        <div className="text-left font-normal whitespace-normal">
          <ChangeOperatorDialog {...props} onClose={() => setOpen(false)} />
        </div>
      )}
    </>
  );
}

function ChangeOperatorDialog({
  agencySlug,
  account,
  choices,
  onClose,
}: {
  agencySlug: string;
  account: OperatorChangeAccount;
  choices: OperatorChoice[];
  onClose: () => void;
}) {
  const t = useTranslations("operatorChange");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const others = choices.filter((choice) => choice.id !== account.operator?.id);
  const fits = (choice: OperatorChoice) => choice.adult && (!account.holdsSlot || choice.free !== 0);
  const [operatorId, setOperatorId] = useState(others.find(fits)?.id ?? others[0]?.id ?? "");
  const operator = others.find((choice) => choice.id === operatorId);
  const full = !!operator && account.holdsSlot && operator.free === 0;
  const blocked = !operator || full || !operator.adult;
  const holders = (failure as CreateAccountFailure | null)?.holders;
  const personHref = operator ? `/${agencySlug}/people/${operator.id}` : undefined;
  const fieldMessage = fieldError("operatorPersonId");
  // Refused because the page was out of date (the ID filled, the card moved meanwhile): read it
  // again, so the choices show the slots as they are and a retry sends the current version.
  useEffect(() => {
    if (failure?.code === "ID_CAP_REACHED" || failure?.code === "STALE_VERSION") router.refresh();
  }, [failure, router]);

  return (
    <Dialog title={t("title")} description={t("description", { name: account.name })} onClose={onClose} busy={pending}>
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () => changeOperatorAction(agencySlug, { officialAccountId: account.officialAccountId, version: account.version, operatorPersonId: operatorId }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <dl className="text-sm">
          <dt className="font-medium">{t("current")}</dt>
          <dd className="mt-0.5 text-muted-foreground">{account.operator?.name ?? t("noCurrent")}</dd>
        </dl>
        <Field label={t("newOperator")} hint={t("rules")} error={fieldMessage ? message(fieldMessage) : undefined}>
          {(ids) =>
            others.length === 0 ? (
              <p id={ids.id} className="text-sm text-muted-foreground">
                {t("noOthers")}
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
                {others.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.free === null ? choice.name : t("option", { name: choice.name, free: choice.free })}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
        {operator && !full && operator.adult && (
          <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm" data-testid="slot-moves">
            {account.holdsSlot && account.operator
              ? t("slotMoves", { from: account.operator.name, to: operator.name })
              : t("noSlotMoves")}
          </p>
        )}
        {full && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
            {t("noSlotLeft", { name: operator.name })}{" "}
            <Link href={personHref!} className="underline underline-offset-4">
              {t("seeAccounts")}
            </Link>
          </p>
        )}
        {operator && !operator.adult && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
            {t("underage", { name: operator.name })}
          </p>
        )}
        {failure && !failure.fields && (
          <div role="alert" className="flex flex-col gap-2">
            <FormAlert>{message(failure.message)}</FormAlert>
            {holders && <HoldersList holders={holders} href={personHref} />}
          </div>
        )}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} disabled={blocked} />
      </form>
    </Dialog>
  );
}
