import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { errorCatalogues } from "./error-catalogue";

describe("the global error boundary's messages", () => {
  it("are the catalogues' errors namespace, in each language", () => {
    expect(errorCatalogues.en.errors).toEqual(en.errors);
    expect(errorCatalogues["zh-CN"].errors).toEqual(zhCN.errors);
  });
});
