"use client";

/**
 * Uploading one document from the browser (design.md §6), for the portal and the staff
 * app alike: choose a file (the input asks for JPEG or PDF, so phones hand HEIC photos
 * over as JPEG), check it here first (lib/documents/client-image.ts: as it is, a JPEG
 * copy under 2 MiB with the user's consent, or refused saying why), then the intent
 * (the caller's server action, with an Idempotency-Key made once per chosen file), the
 * multipart POST straight to the store with a progress bar, and complete. A failed
 * network step may be tried again with the same key: the server answers the same intent.
 */
import { CircleAlert, CircleCheck, FileUp, LoaderCircle, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useCatalogue } from "@/components/members/form-controls";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";
import { IMAGE_LIMIT_MB, megabytes, PDF_LIMIT_MB, planFile, UPLOAD_ACCEPT, type ClientRefusal } from "@/lib/documents/client-image";
import type { DocumentKind } from "@/lib/documents/kinds";
import { personDocumentKinds } from "@/lib/documents/kinds";
import type { UploadType } from "@/lib/documents/upload-schemas";
import { reencodeAsJpeg } from "./reencode-image";

/** The intent's body, as lib/documents/upload-schemas.ts takes it. */
export type UploadIntentRequest = {
  companyId: string;
  kind: DocumentKind;
  requestId?: string;
  personId?: string;
  documentId?: string;
  registrationIds?: string[];
  fileName: string;
  contentType: UploadType;
  size: number;
};
/** What the intent action answers: its id and, while pending, where to POST the file. */
export type UploadIntentAnswer = { id: string; upload: { url: string; fields: Record<string, string> } | null };
export type CreateIntent = (input: UploadIntentRequest, idempotencyKey: string) => Promise<ActionResult<UploadIntentAnswer>>;
export type CompleteUpload = (intentId: string) => Promise<ActionResult<{ documentId: string; versionId: string }>>;

type Target = { companyId: string; kind: DocumentKind; requestId?: string; registrationIds?: string[] };

type State =
  | { step: "idle" }
  | { step: "consent"; file: File; because: "tooLarge" | "format"; key: string }
  | { step: "preparing" }
  | { step: "uploading"; fileName: string; percent: number }
  | { step: "checking"; fileName: string }
  | { step: "done"; fileName: string }
  /** `message` a catalogue key; `retry` the same file and key again (network failures only). */
  | { step: "failed"; message: string; retry: { file: File; key: string } | null };

const bigButton =
  "inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-5 text-base font-medium transition-colors disabled:pointer-events-none disabled:opacity-50";
const primary = `${bigButton} bg-primary text-primary-foreground hover:bg-primary/90`;
const secondary = `${bigButton} border bg-background hover:bg-accent`;

const NETWORK_FAILURE = "portal.upload.failed.network";

/** The key of a refusal's message: a field's own when the action named one, else the form's. */
function messageOf(result: Extract<ActionResult<unknown>, { ok: false }>): string {
  const field = result.fields ? Object.values(result.fields)[0] : undefined;
  return field ?? result.message;
}

/** POSTs the presigned form (its fields, then the file last) and reports progress 0–100. */
function postToStore(upload: { url: string; fields: Record<string, string> }, file: File, onProgress: (percent: number) => void) {
  return new Promise<"ok" | "network" | "refused">((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => resolve(xhr.status >= 200 && xhr.status < 300 ? "ok" : "refused");
    xhr.onerror = () => resolve("network");
    xhr.ontimeout = () => resolve("network");
    xhr.onabort = () => resolve("network");
    xhr.send(form);
  });
}

export function UploadField({
  target,
  label,
  people,
  existing = [],
  noPeople,
  createIntent,
  complete,
}: {
  target: Target;
  /** The button's words, e.g. "Upload the business licence". */
  label: string;
  /** For ID photos: the people of the company one of whom the photo shows. */
  people?: { id: string; name: string }[];
  /** Documents of this kind already there (per person for ID photos): a new file becomes their next version. */
  existing?: { documentId: string; personId: string | null }[];
  /** What to say when the company has no people yet (the portal's words, unless the staff app's are given). */
  noPeople?: string;
  createIntent: CreateIntent;
  complete: CompleteUpload;
}) {
  const t = useTranslations("portal.upload");
  const say = useCatalogue();
  const format = useFormatter();
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const ids = useId();
  const isPersonKind = (personDocumentKinds as readonly string[]).includes(target.kind);
  const [personId, setPersonId] = useState(people?.length === 1 ? people[0]!.id : "");
  const [personMissing, setPersonMissing] = useState(false);
  const [state, setState] = useState<State>({ step: "idle" });
  const busy = state.step === "preparing" || state.step === "uploading" || state.step === "checking";

  function refuse(reason: ClientRefusal) {
    setState({ step: "failed", message: `portal.upload.refused.${reason}`, retry: null });
  }

  /** Intent → POST → complete, for a file that is within the limits. */
  async function send(file: File, contentType: UploadType, key: string) {
    const existingDocument = existing.find((document) => document.personId === (isPersonKind ? personId : null));
    const input: UploadIntentRequest = {
      ...target,
      ...(isPersonKind ? { personId } : {}),
      ...(existingDocument ? { documentId: existingDocument.documentId } : {}),
      fileName: file.name,
      contentType,
      size: file.size,
    };
    const failedNetwork = () => setState({ step: "failed", message: NETWORK_FAILURE, retry: { file, key } });
    setState({ step: "uploading", fileName: file.name, percent: 0 });
    try {
      const intent = await createIntent(input, key);
      if (!intent.ok) {
        const retryable = intent.code === "UNAVAILABLE" || intent.code === "INTERNAL";
        return setState({ step: "failed", message: messageOf(intent), retry: retryable ? { file, key } : null });
      }
      // Null once the same key's intent was completed (a retry after the POST got through).
      if (intent.data.upload) {
        const posted = await postToStore(intent.data.upload, file, (percent) =>
          setState({ step: "uploading", fileName: file.name, percent }),
        );
        if (posted === "network") return failedNetwork();
        if (posted === "refused") return setState({ step: "failed", message: "portal.upload.failed.storage", retry: { file, key } });
      }
      setState({ step: "checking", fileName: file.name });
      const done = await complete(intent.data.id);
      if (!done.ok) {
        const retryable = done.code === "UNAVAILABLE" || done.code === "INTERNAL";
        return setState({ step: "failed", message: messageOf(done), retry: retryable ? { file, key } : null });
      }
      setState({ step: "done", fileName: file.name });
      router.refresh();
    } catch {
      // The action could not be reached (offline, server restarting).
      failedNetwork();
    }
  }

  function onChosen(file: File | undefined) {
    if (inputRef.current) inputRef.current.value = "";
    if (!file) return;
    // One key per chosen file: a retry of the same file is the same upload.
    const key = crypto.randomUUID();
    const plan = planFile(file);
    if (plan.action === "refuse") return refuse(plan.reason);
    if (plan.action === "reencode") return setState({ step: "consent", file, because: plan.because, key });
    void send(file, plan.contentType, key);
  }

  async function onConsent(file: File, key: string) {
    setState({ step: "preparing" });
    const copy = await reencodeAsJpeg(file);
    if ("failed" in copy) return refuse(copy.failed);
    void send(copy.file, "image/jpeg", key);
  }

  function onChoose() {
    if (isPersonKind && !personId) {
      setPersonMissing(true);
      selectRef.current?.focus();
      return;
    }
    inputRef.current?.click();
  }

  const statusId = `${ids}-status`;

  return (
    <div className="flex flex-col gap-3">
      {isPersonKind && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${ids}-person`} className="text-sm font-medium">
            {t("person")}
          </label>
          {people && people.length > 0 ? (
            <select
              ref={selectRef}
              id={`${ids}-person`}
              value={personId}
              disabled={busy}
              aria-invalid={personMissing && !personId ? true : undefined}
              aria-describedby={personMissing && !personId ? `${ids}-person-error` : undefined}
              onChange={(event) => {
                setPersonId(event.target.value);
                setPersonMissing(false);
              }}
              className="min-h-12 rounded-lg border bg-background px-3 text-base"
            >
              <option value="">{t("personPlaceholder")}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          ) : (
            <p className="text-sm text-muted-foreground">{noPeople ?? t("noPeople")}</p>
          )}
          {personMissing && !personId && (
            <p id={`${ids}-person-error`} className="text-sm text-destructive">
              {t("personMissing")}
            </p>
          )}
        </div>
      )}

      <input
        ref={inputRef}
        type="file"
        accept={UPLOAD_ACCEPT}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => onChosen(event.target.files?.[0])}
      />

      {state.step === "consent" ? (
        <div className="flex flex-col gap-3 rounded-lg border border-primary/30 bg-primary/5 p-4" role="group" aria-labelledby={`${ids}-consent`}>
          <p id={`${ids}-consent`} className="leading-6">
            {state.because === "tooLarge"
              ? t("consent.tooLarge", { size: megabytes(state.file.size), limit: IMAGE_LIMIT_MB })
              : t("consent.format", { limit: IMAGE_LIMIT_MB })}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <button type="button" className={primary} onClick={() => void onConsent(state.file, state.key)}>
              {t("consent.accept")}
            </button>
            <button type="button" className={secondary} onClick={() => setState({ step: "idle" })}>
              {t("consent.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <button
            type="button"
            className={primary}
            disabled={busy || (isPersonKind && (!people || people.length === 0))}
            aria-describedby={`${ids}-hint`}
            onClick={onChoose}
          >
            {busy ? (
              <LoaderCircle aria-hidden="true" className="size-5 animate-spin motion-reduce:animate-none" />
            ) : (
              <FileUp aria-hidden="true" className="size-5" />
            )}
            {state.step === "done" || state.step === "failed" ? t("chooseAnother") : label}
          </button>
          {state.step === "failed" && state.retry && (
            <button
              type="button"
              className={secondary}
              onClick={() => {
                const { file, key } = state.retry!;
                // Anything that needed a copy was copied already: the file is within the limits.
                const plan = planFile(file);
                if (plan.action === "upload") void send(file, plan.contentType, key);
              }}
            >
              <RotateCcw aria-hidden="true" className="size-5" />
              {t("retry")}
            </button>
          )}
        </div>
      )}
      <p id={`${ids}-hint`} className="text-sm text-muted-foreground">
        {t("hint", { image: IMAGE_LIMIT_MB, pdf: PDF_LIMIT_MB })}
      </p>

      <div id={statusId} role="status" aria-live="polite" className="empty:hidden">
        {state.step === "preparing" && <p className="text-sm">{t("preparing")}</p>}
        {(state.step === "uploading" || state.step === "checking") && (
          <div className="flex flex-col gap-1.5">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="min-w-0 truncate">
                {state.step === "uploading" ? t("uploading", { name: state.fileName }) : t("checking")}
              </span>
              <span className="shrink-0 tabular-nums">
                {format.number((state.step === "uploading" ? state.percent : 100) / 100, { style: "percent" })}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={t("progressLabel")}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={state.step === "uploading" ? state.percent : 100}
              className="h-3 w-full overflow-hidden rounded-full bg-muted"
            >
              <div
                className="h-full rounded-full bg-primary transition-[width] duration-200 motion-reduce:transition-none"
                style={{ width: `${state.step === "uploading" ? state.percent : 100}%` }}
              />
            </div>
          </div>
        )}
        {state.step === "done" && (
          <p className="flex items-start gap-2 text-sm font-medium">
            <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
            {t("done", { name: state.fileName })}
          </p>
        )}
      </div>
      {state.step === "failed" && (
        <p role="alert" className={cn("flex items-start gap-2 text-sm text-destructive")}>
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {say(state.message)}
        </p>
      )}
    </div>
  );
}
