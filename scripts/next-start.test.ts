import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nextStartCommand, serverNodeOptions } from "./next-start";

const dirs: string[] = [];
function projectWith(start: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-next-start-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ scripts: { start } }));
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("next start as npm start runs it", () => {
  it("sizes the heap in this repository's start script", () => {
    const options = serverNodeOptions();
    expect(options.some((option) => /^--max-old-space-size=\d+$/.test(option))).toBe(true);
  });

  it("gives the launchers the script's Node options before Next's bin", () => {
    const root = projectWith("node --max-old-space-size=1024 --max-semi-space-size=16 node_modules/next/dist/bin/next start");
    expect(nextStartCommand(["-p", "3000"], root)).toEqual([
      process.execPath,
      ["--max-old-space-size=1024", "--max-semi-space-size=16", path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", "3000"],
    ]);
  });

  it("refuses a start script of another shape", () => {
    expect(() => serverNodeOptions(projectWith("next start"))).toThrow(/"start" script/);
  });
});
