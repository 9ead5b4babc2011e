import type { Locale } from "./config";

type Range = { tag: string; quality: number };

function parseAcceptLanguage(header: string): Range[] {
  return header
    .split(",")
    .map((part) => {
      const [rawTag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: rawTag.trim().toLowerCase(), quality };
    })
    .filter((range) => range.tag !== "" && Number.isFinite(range.quality) && range.quality > 0)
    // A stable sort: equal qualities keep the order the browser wrote them in.
    .sort((a, b) => b.quality - a.quality);
}

/**
 * Picks the supported locale a browser prefers. Every Chinese variant maps to zh-CN: readers of
 * Traditional Chinese still read Simplified far more easily than English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  for (const { tag } of parseAcceptLanguage(acceptLanguage)) {
    const language = tag.split("-")[0];
    if (language === "zh") return "zh-CN";
    if (language === "en") return "en";
  }
  return undefined;
}
