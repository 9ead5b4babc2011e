"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { cancelDocumentRequestAction } from "@/app/(app)/[agency]/documents/actions";
import { Dialog } from "@/components/members/dialog";
import { DialogButtons, FormAlert, useCatalogue } from "@/components/members/form-controls";
import { useAction } from "@/components/members/use-action";
import { buttonClass } from "@/components/ui/button-styles";

/** Cancel on an open request, confirmed: the client stops seeing it as asked for. */
export function CancelRequestButton({ agencySlug, requestId, kinds }: { agencySlug: string; requestId: string; kinds: string }) {
  const t = useTranslations("documentsUi.cancelRequest");
  const say = useCatalogue();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, failure, run, formRef } = useAction();
  return (
    <>
      <button type="button" className={buttonClass.ghost} onClick={() => setOpen(true)} aria-label={t("openLabel", { kinds })}>
        {t("open")}
      </button>
      {open && (
        <Dialog title={t("title")} description={t("description", { kinds })} onClose={() => setOpen(false)} busy={pending}>
          <form
            ref={formRef}
            noValidate
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              run(
                () => cancelDocumentRequestAction(agencySlug, requestId),
                () => {
                  setOpen(false);
                  router.refresh();
                },
              );
            }}
          >
            {failure && <FormAlert>{say(failure.message)}</FormAlert>}
            <DialogButtons onCancel={() => setOpen(false)} pending={pending} submitLabel={t("submit")} destructive autoFocusCancel />
          </form>
        </Dialog>
      )}
    </>
  );
}
