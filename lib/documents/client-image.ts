/**
 * The browser's decisions about a chosen file before anything is uploaded (design.md §6):
 * what it is, whether it may go as it is, must be re-encoded to a JPEG under the image
 * limit first (with the user's consent), or is refused with a message saying why. Pure:
 * the upload field does the decoding and encoding; these say what to do and how far to
 * shrink. The server checks everything again at complete: this is for the user's sake.
 */
import { MAX_IMAGE_BYTES, MAX_PDF_BYTES } from "./kinds";
import type { UploadType } from "./upload-schemas";

/** What the file input asks for: JPEG and PDF (so iOS hands HEIC photos over as JPEG). */
export const UPLOAD_ACCEPT = "image/jpeg,application/pdf,.jpg,.jpeg,.pdf";

/** Images the server takes as they are (within MAX_IMAGE_BYTES). */
const KEPT_IMAGE_TYPES = ["image/jpeg", "image/bmp", "image/gif"] as const;

/** Types by extension, for browsers that give an empty File.type (some Android pickers). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jfif: "image/jpeg",
  bmp: "image/bmp",
  gif: "image/gif",
  pdf: "application/pdf",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  avif: "image/avif",
  tif: "image/tiff",
  tiff: "image/tiff",
};

export type ChosenFile = { name: string; type: string; size: number };

/** Why a file is refused before upload: each a key under portal.upload.refused. */
export type ClientRefusal = "empty" | "pdfTooLarge" | "unsupported" | "cannotShrink" | "cannotRead";

export type FilePlan =
  /** Upload the bytes as they are, declared as `contentType`. */
  | { action: "upload"; contentType: UploadType }
  /** Ask, then make a JPEG copy under MAX_IMAGE_BYTES: too large, or a type the server does not take. */
  | { action: "reencode"; because: "tooLarge" | "format" }
  | { action: "refuse"; reason: ClientRefusal };

/** The file's MIME type: the browser's, or else the one its extension names (lower case). */
export function effectiveType(file: Pick<ChosenFile, "name" | "type">): string {
  const declared = file.type.trim().toLowerCase();
  if (declared) return declared === "image/jpg" || declared === "image/pjpeg" ? "image/jpeg" : declared;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (extension && TYPE_BY_EXTENSION[extension]) || "";
}

/**
 * What to do with a chosen file. PDFs go as they are up to MAX_PDF_BYTES and are refused
 * beyond (a PDF cannot be shrunk here). JPEG, BMP and GIF go as they are within
 * MAX_IMAGE_BYTES and are re-encoded beyond it; every other image (PNG, WebP, HEIC where
 * the browser can read it…) is re-encoded; anything else is refused.
 */
export function planFile(file: ChosenFile): FilePlan {
  if (file.size <= 0) return { action: "refuse", reason: "empty" };
  const type = effectiveType(file);
  if (type === "application/pdf") {
    return file.size > MAX_PDF_BYTES ? { action: "refuse", reason: "pdfTooLarge" } : { action: "upload", contentType: "application/pdf" };
  }
  if ((KEPT_IMAGE_TYPES as readonly string[]).includes(type)) {
    return file.size > MAX_IMAGE_BYTES ? { action: "reencode", because: "tooLarge" } : { action: "upload", contentType: type as UploadType };
  }
  if (type.startsWith("image/") && type !== "image/svg+xml") return { action: "reencode", because: "format" };
  return { action: "refuse", reason: "unsupported" };
}

/** The longest side a re-encoded photo starts at: plenty for a licence to stay legible. */
export const REENCODE_MAX_SIDE = 3000;
/** Below this longest side a document photo is no longer worth sending: give up instead. */
export const REENCODE_MIN_SIDE = 800;
/** JPEG qualities tried at each size, best first. */
export const REENCODE_QUALITIES = [0.9, 0.8, 0.7, 0.6] as const;
/** How much each round scales the picture down. */
export const REENCODE_SCALE_STEP = 0.75;

export type EncodeStep = { width: number; height: number; quality: number };

/**
 * The sizes and qualities to try, in order, until one encodes under the limit: at most
 * REENCODE_MAX_SIDE on the longest side (never larger than the original), every quality
 * of REENCODE_QUALITIES, then 3/4 the size, down to REENCODE_MIN_SIDE (or the original's
 * size when it is smaller than that: one round then).
 */
export function encodeSteps(width: number, height: number): EncodeStep[] {
  if (!(width > 0 && height > 0)) return [];
  const longest = Math.max(width, height);
  let side = Math.min(longest, REENCODE_MAX_SIDE);
  const floor = Math.min(longest, REENCODE_MIN_SIDE);
  const steps: EncodeStep[] = [];
  for (;;) {
    const scale = side / longest;
    const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    for (const quality of REENCODE_QUALITIES) steps.push({ ...size, quality });
    if (side <= floor) break;
    side = Math.max(floor, Math.round(side * REENCODE_SCALE_STEP));
  }
  return steps;
}

/** Whether an encoded copy may be uploaded as an image. */
export function fitsImageLimit(bytes: number): boolean {
  return bytes > 0 && bytes <= MAX_IMAGE_BYTES;
}

/** The re-encoded copy's name: the original's with .jpg for its extension. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]{1,8}$/, "").trim();
  return `${base || "photo"}.jpg`;
}

/** A size for people, in megabytes of 1 048 576 bytes (so the 2 MiB limit reads "2 MB"), one decimal. */
export function megabytes(bytes: number): number {
  return Math.max(0.1, Math.round((bytes / 1_048_576) * 10) / 10);
}

/** The limits as people read them. */
export const IMAGE_LIMIT_MB = megabytes(MAX_IMAGE_BYTES);
export const PDF_LIMIT_MB = megabytes(MAX_PDF_BYTES);
