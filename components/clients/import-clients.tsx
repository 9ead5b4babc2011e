"use client";

/**
 * Importing clients from CSV (issue 6 §7), in three steps on one page: choose a file and
 * have it checked; read the preview (every row, each error in its cell) and choose how
 * to import; see what was added. The file stays in the browser between the steps and is
 * sent again to import, so the server keeps nothing and checks every row once more.
 */
import { Download, FileUp, LoaderCircle, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState, useTransition } from "react";
import {
  importClientsAction,
  previewClientImportAction,
  type ImportActionFailure,
} from "@/app/(app)/[agency]/clients/import/actions";
import { FormAlert } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { CompanyImportPreview, CompanyImportResult, ImportMode } from "@/lib/clients/import";
import { ImportPreview } from "./import-preview";

type Step =
  | { kind: "choose" }
  | { kind: "preview"; file: File; preview: CompanyImportPreview }
  | { kind: "done"; result: CompanyImportResult };

const UNAVAILABLE: ImportActionFailure = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };

export function ImportClients({ agencySlug, maxBytes, maxRows }: { agencySlug: string; maxBytes: number; maxRows: number }) {
  const t = useTranslations("clientImport");
  const tAll = useTranslations();
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [failure, setFailure] = useState<ImportActionFailure | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<ImportMode | "preview" | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const sizeMb = maxBytes / 1024 / 1024;

  /** A refusal's message in the reader's language, with its values ("near line 12"). */
  const message = (refusal: ImportActionFailure) => {
    const key = refusal.message as never;
    return tAll.has(key) ? tAll(key, refusal.params as never) : tAll("errors.codes.INTERNAL");
  };

  function send<T>(kind: ImportMode | "preview", call: () => Promise<{ ok: true; data: T } | ImportActionFailure>, done: (data: T) => void) {
    setFailure(null);
    setRunning(kind);
    startTransition(async () => {
      let result: { ok: true; data: T } | ImportActionFailure;
      try {
        result = await call();
      } catch {
        result = UNAVAILABLE;
      }
      setRunning(null);
      if (result.ok) done(result.data);
      else setFailure(result);
    });
  }

  function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const file = inputRef.current?.files?.[0];
    if (!file) return setFailure({ ok: false, code: "VALIDATION", message: "clientImport.errors.noFile" });
    // Said here rather than after sending megabytes the server would refuse.
    if (file.size > maxBytes) {
      return setFailure({ ok: false, code: "VALIDATION", message: "clientImport.errors.tooLarge", params: { max: sizeMb } });
    }
    const form = new FormData();
    form.set("file", file);
    send("preview", () => previewClientImportAction(agencySlug, form), (preview) => setStep({ kind: "preview", file, preview }));
  }

  function onImport(mode: ImportMode) {
    if (step.kind !== "preview" || pending) return;
    const form = new FormData();
    form.set("file", step.file);
    form.set("mode", mode);
    send(mode, () => importClientsAction(agencySlug, form), (result) => setStep({ kind: "done", result }));
  }

  function startOver() {
    setStep({ kind: "choose" });
    setFailure(null);
  }

  const spinner = <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />;

  if (step.kind === "done") {
    const { result } = step;
    return (
      <section aria-labelledby={`${inputId}-done`} className="max-w-2xl rounded-lg border p-5">
        <h2 id={`${inputId}-done`} className="text-base font-semibold">
          {t("result.title")}
        </h2>
        <p role="status" className="mt-2 text-sm">
          {t("result.created", { count: result.created })}
        </p>
        {result.existing + result.repeated + result.invalid > 0 && (
          <p className="mt-1 text-sm text-muted-foreground">{t("result.skipped", { ...result })}</p>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href={`/${agencySlug}/clients`} className={buttonClass.primary}>
            {t("result.back")}
          </Link>
          <button type="button" onClick={startOver} className={buttonClass.secondary}>
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("result.again")}
          </button>
        </div>
      </section>
    );
  }

  if (step.kind === "preview") {
    const { preview, file } = step;
    const { valid } = preview.summary;
    return (
      <div className="flex flex-col gap-4">
        <ImportPreview agencySlug={agencySlug} fileName={file.name} preview={preview} />
        {failure && <FormAlert>{message(failure)}</FormAlert>}
        <div className="flex flex-col gap-3 rounded-lg border bg-muted/40 p-4 sm:flex-row sm:items-start">
          <div className="flex-1">
            <button
              type="button"
              onClick={() => onImport("valid-only")}
              disabled={pending || valid === 0}
              aria-describedby={`${inputId}-valid-hint`}
              className={buttonClass.primary}
            >
              {running === "valid-only" && spinner}
              {running === "valid-only" ? t("actions.importing") : t("actions.importValid", { count: valid })}
            </button>
            <p id={`${inputId}-valid-hint`} className="mt-1.5 text-xs text-muted-foreground">
              {t("actions.importValidHint")}
            </p>
          </div>
          <div className="flex-1">
            <button
              type="button"
              onClick={() => onImport("all-or-nothing")}
              disabled={pending || valid === 0}
              aria-describedby={`${inputId}-all-hint`}
              className={buttonClass.secondary}
            >
              {running === "all-or-nothing" && spinner}
              {running === "all-or-nothing" ? t("actions.importing") : t("actions.importAll")}
            </button>
            <p id={`${inputId}-all-hint`} className="mt-1.5 text-xs text-muted-foreground">
              {t("actions.importAllHint")}
            </p>
          </div>
          <button type="button" onClick={startOver} disabled={pending} className={buttonClass.ghost}>
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("file.another")}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="grid max-w-4xl gap-6 lg:grid-cols-[1fr_18rem]">
      <form noValidate onSubmit={onCheck} className="flex flex-col gap-4 self-start rounded-lg border p-5">
        <div>
          <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium">
            {t("file.label")}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={hintId}
            aria-invalid={failure ? true : undefined}
            onChange={() => setFailure(null)}
            className={cn(
              "block w-full rounded-md border border-input bg-background text-sm text-muted-foreground shadow-xs",
              "file:mr-3 file:h-9 file:border-0 file:border-r file:border-input file:bg-muted file:px-3 file:text-sm file:font-medium file:text-foreground",
              "aria-[invalid=true]:border-destructive",
            )}
          />
          <p id={hintId} className="mt-1.5 text-xs text-muted-foreground">
            {t("file.hint", { size: sizeMb, rows: maxRows })}
          </p>
        </div>
        {failure && <FormAlert>{message(failure)}</FormAlert>}
        <div>
          <button type="submit" disabled={pending} className={buttonClass.primary}>
            {running === "preview" ? spinner : <FileUp aria-hidden="true" className="size-4" />}
            {running === "preview" ? t("file.checking") : t("file.check")}
          </button>
        </div>
      </form>
      <aside aria-labelledby={`${inputId}-template`} className="self-start rounded-lg border bg-muted/40 p-5 text-sm">
        <h2 id={`${inputId}-template`} className="font-semibold">
          {t("template.title")}
        </h2>
        <p className="mt-2 text-muted-foreground">{t("template.body")}</p>
        <p className="mt-2 text-muted-foreground">{t("template.kinds")}</p>
        <a href={`/${agencySlug}/clients/import/template`} download className={cn(buttonClass.secondary, "mt-4")}>
          <Download aria-hidden="true" className="size-4" />
          {t("template.download")}
        </a>
      </aside>
    </div>
  );
}
