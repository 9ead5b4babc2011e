/**
 * Every value the UI names from a code list has its words in the catalogue: a new
 * document kind, product or stage fails here before a page shows a raw key.
 */
import { describe, expect, it } from "vitest";
import { documentKinds } from "@/lib/documents/kinds";
import { allStages, products } from "@/lib/registration/pipelines";
import en from "@/messages/en.json";

describe("catalogue coverage", () => {
  it("names every document kind, product and stage", () => {
    expect(Object.keys(en.catalogue.documentKinds).sort()).toEqual([...documentKinds].sort());
    expect(Object.keys(en.catalogue.products).sort()).toEqual([...products].sort());
    expect(Object.keys(en.portal.stages).sort()).toEqual([...allStages].sort());
  });
});
