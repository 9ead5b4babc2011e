/**
 * The S3-compatible s3rver on loopback, for `npm run dev` and the tests when no
 * S3_ENDPOINT is given. Never imported by the application itself.
 *
 * NOTE: s3rver checks neither SigV4 signatures nor POST policies (stack-notes §3), so
 * the application must enforce size, type and tenancy itself; it does (design.md §6).
 */
import fs from "node:fs";
import S3rver from "s3rver";

export type EmbeddedS3Options = {
  directory: string;
  port: number;
  bucket: string;
  /** Browser origins allowed to upload straight to the bucket (CORS). */
  allowedOrigins: string[];
};

export type RunningS3 = {
  endpoint: string;
  port: number;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
};

// s3rver's fixed credentials; any other pair would be accepted too.
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";

export function corsConfiguration(allowedOrigins: string[]): string {
  const origins = allowedOrigins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join("");
  return `<CORSConfiguration><CORSRule>${origins}<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<RunningS3> {
  fs.mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port,
    directory: options.directory,
    silent: true,
    // Path-style addressing only: the bucket is never a subdomain of 127.0.0.1.
    vhostBuckets: false,
    configureBuckets: [
      {
        name: options.bucket,
        configs: options.allowedOrigins.length ? [corsConfiguration(options.allowedOrigins)] : [],
      },
    ],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    bucket: options.bucket,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    stop: () => {
      const closed = server.close();
      // Keep-alive and in-flight connections would hold close() open: a stopped store drops them, as a dead one would.
      (server as unknown as { httpServer?: { closeAllConnections(): void } }).httpServer?.closeAllConnections();
      return closed;
    },
  };
}
