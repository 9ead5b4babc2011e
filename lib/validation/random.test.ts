import { describe, expect, it } from "vitest";
import { createRng, pick, randomInt } from "./random";

describe("createRng", () => {
  it("replays the same sequence for the same seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(seqA);
  });

  it("stays in [0, 1) and spreads over it", () => {
    const rng = createRng(7);
    const values = Array.from({ length: 10_000 }, () => rng());
    expect(values.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    const buckets = Array.from({ length: 10 }, () => 0);
    for (const x of values) buckets[Math.floor(x * 10)]!++;
    expect(buckets.filter((count) => count < 800)).toEqual([]);
  });
});

describe("randomInt and pick", () => {
  it("hits both ends of an inclusive range and nothing outside it", () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randomInt(rng, 3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("picks from the list and refuses an empty one", () => {
    const rng = createRng(2);
    expect(["a", "b"]).toContain(pick(rng, ["a", "b"]));
    expect(() => pick(rng, [])).toThrow(RangeError);
  });
});
