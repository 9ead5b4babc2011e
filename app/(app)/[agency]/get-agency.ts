import "server-only";
import { notFound } from "next/navigation";
import { getAgencyBySlug } from "@/lib/agencies/queries";

/** The agency named in the URL, for the layout and its pages; an unknown slug is a 404. */
export async function getAgency(slug: string) {
  const agency = await getAgencyBySlug(slug);
  if (!agency) notFound();
  return agency;
}
