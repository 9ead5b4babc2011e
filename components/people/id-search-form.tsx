"use client";

import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field, FormAlert, inputClass, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";
import { findPersonByIdNumberAction } from "@/app/(app)/[agency]/people/actions";

/**
 * Exact search by full ID number. The number goes in a POST body (a server action),
 * never in the URL: the address bar, history and server logs never see it. A match
 * opens the person's page.
 */
export function IdSearchForm({ agencySlug }: { agencySlug: string }) {
  const t = useTranslations("peoplePages.idSearch");
  const message = useCatalogue();
  const { pending, failure, run, formRef, fieldError } = useAction();
  const [idNumber, setIdNumber] = useState("");
  const error = fieldError("idNumber");

  return (
    <form
      ref={formRef}
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => findPersonByIdNumberAction(agencySlug, { idNumber }), () => undefined);
      }}
    >
      <div className="w-72 max-w-full">
        <Field label={t("label")} hint={error ? undefined : t("hint")} error={error ? message(error) : undefined}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="idNumber"
              autoComplete="off"
              spellCheck={false}
              inputMode="text"
              value={idNumber}
              onChange={(event) => setIdNumber(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
      </div>
      <button type="submit" className={`${buttonClass.secondary} mb-[1.6rem]`} disabled={pending || idNumber.trim() === ""}>
        <Search aria-hidden="true" className="size-4" />
        {t("submit")}
      </button>
      {failure && !failure.fields && (
        <div className="basis-full">
          <FormAlert>{message(failure.message)}</FormAlert>
        </div>
      )}
    </form>
  );
}
