/**
 * The people list's query (issue 6 §4), as the URL carries it: pure, so the page, its
 * filter form and lib/people/list.ts read it alike. Every field falls back to "any" or
 * the default when the URL holds something else.
 */
import { idTypes } from "@/lib/clients/kinds";
import { z } from "@/lib/validation/zod";
import { peopleSorts, slotFilters } from "./list-options";

export * from "./list-options";

export const peopleListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  company: z.uuid().optional().catch(undefined),
  idType: z.enum(idTypes).optional().catch(undefined),
  slots: z.enum(slotFilters).optional().catch(undefined),
  sort: z.enum(peopleSorts).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  after: z.string().max(400).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
export type PeopleListQuery = z.output<typeof peopleListQuerySchema>;
