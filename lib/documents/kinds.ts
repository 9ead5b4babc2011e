/** Document kinds and the sets each pipeline requires (design.md §6). */
import type { Pipeline } from "@/lib/registration/pipelines";

export const documentKinds = [
  "business_licence",
  "org_code_certificate",
  "id_card_front",
  "id_card_back",
  "id_holding_photo",
  "authorisation_letter",
  "verification_letter",
  "certificate_of_incorporation",
  "application",
  "contact_proof",
  "business_card",
  "logo",
  "other",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Kinds that belong to a person (ID photos) rather than to the company. */
export const personDocumentKinds = ["id_card_front", "id_card_back", "id_holding_photo"] as const;

export const requiredDocuments: Record<Pipeline, readonly DocumentKind[]> = {
  oa_cn_org: ["business_licence", "id_holding_photo", "authorisation_letter"],
  oa_cn_individual: ["id_holding_photo"],
  oa_overseas: ["certificate_of_incorporation", "authorisation_letter", "contact_proof"],
  wecom: ["business_licence", "verification_letter"],
};

/**
 * A document's life: asked for, uploaded (a version waits for review), reviewed; expired
 * past its expiry date; quarantined when its current version's bytes in the store no
 * longer match what was uploaded (size or ETag changed behind the app's back).
 */
export const documentStatuses = ["requested", "uploaded", "approved", "rejected", "expired", "quarantined"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const MAX_IMAGE_BYTES = 2_097_152; // 2 MiB
export const MAX_PDF_BYTES = 20_971_520; // 20 MiB
