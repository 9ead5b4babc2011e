/**
 * Which Chromium the end-to-end tests drive. Playwright's own download fails here
 * (stack-notes §4.10), so the distribution's Chromium comes first; Playwright's cache
 * is only a fallback for machines where someone installed it.
 *
 * Used by playwright.config.ts (resolveChromium) and by the test command
 * (ensureChromium, before Playwright starts). Never imported by the application.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserType } from "@playwright/test";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const INSTALL_HINT =
  "No Chromium for the end-to-end tests. Install one: on Debian/Ubuntu `apt-get install -y chromium` " +
  "(as root), elsewhere `npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM_PATH to a " +
  "Chromium or Chrome executable.";

/** The Chromium executable to launch, or null when there is none. */
export function resolveChromium(): string | null {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    // An explicit choice that is wrong must not silently fall back to another browser.
    if (!isExecutable(fromEnv)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_PATH is ${fromEnv}, which is not an executable file.`);
    }
    return fromEnv;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const cached = playwrightCachedChromium();
  return cached && isExecutable(cached) ? cached : null;
}

/**
 * Resolves Chromium, installing it when missing: apt-get on Debian/Ubuntu as root,
 * Playwright's download elsewhere. Throws with what to install when neither works.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = resolveChromium();
  if (found) {
    ensureCjkFont(log);
    return found;
  }

  if (isDebianLike() && process.getuid?.() === 0) {
    log("Chromium is missing: running `apt-get update && apt-get install -y chromium` (about 40 s)…");
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "chromium"], {
      DEBIAN_FRONTEND: "noninteractive",
    });
  } else {
    log("Chromium is missing: running `npx playwright install chromium`…");
    run("npx", ["playwright", "install", "chromium"]);
  }

  const installed = resolveChromium();
  if (!installed) throw new Error(INSTALL_HINT);
  ensureCjkFont(log);
  return installed;
}

function playwrightCachedChromium(): string | null {
  try {
    const require = createRequire(import.meta.url);
    // Loaded lazily: the test command calls ensureChromium long before Playwright runs.
    const { chromium } = require("@playwright/test") as { chromium: BrowserType };
    return chromium.executablePath() || null;
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDebianLike(): boolean {
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    execFileSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`\`${command} ${args.join(" ")}\` failed (${reason}).\n${INSTALL_HINT}`);
  }
}

/**
 * Chinese pages render as empty boxes without a CJK font. The tests pass either way,
 * but the screenshots people look at would be useless, so install one where we can.
 */
function ensureCjkFont(log: (line: string) => void) {
  if (!isDebianLike() || process.getuid?.() !== 0) return;
  if (fs.existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")) return;
  log("No CJK font: running `apt-get install -y fonts-noto-cjk` for readable Chinese screenshots…");
  try {
    run("apt-get", ["install", "-y", "fonts-noto-cjk"], { DEBIAN_FRONTEND: "noninteractive" });
  } catch {
    log("Could not install fonts-noto-cjk: Chinese screenshots will show boxes; the tests still run.");
  }
}
