/**
 * A small seeded PRNG for generators and tests.
 *
 * The seed script and the property tests need random-looking identifiers that are the same on
 * every run (a failing case can be replayed from its seed), so generators take an `rng` rather
 * than calling Math.random. Mulberry32: 32-bit state, fast, good enough for test data; never use
 * it for secrets.
 */

/** Returns a number in [0, 1), like Math.random. */
export type Rng = () => number;

/** A deterministic Rng for `seed` (any integer; only the low 32 bits matter). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("pick needs a non-empty list");
  return items[randomInt(rng, 0, items.length - 1)]!;
}
