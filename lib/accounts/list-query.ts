/**
 * The Official Accounts list's query (issue 6 §4), as the URL carries it: pure, so the
 * page, its filter form and lib/accounts/list.ts read it alike. Every field falls back
 * to "any" or the default when the URL holds something else.
 */
import { companyKinds } from "@/lib/clients/kinds";
import type { Stage } from "@/lib/registration/pipelines";
import { z } from "@/lib/validation/zod";
import { accountSorts, accountStages, accountStatuses, accountTypeFilters, verificationFilters } from "./list-options";

export * from "./list-options";

export const accountListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.enum(accountTypeFilters).optional().catch(undefined),
  kind: z.enum(companyKinds).optional().catch(undefined),
  stage: z.enum(accountStages as [Stage, ...Stage[]]).optional().catch(undefined),
  status: z.enum(accountStatuses).optional().catch(undefined),
  verification: z.enum(verificationFilters).optional().catch(undefined),
  sort: z.enum(accountSorts).default("created").catch("created"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  after: z.string().max(400).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
export type AccountListQuery = z.output<typeof accountListQuerySchema>;
