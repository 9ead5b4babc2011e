"use client";

import { useTranslations } from "next-intl";
import { RotateCcw, TriangleExclamationPoint } from "@/components/plain-icons";
import { buttonClass } from "@/components/ui/button-styles";
import { UNAVAILABLE_DIGEST_PREFIX, unavailableServices, type UnavailableService } from "@/lib/errors";

/** Server errors reach the browser as a bare digest: enough for support to find the log line. */
function digestOf(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

/** The service a page's UNAVAILABLE error names in its digest (lib/errors.ts), if any. */
function unavailableOf(digest: string | undefined): UnavailableService | null {
  const service = digest?.startsWith(UNAVAILABLE_DIGEST_PREFIX) ? digest.slice(UNAVAILABLE_DIGEST_PREFIX.length) : null;
  return unavailableServices.find((candidate) => candidate === service) ?? null;
}

/**
 * What the error boundaries show. It is in every page's first load, so it imports neither
 * lucide-react nor next/link (components/plain-icons.tsx says why): the way home is a plain
 * link, a whole new page after an error.
 */
export function ErrorView({
  error,
  retry,
  homeHref,
}: {
  error: unknown;
  retry: () => void;
  homeHref: string;
}) {
  const t = useTranslations("errors");
  const digest = digestOf(error);
  // The database or the store down: say which, and that trying again shortly will do (no reference to quote).
  const unavailable = unavailableOf(digest);

  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-4 py-16 text-center">
      <span className="grid size-10 place-items-center rounded-lg border bg-muted text-muted-foreground">
        <TriangleExclamationPoint className="size-5" />
      </span>
      <h1 className="mt-4 text-lg font-semibold tracking-tight">{unavailable ? t("unavailable.title") : t("title")}</h1>
      <p className="mt-2 text-sm text-muted-foreground">{unavailable ? t(`unavailable.${unavailable}`) : t("body")}</p>
      {digest && !unavailable && (
        <p className="mt-3 font-mono text-xs text-muted-foreground">{t("reference", { digest })}</p>
      )}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {/* retry re-fetches the server components too; reset would only re-render the same error. */}
        <button type="button" onClick={retry} className={buttonClass.primary}>
          <RotateCcw className="size-4" />
          {t("tryAgain")}
        </button>
        <a href={homeHref} className={buttonClass.secondary}>
          {t("home")}
        </a>
      </div>
    </div>
  );
}
