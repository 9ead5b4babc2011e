/**
 * Every page, route handler and server action the app has, read from the file system
 * (app/**\/page.tsx, app/**\/route.ts) and from the production build's server action
 * manifest, so the authorisation matrix (e2e/authorisation-matrix.spec.ts) can fail when
 * one exists without a row. For tests only; Node APIs, no Next imports.
 */
import fs from "node:fs";
import path from "node:path";

export type AppRoute = {
  /** The URL pattern: route groups dropped, dynamic segments kept ("/[agency]/clients"). */
  pattern: string;
  kind: "page" | "route";
  /** The file, relative to the project root ("app/(app)/[agency]/clients/page.tsx"). */
  file: string;
  /** Route handlers: the HTTP methods the file exports, sorted. Pages: none. */
  methods: string[];
};

export type ServerAction = {
  id: string;
  /** The module that defines it, relative to the project root ("app/actions/locale.ts"). */
  file: string;
  exportedName: string;
};

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;
const ROUTE_FILE = /^route\.(ts|js)$/;
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The URL pattern of a folder below app/, given as its segments. */
export function urlPattern(segments: readonly string[]): string {
  const kept = segments.filter((segment) => !(segment.startsWith("(") && segment.endsWith(")")) && !segment.startsWith("@"));
  return `/${kept.join("/")}`;
}

/** The HTTP methods a route handler module exports (`export async function GET`, `export const POST =`). */
export function exportedMethods(source: string): string[] {
  return HTTP_METHODS.filter((method) =>
    new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+${method}\\b|(?:const|let)\\s+${method}\\b)`).test(source),
  ).sort();
}

/** Every page and route handler under `appDir`, sorted by pattern then kind. */
export function listAppRoutes(root: string = process.cwd(), appDir = "app"): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (segments: string[]) => {
    const dir = path.join(root, appDir, ...segments);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // _folders are private (not routes); node_modules never belongs here.
        if (!entry.name.startsWith("_")) walk([...segments, entry.name]);
        continue;
      }
      const file = path.posix.join(appDir, ...segments, entry.name);
      if (PAGE_FILE.test(entry.name)) {
        routes.push({ pattern: urlPattern(segments), kind: "page", file, methods: [] });
      } else if (ROUTE_FILE.test(entry.name)) {
        const methods = exportedMethods(fs.readFileSync(path.join(dir, entry.name), "utf8"));
        routes.push({ pattern: urlPattern(segments), kind: "route", file, methods });
      }
    }
  };
  walk([]);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.kind.localeCompare(b.kind));
}

type ManifestEntry = { filename?: string; exportedName?: string };
type Manifest = { node?: Record<string, ManifestEntry>; edge?: Record<string, ManifestEntry> };

/**
 * The server actions of the production build in `distDir` (next build writes
 * server/server-reference-manifest.json), or null when there is no build.
 */
export function listServerActions(root: string = process.cwd(), distDir = ".next"): ServerAction[] | null {
  const file = path.join(root, distDir, "server", "server-reference-manifest.json");
  if (!fs.existsSync(file)) return null;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const entries = { ...manifest.edge, ...manifest.node };
  return Object.entries(entries)
    .map(([id, entry]) => ({ id, file: entry.filename ?? "(unknown)", exportedName: entry.exportedName ?? "(unknown)" }))
    .sort((a, b) => `${a.file}#${a.exportedName}`.localeCompare(`${b.file}#${b.exportedName}`));
}
