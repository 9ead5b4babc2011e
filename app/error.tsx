"use client";

import { ErrorView } from "@/components/error-view";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" tabIndex={-1} className="min-h-dvh outline-none">
      <ErrorView error={error} retry={retry} homeHref="/" />
    </main>
  );
}
