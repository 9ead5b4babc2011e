import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientsView } from "@/components/clients/clients-view";
import { clientsPageFromMemory } from "@/lib/clients/from-memory";
import { env } from "@/lib/env";
import { requireSection } from "../../require-section";
import { ClientsPageBody } from "../clients-page-body";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.clients");
  return { title: t("title") };
}

/**
 * npm run bench's floor page (design.md §8): the clients list exactly as page.tsx renders
 * it, behind the same sign-in, membership and section checks, but with its page data
 * (rows, count, assignees, saved views) read once and then kept in memory. The bench
 * compares the real list's latency with this one's. Served only with BENCH_ROUTES=1;
 * otherwise, as for any unknown path, 404.
 */
export default async function ClientsFromMemoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!env().BENCH_ROUTES) notFound();
  const membership = await requireSection((await params).agency, "clients");
  const query = await searchParams;
  const view = clientsView.parse(query);
  const data = await clientsPageFromMemory(membership, view, clientsView.searchParams(view).toString());
  return <ClientsPageBody membership={membership} query={query} view={view} {...data} />;
}
