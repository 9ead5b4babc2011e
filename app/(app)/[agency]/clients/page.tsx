import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientsView } from "@/components/clients/clients-view";
import { listClients } from "@/lib/clients/list";
import { savedViewHref } from "@/lib/saved-views/schemas";
import { listSavedViews } from "@/lib/saved-views/service";
import { requireSection } from "../require-section";
import { ClientsPageBody } from "./clients-page-body";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.clients");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The clients list (issue 6 §4): search, filters, server-side sort and keyset pages,
 * every part of the view in the URL. Every staff-side role reads it; those with
 * client:update select rows for the bulk actions, those with export:csv download it.
 */
export default async function ClientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: SearchParams;
}) {
  const membership = await requireSection((await params).agency, "clients");
  const query = await searchParams;
  const view = clientsView.parse(query);
  const { slug } = membership.agency;
  const savedViewsRead = listSavedViews(membership, "clients");
  // A plain visit opens the member's default view; the menu's "All clients" (?view=all) is the list unfiltered.
  if (Object.keys(query).length === 0) {
    const fallback = (await savedViewsRead).find((saved) => saved.isDefault && saved.query);
    if (fallback) redirect(savedViewHref(slug, "clients", fallback.query));
  }
  const [{ page, assignees }, savedViews] = await Promise.all([listClients(membership, view), savedViewsRead]);
  return <ClientsPageBody membership={membership} query={query} view={view} page={page} assignees={assignees} savedViews={savedViews} />;
}
