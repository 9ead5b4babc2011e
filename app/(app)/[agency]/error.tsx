"use client";

import { useParams } from "next/navigation";
import { ErrorView } from "@/components/error-view";

export default function AgencyError({ error, retry }: { error: unknown; retry: () => void }) {
  const { agency } = useParams<{ agency: string }>();
  return <ErrorView error={error} retry={retry} homeHref={`/${agency}`} />;
}
