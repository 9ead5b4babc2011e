/**
 * Makes a JPEG copy of a photo under the image limit, in the browser (design.md §6).
 * The picture is decoded (turned upright by its EXIF orientation), drawn on a canvas on
 * white (a transparent PNG would otherwise turn black) and encoded again, smaller and at
 * lower qualities until it fits. A canvas keeps pixels only: the copy carries no EXIF at
 * all, so no GPS location, camera or date goes with it.
 */
import { encodeSteps, fitsImageLimit, jpegName } from "@/lib/documents/client-image";

export type ReencodeFailure = "cannotRead" | "cannotShrink";

async function encode(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    if (!context) return null;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: "image/jpeg", quality });
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
}

/** The JPEG copy, or why there is none: the browser cannot read the picture, or it cannot be made small enough. */
export async function reencodeAsJpeg(file: File): Promise<{ file: File } | { failed: ReencodeFailure }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // HEIC on most browsers, a damaged file, or something that only says it is an image.
    return { failed: "cannotRead" };
  }
  try {
    for (const step of encodeSteps(bitmap.width, bitmap.height)) {
      const blob = await encode(bitmap, step.width, step.height, step.quality);
      if (blob && blob.type === "image/jpeg" && fitsImageLimit(blob.size)) {
        return { file: new File([blob], jpegName(file.name), { type: "image/jpeg", lastModified: Date.now() }) };
      }
    }
    return { failed: "cannotShrink" };
  } catch {
    return { failed: "cannotShrink" };
  } finally {
    bitmap.close();
  }
}
