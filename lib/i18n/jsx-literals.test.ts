/**
 * The lint rule that keeps UI text in the catalogue must really fire: a literal in
 * JSX text or in an attribute people read is an error; a translated one is not.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, file = "components/example.tsx"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

// The first lint loads the whole ESLint configuration (TypeScript parser, plugins): seconds on a busy machine.
describe("no literal UI strings in JSX", { timeout: 30_000 }, () => {
  it("refuses text in JSX", async () => {
    expect(await ruleIdsFor(`export function A() { return <p>Hello there</p>; }\n`)).toContain("react/jsx-no-literals");
  });

  it("refuses a literal aria-label, title or placeholder", async () => {
    const ids = await ruleIdsFor(
      `export function A() { return <input aria-label="Search" placeholder="Type here" title="Find" />; }\n`,
    );
    expect(ids.filter((id) => id === "no-restricted-syntax")).toHaveLength(3);
  });

  it("accepts catalogue text, class names and punctuation", async () => {
    const code = `export function A({ t }: { t: (key: string) => string }) {
  return <p className="text-sm" aria-label={t("a")}>{t("b")} · {t("c")}</p>;
}\n`;
    expect(await ruleIdsFor(code)).toEqual([]);
  });

  it("keeps the database client out of pages and components", async () => {
    expect(await ruleIdsFor(`import { db } from "@/db/client";\nexport const x = db;\n`, "app/example/page.tsx")).toContain(
      "no-restricted-imports",
    );
  });
});
