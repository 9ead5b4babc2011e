/**
 * The four registration pipelines of design.md §5: their stages in board order. The
 * database holds the same catalogue (pipeline_stages, filled by a migration), so a
 * card can never stand in a stage its pipeline does not have. Transitions, guards
 * and deadlines build on this in the pipelines issue.
 */

export const products = ["official_account", "wecom"] as const;
export type Product = (typeof products)[number];

/** Mainland Official Accounts, for organisations and individuals alike (design.md §5). */
const mainlandOfficialAccountStages = [
  "intake",
  "documents",
  "account_created",
  "email_verified",
  "type_chosen",
  "subject_submitted",
  "profile_submitted",
  "under_review",
  "registered",
] as const;

export const pipelineStages = {
  oa_cn_org: mainlandOfficialAccountStages,
  oa_cn_individual: mainlandOfficialAccountStages,
  oa_overseas: [
    "intake",
    "documents",
    "application_submitted",
    "awaiting_response",
    "credentials_received",
    "registered",
  ],
  wecom: [
    "intake",
    "admin_appointed",
    "documents",
    "corp_created",
    "verification_submitted",
    "verified",
    "backend_configured",
    "members_invited",
    "live",
  ],
} as const;

export type Pipeline = keyof typeof pipelineStages;
export const pipelines = Object.keys(pipelineStages) as Pipeline[];

/** Side states every pipeline has; a card leaving one goes back to the stage it left. */
export const sideStages = ["on_hold", "rejected", "abandoned"] as const;
export type SideStage = (typeof sideStages)[number];

export type Stage = (typeof pipelineStages)[Pipeline][number] | SideStage;
export const allStages = [...new Set([...Object.values(pipelineStages).flat(), ...sideStages])] as Stage[];

export const pipelineProduct: Record<Pipeline, Product> = {
  oa_cn_org: "official_account",
  oa_cn_individual: "official_account",
  oa_overseas: "official_account",
  wecom: "wecom",
};

/** Whether a card waits on someone, in any stage. */
export const waitingStates = ["none", "client", "wechat"] as const;
export type Waiting = (typeof waitingStates)[number];

/**
 * The stage whose entry needs the pipeline's required documents approved (design.md
 * §5): the subject check for Official Accounts, the application for overseas ones, the
 * verification for WeCom.
 */
export const guardStage: Record<Pipeline, Stage> = {
  oa_cn_org: "subject_submitted",
  oa_cn_individual: "subject_submitted",
  oa_overseas: "application_submitted",
  wecom: "verification_submitted",
};

/** The stages from which WeChat turns an application down (a card goes to `rejected` from there). */
export const rejectableStages: Record<Pipeline, readonly Stage[]> = {
  oa_cn_org: ["subject_submitted", "under_review"],
  oa_cn_individual: ["subject_submitted", "under_review"],
  oa_overseas: ["awaiting_response"],
  wecom: ["verification_submitted"],
};

/**
 * Each pipeline and stage as a small number, for registrations.pipeline_code and
 * stage_code (generated columns, 0021 migration): enum `=` is not leakproof, so under
 * row-level security no index could serve `pipeline = … and stage = …`; smallint `=`
 * can (ADR 0009). The board's columns are read through (agency_id, pipeline_code,
 * stage_code, due_at, id). Fixed numbers, never positions: a new stage gets a new one.
 */
export const pipelineCodes: Record<Pipeline, number> = {
  oa_cn_org: 1,
  oa_cn_individual: 2,
  oa_overseas: 3,
  wecom: 4,
};

export const stageCodes: Record<Stage, number> = {
  intake: 1,
  documents: 2,
  account_created: 3,
  email_verified: 4,
  type_chosen: 5,
  subject_submitted: 6,
  profile_submitted: 7,
  under_review: 8,
  registered: 9,
  application_submitted: 10,
  awaiting_response: 11,
  credentials_received: 12,
  admin_appointed: 13,
  corp_created: 14,
  verification_submitted: 15,
  verified: 16,
  backend_configured: 17,
  members_invited: 18,
  live: 19,
  on_hold: 91,
  rejected: 92,
  abandoned: 93,
};

/** `case <column> when '<value>' then <code> … end`: the SQL of a generated code column. */
export function codeCaseSql(column: string, codes: Record<string, number>): string {
  const arms = Object.entries(codes).map(([value, code]) => `when '${value}' then ${code}`);
  return `case ${column} ${arms.join(" ")} end`;
}
