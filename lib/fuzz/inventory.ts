/**
 * What the fuzz suite must cover, read from the file system so that a new route handler
 * or server action fails the suite until it has an entry: every exported HTTP method of
 * every app/**\/route.ts (lib/testing/routes.ts, as the authorisation matrix lists them)
 * and every export of every module whose first statement is "use server" (the modules the
 * build's server action manifest is made from). For tests only.
 */
import fs from "node:fs";
import path from "node:path";
import { listAppRoutes } from "@/lib/testing/routes";

/** A route handler: "GET /api/v1/companies/[id]" and the file that exports it. */
export type RouteTarget = { key: string; method: string; pattern: string; file: string };
/** A server action: "app/(auth)/sign-up/actions.ts#signUpAction". */
export type ActionTarget = { key: string; file: string; exportedName: string };

const SOURCE_FILE = /\.(ts|tsx|js|jsx)$/;
const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;
const EXPORTED_FUNCTION = /export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*async\b)/g;

export function listRouteTargets(root: string = process.cwd()): RouteTarget[] {
  return listAppRoutes(root)
    .filter((route) => route.kind === "route")
    .flatMap((route) => route.methods.map((method) => ({ key: `${method} ${route.pattern}`, method, pattern: route.pattern, file: route.file })));
}

/** Every server action of the modules under `dirs` (app, lib and components: a "use server" module may live anywhere). */
export function listActionTargets(root: string = process.cwd(), dirs = ["app", "lib", "components"]): ActionTarget[] {
  const targets: ActionTarget[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const file = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(file);
      } else if (SOURCE_FILE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(path.join(root, file), "utf8");
        if (!USE_SERVER.test(source)) continue;
        for (const match of source.matchAll(EXPORTED_FUNCTION)) {
          const exportedName = (match[1] ?? match[2])!;
          targets.push({ key: `${file}#${exportedName}`, file, exportedName });
        }
      }
    }
  };
  for (const dir of dirs) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return targets.sort((a, b) => a.key.localeCompare(b.key));
}

/** The keys one side has and the other lacks: targets with no entry, and entries for nothing. */
export function coverageGaps(targets: readonly string[], entries: readonly string[]): { missing: string[]; stale: string[] } {
  const known = new Set(entries);
  const present = new Set(targets);
  return { missing: targets.filter((key) => !known.has(key)), stale: entries.filter((key) => !present.has(key)) };
}
