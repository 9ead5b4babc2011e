"use client";

import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { createPersonAction } from "@/app/(app)/[agency]/people/actions";
import { personRoles, type PersonRole } from "@/lib/clients/kinds";

/**
 * "Add a person" on a client's page: name, resident ID number, mobile and their role at
 * the company. The ID number is checked on the server (province, birth date, check
 * character) and stored encrypted; the page then shows only its mask.
 */
export function AddPersonButton({ agencySlug, clientCompanyId }: { agencySlug: string; clientCompanyId: string }) {
  const t = useTranslations("personForm");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass.secondary} onClick={() => setOpen(true)}>
        <UserPlus aria-hidden="true" className="size-4" />
        {t("open")}
      </button>
      {open && <AddPersonDialog agencySlug={agencySlug} clientCompanyId={clientCompanyId} onClose={() => setOpen(false)} />}
    </>
  );
}

function AddPersonDialog({ agencySlug, clientCompanyId, onClose }: { agencySlug: string; clientCompanyId: string; onClose: () => void }) {
  const t = useTranslations("personForm");
  const tRoles = useTranslations("peoplePages.roles");
  const message = useCatalogue();
  const router = useRouter();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [values, setValues] = useState({ name: "", idNumber: "", mobile: "", role: "operator" as PersonRole });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));
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
              createPersonAction(agencySlug, {
                name: values.name,
                idType: "prc_resident_id",
                idNumber: values.idNumber,
                mobile: values.mobile,
                clientCompanyId,
                role: values.role,
              }),
            () => {
              onClose();
              router.refresh();
            },
          );
        }}
      >
        <Field label={t("name")} error={error("name")}>
          {(ids) => (
            <input id={ids.id} name="name" data-autofocus value={values.name} onChange={set("name")} aria-describedby={ids.describedBy} aria-invalid={ids.invalid} className={inputClass} />
          )}
        </Field>
        <Field label={t("idNumber")} hint={t("idNumberHint")} error={error("idNumber")}>
          {(ids) => (
            <input
              id={ids.id}
              name="idNumber"
              autoComplete="off"
              spellCheck={false}
              value={values.idNumber}
              onChange={set("idNumber")}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <Field label={t("mobile")} error={error("mobile")}>
          {(ids) => (
            <input id={ids.id} name="mobile" type="tel" autoComplete="off" value={values.mobile} onChange={set("mobile")} aria-describedby={ids.describedBy} aria-invalid={ids.invalid} className={inputClass} />
          )}
        </Field>
        <Field label={t("role")} error={error("role")}>
          {(ids) => (
            <select id={ids.id} name="role" value={values.role} onChange={set("role")} aria-describedby={ids.describedBy} className={inputClass}>
              {personRoles.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {failure && !failure.fields && <FormAlert>{message(failure.message)}</FormAlert>}
        <DialogButtons onCancel={onClose} pending={pending} submitLabel={t("submit")} />
      </form>
    </Dialog>
  );
}
