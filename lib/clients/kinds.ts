/** Client company kinds and subject types (design.md §3, domain.md §2). */
export const companyKinds = ["cn_org", "cn_individual", "overseas"] as const;
export type CompanyKind = (typeof companyKinds)[number];

export const subjectTypes = [
  "enterprise",
  "individual_business",
  "government",
  "media",
  "other_org",
  "individual",
  "overseas_company",
] as const;
export type SubjectType = (typeof subjectTypes)[number];

export const idTypes = ["prc_resident_id", "passport", "hmt_permit", "other"] as const;
export type IdType = (typeof idTypes)[number];

export const personRoles = ["legal_representative", "operator", "contact"] as const;
export type PersonRole = (typeof personRoles)[number];

export const accountTypes = ["service", "subscription", "enterprise_legacy"] as const;
export type AccountType = (typeof accountTypes)[number];

export const verificationStatuses = ["none", "pending", "verified", "expired", "failed"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
