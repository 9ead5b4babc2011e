/**
 * `next start` the way `npm start` runs it in production, for every launcher (the bench,
 * the load and fault runs, the end-to-end server, bench:board): the Node options of
 * package.json's "start" script (`node <options> node_modules/next/dist/bin/next start`),
 * read from there so that there is one place to change them. They size V8's heap for a
 * server (docs/decisions/0025): without them V8 lets the old generation grow to about four
 * times what survives a full collection on a machine with much memory, and a server that
 * holds about 80 MB sits at 450–570 MB RSS.
 */
import fs from "node:fs";
import path from "node:path";

const NEXT_BIN = "node_modules/next/dist/bin/next";

/** The Node options between `node` and Next's bin in package.json's "start" script. */
export function serverNodeOptions(root = process.cwd()): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const words = (manifest.scripts?.start ?? "").trim().split(/\s+/);
  const bin = words.indexOf(NEXT_BIN);
  if (words[0] !== "node" || bin < 0 || words[bin + 1] !== "start") {
    throw new Error(`package.json's "start" script is not \`node [options] ${NEXT_BIN} start\``);
  }
  return words.slice(1, bin);
}

/** The command and arguments of `next start <args>` with production's Node options (spawn them, or prefix taskset). */
export function nextStartCommand(args: string[], root = process.cwd()): [command: string, args: string[]] {
  return [process.execPath, [...serverNodeOptions(root), path.join(root, NEXT_BIN), "start", ...args]];
}
