/**
 * What the document services answer (issue 8): requests with their comment threads,
 * documents with their versions and reviews, the review queue, download links and the
 * storage reconciliation's reports. DTOs only (dates as ISO strings, calendar dates as
 * "YYYY-MM-DD"): the pages, the portal and the JSON API all read these. Pure: no server
 * imports.
 */
import type { DocumentKind, DocumentStatus } from "./kinds";
import type { UploadType } from "./upload-schemas";

/** Who wrote or uploaded something: staff of the agency, or the client's administrator. */
export type DocumentPerson = { id: string; name: string; side: "staff" | "client" };

export type DocumentReviewDto = {
  decision: "approve" | "reject";
  /** Required for a rejection; what the client is shown. */
  reason: string | null;
  reviewer: DocumentPerson | null;
  at: string;
};

export type QuarantineReason = "size_mismatch" | "etag_mismatch" | "missing";

export type DocumentVersionDto = {
  id: string;
  /** 1 for the first upload, then 2, 3…: nothing is overwritten. */
  number: number;
  sizeBytes: number;
  /** The type its bytes proved at complete, never the name's. */
  detectedType: UploadType;
  originalName: string;
  uploadedAt: string;
  uploadedBy: DocumentPerson | null;
  /** Set once the stored object stopped matching its size or ETag; never served again. */
  quarantine: { reason: QuarantineReason; at: string; detectedBy: "download" | "reconciliation" } | null;
  /** The latest review of this version, if any. */
  review: DocumentReviewDto | null;
};

export type ExpiryFlag = "expired" | "expiring" | null;

export type DocumentDto = {
  id: string;
  companyId: string;
  kind: DocumentKind;
  /** For ID photos: the person it shows. */
  person: { id: string; name: string } | null;
  requestId: string | null;
  status: DocumentStatus;
  signed: boolean;
  chopped: boolean;
  colourScan: boolean;
  /** A calendar date; null where none applies. */
  expiresOn: string | null;
  /** expired past expiresOn; expiring within DOCUMENT_EXPIRY_WARNING_DAYS. */
  expiry: ExpiryFlag;
  /** The registrations it serves (one licence: an Official Account and a WeCom corp). */
  registrationIds: string[];
  /** Newest first. */
  versions: DocumentVersionDto[];
  /** Optimistic concurrency for review. */
  version: number;
  updatedAt: string;
};

export const DOCUMENT_EXPIRY_WARNING_DAYS = 30;

export type DocumentRequestStatus = "open" | "fulfilled" | "cancelled";

export type DocumentRequestDto = {
  id: string;
  companyId: string;
  registrationId: string | null;
  kinds: DocumentKind[];
  dueOn: string | null;
  message: string | null;
  status: DocumentRequestStatus;
  requestedBy: DocumentPerson | null;
  createdAt: string;
  /** Per kind asked for: the document answering it (if any) and its status. */
  items: { kind: DocumentKind; documentId: string | null; status: DocumentStatus }[];
  commentCount: number;
};

export type RequestCommentDto = {
  id: string;
  requestId: string;
  body: string;
  author: DocumentPerson | null;
  createdAt: string;
};

/** One line of the staff review queue: an uploaded version waiting, oldest first. */
export type ReviewQueueItem = {
  document: DocumentDto;
  company: { id: string; name: string };
  waitingSince: string;
};

/** After a review: the document, and the move the card may now make (issue 8 §3). */
export type ReviewOutcome = {
  document: DocumentDto;
  /** The card whose stage now has every required document approved, and where it may go. */
  nextMove: { registrationId: string; from: string; to: string; moved: boolean } | null;
  /** Every such card when the document serves several (nextMove is the first of them). */
  nextMoves: { registrationId: string; from: string; to: string; moved: boolean }[];
};

/** A presigned GET of 60 s: attachment, the verified type. */
export type DownloadLink = { url: string; expiresAt: string; fileName: string; contentType: UploadType };

export type ReconciliationFindingKind =
  /** An object under an agency's documents prefix with no version row (written without an intent). */
  | "object_without_row"
  /** A version row whose object is gone. */
  | "row_without_object"
  /** A version whose object's size or ETag changed. */
  | "mismatch";

export type ReconciliationFinding = { kind: ReconciliationFindingKind; key: string; versionId?: string; detail?: string };

export type ReconciliationReport = {
  id: string;
  startedAt: string;
  finishedAt: string;
  objectsScanned: number;
  versionsChecked: number;
  stagingDeleted: number;
  findings: ReconciliationFinding[];
};
