/**
 * The S3 client for document bytes. Works with AWS S3 and S3-compatible stores
 * (s3rver, MinIO, Tencent COS, Aliyun OSS) through S3_ENDPOINT and path-style addressing.
 */
import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/env";

export function createS3Client(): S3Client {
  const config = env();
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: {
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    },
    // The SDK's default checksums add headers that presigned URLs would have to
    // carry, and that some S3-compatible stores reject (stack-notes §3).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A store that is down fails a request in about a second, not after minutes of retries:
    // a refused connection fails at once, an unanswered one after 2 s, a stalled transfer
    // after 10 s without a byte; one retry (the SDK's backoff) covers a dropped keep-alive.
    // The API then answers 503 (lib/errors.ts unavailableService).
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 10_000 },
  });
}

const globalForS3 = globalThis as unknown as { weideskS3?: S3Client };

export function s3(): S3Client {
  globalForS3.weideskS3 ??= createS3Client();
  return globalForS3.weideskS3;
}

export function bucket(): string {
  return env().S3_BUCKET;
}

/**
 * Every object of an agency lives under this prefix (staging and final keys alike), so
 * the purge of a deleted agency can remove them all without reading a row.
 */
export function agencyPrefix(agencyId: string): string {
  return `agencies/${agencyId}/`;
}
