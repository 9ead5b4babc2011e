import { describe, expect, it } from "vitest";
import { initials } from "./avatar";

describe("initials", () => {
  it("takes the first letters of the first two words", () => {
    expect(initials("Demo Agency")).toBe("DA");
    expect(initials("  yunfan   consulting group ")).toBe("YC");
    expect(initials("Weidesk")).toBe("W");
  });

  it("keeps the first character of a Chinese name", () => {
    expect(initials("云帆咨询")).toBe("云");
    expect(initials("云帆咨询 Yunfan Consulting")).toBe("云");
  });
});
