/**
 * Property tests (fast-check) for the two check characters (issue 6, domain.md §6):
 * every generated resident ID number and Unified Social Credit Code is accepted, and
 * every single-character change of one is caught. ISO 7064 MOD 11-2 (GB 11643) and
 * GB 32100's MOD 31 both detect every single substitution (prime modulus, non-zero
 * weights), so a failure here is a bug in our code, not in the standards.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "./random";
import { generateResidentId, parseResidentId } from "./resident-id";
import { checkUscc, generateUscc } from "./uscc";

const today = new Date("2026-11-23T04:00:00Z");
const RIC_CHARACTERS = [..."0123456789X"];
const USCC_ALPHABET = [..."0123456789ABCDEFGHJKLMNPQRTUWXY"];

/** Seeds for the project's own deterministic generators, so every case can be replayed. */
const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });

/** Full-width digits and letters, and lower case, as people paste them. */
function asTyped(value: string): string {
  return [...value].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("").toLowerCase();
}

describe("resident ID numbers (GB 11643)", () => {
  it("accepts every generated number, also typed full-width and in lower case", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const id = generateResidentId({ rng: createRng(s) });
        expect(parseResidentId(id, { today })).toMatchObject({ ok: true, value: id });
        expect(parseResidentId(asTyped(id), { today })).toMatchObject({ ok: true, value: id });
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every single-character change", () => {
    fc.assert(
      fc.property(seed, fc.nat(17), fc.constantFrom(...RIC_CHARACTERS), (s, position, replacement) => {
        const id = generateResidentId({ rng: createRng(s) });
        fc.pre(id[position] !== replacement);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(parseResidentId(changed, { today }).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Unified Social Credit Codes (GB 32100)", () => {
  it("accepts every generated code, also typed full-width and in lower case", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const code = generateUscc({ rng: createRng(s) });
        expect(checkUscc(code)).toMatchObject({ ok: true, value: code });
        expect(checkUscc(asTyped(code))).toMatchObject({ ok: true, value: code });
      }),
      { numRuns: 300 },
    );
  });

  it("flags every single-character change: never a silent pass", () => {
    fc.assert(
      fc.property(seed, fc.nat(17), fc.constantFrom(...USCC_ALPHABET), (s, position, replacement) => {
        const code = generateUscc({ rng: createRng(s) });
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(checkUscc(changed).ok).not.toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
