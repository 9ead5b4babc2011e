/**
 * The Official Accounts list's sorts and filter values (lib/accounts/list-query.ts), without
 * zod for the list's client components (docs/decisions/0022-first-load-js.md); list-query.ts
 * re-exports them.
 */
import { pipelineStages, sideStages, type Stage } from "@/lib/registration/pipelines";

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
