/**
 * The bytes behind the demo's document versions: one placeholder per kind and type, a
 * JPEG (the kind's name in English and Chinese under a "SAMPLE · 样本" watermark) or a
 * one-page PDF, so downloads and the storage reconciliation find the objects their rows
 * describe (issue 8). Identical bytes for every version of a kind are fine; made once
 * per process, and the same on every run on a machine (sharp renders the same SVG the
 * same way), so the plan stays deterministic.
 *
 * putDemoFiles puts them in the bucket after the seed's commit: for every version row of
 * the demo agencies whose SHA-256 is one of these files, unless the store already holds
 * the object with the row's size and ETag.
 */
import { createHash } from "node:crypto";
import { ListObjectsV2Command, PutObjectCommand, S3Client, type _Object } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { z } from "@/lib/validation/zod";
import { documentKinds, type DocumentKind } from "@/lib/documents/kinds";
import { envSchema } from "@/lib/env";
import en from "@/messages/en.json" with { type: "json" };
import zh from "@/messages/zh-CN.json" with { type: "json" };

export type DemoFileType = "image/jpeg" | "application/pdf";
export type DemoFile = { bytes: Buffer; sizeBytes: number; sha256: Buffer; etag: string; type: DemoFileType };
export type DemoFiles = Record<DocumentKind, Record<DemoFileType, DemoFile>>;

function demoFile(bytes: Buffer, type: DemoFileType): DemoFile {
  return {
    bytes,
    sizeBytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest(),
    // What S3 and s3rver answer for a single-part PutObject: the quoted MD5 of the bytes.
    etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
    type,
  };
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function jpeg(kind: DocumentKind): Promise<Buffer> {
  const nameEn = escapeXml(en.catalogue.documentKinds[kind]);
  const nameZh = escapeXml(zh.catalogue.documentKinds[kind]);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
<rect width="480" height="320" fill="#eef2f6"/>
<rect x="12" y="12" width="456" height="296" fill="none" stroke="#94a3b8" stroke-width="3" stroke-dasharray="10 6"/>
<text x="240" y="130" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#1e293b">${nameEn}</text>
<text x="240" y="175" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#1e293b">${nameZh}</text>
<text x="240" y="255" font-family="sans-serif" font-size="40" text-anchor="middle" fill="#dc2626" fill-opacity="0.35" transform="rotate(-12 240 250)">SAMPLE · 样本</text>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

/** A one-page A4 PDF naming the kind (Helvetica, so English only), with its xref offsets counted. */
function pdf(kind: DocumentKind): Buffer {
  const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    "BT /F1 28 Tf 72 700 Td (" + text(en.catalogue.documentKinds[kind]) + ") Tj ET",
    "BT /F1 14 Tf 72 670 Td (Weidesk demo document) Tj ET",
    "0.86 0.15 0.15 rg BT /F1 64 Tf 1 0 0 1 150 380 Tm (SAMPLE) Tj ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

let made: Promise<DemoFiles> | undefined;

/** Every kind's JPEG and PDF, made on first use (about half a second). */
export function demoFiles(): Promise<DemoFiles> {
  made ??= (async () => {
    const files = {} as DemoFiles;
    for (const kind of documentKinds) {
      files[kind] = { "image/jpeg": demoFile(await jpeg(kind), "image/jpeg"), "application/pdf": demoFile(pdf(kind), "application/pdf") };
    }
    return files;
  })();
  made.catch(() => (made = undefined));
  return made;
}

/** The S3 settings of an environment, as lib/env.ts reads them; null when the bucket or keys are unset. */
export function storageSettings(source: Record<string, string | undefined>) {
  const schema = z.object({
    S3_ENDPOINT: envSchema.shape.S3_ENDPOINT,
    S3_REGION: envSchema.shape.S3_REGION,
    S3_BUCKET: envSchema.shape.S3_BUCKET,
    S3_ACCESS_KEY_ID: envSchema.shape.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: envSchema.shape.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: envSchema.shape.S3_FORCE_PATH_STYLE,
  });
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(cleaned);
  return parsed.success ? parsed.data : null;
}

export type StoredVersionRow = { s3Key: string; agencyId: string; sizeBytes: number; sha256: Buffer; etag: string };
export type PutResult =
  | { outcome: "put"; put: number; present: number; ms: number }
  | { outcome: "skipped"; reason: string };

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += limit) await Promise.all(items.slice(start, start + limit).map(work));
}

/**
 * Puts the demo file of every row in `rows` that names one (by SHA-256) and whose object
 * is not in the store as the row describes it. S3 unset or out of reach is no error: the
 * answer says so, and the seed goes on (the next `npm run dev` puts what is missing).
 */
export async function putDemoFiles(rows: StoredVersionRow[], source: Record<string, string | undefined>): Promise<PutResult> {
  const settings = storageSettings(source);
  if (!settings) return { outcome: "skipped", reason: "S3 is not configured (S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)" };
  const began = performance.now();
  const bySha = new Map<string, DemoFile>();
  for (const types of Object.values(await demoFiles())) {
    for (const file of Object.values(types)) bySha.set(file.sha256.toString("hex"), file);
  }
  const wanted = rows.filter((row) => bySha.has(row.sha256.toString("hex")));
  // As lib/storage/s3.ts makes it (a server-only module the seed's scripts cannot import),
  // with short timeouts: a store out of reach must not hold up `npm run dev`.
  const client = new S3Client({
    region: settings.S3_REGION,
    endpoint: settings.S3_ENDPOINT,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
  });
  try {
    const stored = new Map<string, _Object>();
    for (const agencyId of new Set(wanted.map((row) => row.agencyId))) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: settings.S3_BUCKET, Prefix: `agencies/${agencyId}/companies/`, ContinuationToken: token, MaxKeys: 1000 }),
        );
        for (const object of page.Contents ?? []) stored.set(object.Key!, object);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
    const missing = wanted.filter((row) => {
      const object = stored.get(row.s3Key);
      return !object || object.Size !== row.sizeBytes || object.ETag !== row.etag;
    });
    await inBatches(missing, 8, async (row) => {
      const file = bySha.get(row.sha256.toString("hex"))!;
      await client.send(
        new PutObjectCommand({ Bucket: settings.S3_BUCKET, Key: row.s3Key, Body: file.bytes, ContentType: file.type, ContentLength: file.sizeBytes }),
      );
    });
    return { outcome: "put", put: missing.length, present: wanted.length - missing.length, ms: Math.round(performance.now() - began) };
  } catch (error) {
    return { outcome: "skipped", reason: `S3 at ${settings.S3_ENDPOINT ?? "AWS"} is out of reach (${error instanceof Error ? error.message || error.name : String(error)})` };
  } finally {
    client.destroy();
  }
}

/** One line for the seed's output. */
export function describePut(result: PutResult): string {
  return result.outcome === "put"
    ? `demo files: ${result.put} put, ${result.present} already in the bucket (${(result.ms / 1000).toFixed(1)} s)`
    : `demo files: none put: ${result.reason}. Opening a demo document quarantines it until a seed runs with S3 (npm run dev puts what is missing).`;
}
