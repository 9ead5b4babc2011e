/**
 * The Official Accounts list's query (issue 6 §4), as the URL carries it: pure, so the
 * page, its filter form and lib/accounts/list.ts read it alike. Every field falls back
 * to "any" or the default when the URL holds something else.
 */
import { companyKinds } from "@/lib/clients/kinds";
import { pipelineStages, sideStages, type Stage } from "@/lib/registration/pipelines";
import { z } from "@/lib/validation/zod";

export const accountSorts = ["name", "created", "expires"] as const;
export type AccountSort = (typeof accountSorts)[number];

export const accountTypeFilters = ["service", "subscription"] as const;

/** Where an account stands: in progress or registered, or given up on by us or by WeChat. */
export const accountStatuses = ["active", "abandoned", "rejected"] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export const verificationStatuses = ["none", "pending", "verified", "expired", "failed"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
/** Verified, and the verification ends within this many days. */
export const EXPIRING_DAYS = 30;
export const verificationFilters = [...verificationStatuses, "expiring"] as const;

/** The stages an Official Account's card can be in: the three pipelines in board order, then the side states. */
export const accountStages: Stage[] = [
  ...new Set<Stage>([...pipelineStages.oa_cn_org, ...pipelineStages.oa_cn_individual, ...pipelineStages.oa_overseas, ...sideStages]),
];

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
