/**
 * The download link's schemas for the JSON API and its OpenAPI document (issue 8 §4).
 * Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import type { DownloadLink } from "./document-types";
import { uploadTypeNames } from "./upload-schemas";

export const downloadLinkSchema = z
  .object({
    url: z.url().meta({ description: "A presigned GET of the version's object, valid for 60 seconds." }),
    expiresAt: z.iso.datetime({ offset: true }).meta({ description: "When the URL stops working." }),
    fileName: z.string().meta({ description: "The name the file was uploaded with; the download is saved under it." }),
    contentType: z.enum(uploadTypeNames).meta({ description: "The type the bytes proved at upload, which the download is served as." }),
  })
  .meta({ id: "DownloadLink" }) satisfies z.ZodType<DownloadLink>;

export const downloadQuerySchema = z.object({
  redirect: z.enum(["1"]).optional().meta({ description: "`1`: answer 303 to the URL instead of the JSON." }),
});
