/**
 * zod schemas for the identifiers Weidesk collects, shared by forms, server actions and the API
 * (style.md: one schema at every boundary).
 *
 * Issue messages are message KEYS ("validation.residentId.checkCharacter"), never English: the UI
 * looks them up in messages/*.json, so both languages stay in the catalogue. Each schema's output
 * is the normalised value to store (E.164 for mobiles), so nothing downstream normalises again.
 */
import { z } from "@/lib/validation/zod";
import { normaliseCode } from "./normalise";
import { checkOrgCode, orgCodeMatchesUscc } from "./org-code";
import { parseFixedLine, parseMobile } from "./phone";
import { isAdult, parseResidentId, type ResidentIdError } from "./resident-id";
import { checkUscc, type UsccParts } from "./uscc";

/** Every message key these schemas can produce; messages/*.json must define each one. */
export const VALIDATION_MESSAGES = {
  required: "validation.required",
  residentId: {
    format: "validation.residentId.format",
    province: "validation.residentId.province",
    birthDate: "validation.residentId.birthDate",
    futureBirthDate: "validation.residentId.futureBirthDate",
    checkCharacter: "validation.residentId.checkCharacter",
    underage: "validation.residentId.underage",
  },
  uscc: {
    format: "validation.uscc.format",
    checkCharacter: "validation.uscc.checkCharacter",
  },
  orgCode: {
    format: "validation.orgCode.format",
    checkCharacter: "validation.orgCode.checkCharacter",
    usccMismatch: "validation.orgCode.usccMismatch",
  },
  mobile: { format: "validation.mobile.format" },
  fixedLine: { format: "validation.fixedLine.format" },
} as const;

const RESIDENT_ID_KEYS: Record<ResidentIdError, string> = {
  format: VALIDATION_MESSAGES.residentId.format,
  province: VALIDATION_MESSAGES.residentId.province,
  birth_date: VALIDATION_MESSAGES.residentId.birthDate,
  future_birth_date: VALIDATION_MESSAGES.residentId.futureBirthDate,
  check_character: VALIDATION_MESSAGES.residentId.checkCharacter,
};

/** A string, or "validation.required" (also for a missing value, which a form sends as no field). */
const text = () => z.string({ error: VALIDATION_MESSAGES.required });

/** Blank means nothing was typed: say "required", not "wrong format". */
function isBlank(input: string): boolean {
  return normaliseCode(input) === "";
}

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, input: string, message: string, params?: Record<string, string>): typeof z.NEVER {
  ctx.addIssue(params ? { code: "custom", message, input, params } : { code: "custom", message, input });
  return z.NEVER;
}

export type ResidentIdSchemaOptions = {
  /** Operators must be 18 or older (design.md §4.2); adds "validation.residentId.underage". */
  requireAdult?: boolean;
  /** See parseResidentId. */
  acceptHmtResidencePermit?: boolean;
};

/**
 * A resident ID number → its normalised 18 characters. `today` comes from lib/clock, so tests
 * can move time. A wrong check character carries `params.expected` for logs, not for display.
 */
export function residentIdSchema(today: Date, options: ResidentIdSchemaOptions = {}) {
  return text().transform((input, ctx) => {
    if (isBlank(input)) return fail(ctx, input, VALIDATION_MESSAGES.required);
    const result = parseResidentId(input, { today, acceptHmtResidencePermit: options.acceptHmtResidencePermit });
    if (!result.ok) {
      const params = result.error === "check_character" ? { expected: result.expected } : undefined;
      return fail(ctx, input, RESIDENT_ID_KEYS[result.error], params);
    }
    if (options.requireAdult && !isAdult(result.birthDate, today)) {
      return fail(ctx, input, VALIDATION_MESSAGES.residentId.underage);
    }
    return result.value;
  });
}

export type UsccCheckCharacterWarning = {
  message: typeof VALIDATION_MESSAGES.uscc.checkCharacter;
  expected: string;
};

export type CheckedUscc = UsccParts & {
  /**
   * Set when the check character is wrong. Not a failure (pilot-era codes fail it and are real):
   * the UI shows `message` and asks staff to confirm before saving.
   */
  warning: UsccCheckCharacterWarning | null;
};

/** A USCC → its parts, with a wrong check character surfaced as `warning`, never as a failure. */
export const usccSchema = text().transform((input, ctx): CheckedUscc => {
  if (isBlank(input)) return fail(ctx, input, VALIDATION_MESSAGES.required);
  const result = checkUscc(input);
  if (result.ok === false) return fail(ctx, input, VALIDATION_MESSAGES.uscc.format);
  const { value, orgCode, registrationAuthority, category, regionCode } = result;
  const warning =
    result.ok === "warning"
      ? { message: VALIDATION_MESSAGES.uscc.checkCharacter, expected: result.expected }
      : null;
  return { value, orgCode, registrationAuthority, category, regionCode, warning };
});

/** A legacy organisation code ("XXXXXXXX-C" or 9 characters) → 9 characters without the hyphen. */
export const orgCodeSchema = text().transform((input, ctx) => {
  if (isBlank(input)) return fail(ctx, input, VALIDATION_MESSAGES.required);
  const result = checkOrgCode(input);
  if (!result.ok) {
    return result.error === "check_character"
      ? fail(ctx, input, VALIDATION_MESSAGES.orgCode.checkCharacter, { expected: result.expected })
      : fail(ctx, input, VALIDATION_MESSAGES.orgCode.format);
  }
  return result.value;
});

/** A mainland mobile → E.164 ("+8613800138000"). */
export const mobileSchema = text().transform((input, ctx) => {
  if (isBlank(input)) return fail(ctx, input, VALIDATION_MESSAGES.required);
  const result = parseMobile(input);
  return result.ok ? result.value : fail(ctx, input, VALIDATION_MESSAGES.mobile.format);
});

/** A fixed-line number → "0755-23456789" or "0755-23456789-123". */
export const fixedLineSchema = text().transform((input, ctx) => {
  if (isBlank(input)) return fail(ctx, input, VALIDATION_MESSAGES.required);
  const result = parseFixedLine(input);
  return result.ok ? result.value : fail(ctx, input, VALIDATION_MESSAGES.fixedLine.format);
});

/**
 * Makes a field optional the way forms need: a missing value, or one that is blank after
 * normalising (spaces, U+3000, hyphens only), becomes undefined instead of a "required" error.
 */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === null || (typeof value === "string" && isBlank(value)) ? undefined : value),
    schema.optional(),
  );
}

/**
 * A CN_ORG client's codes (B11): the USCC is required; a legacy organisation code is optional,
 * and when present must equal USCC characters 9-17 (the issue is on `orgCode`).
 */
export const companyCodesSchema = z
  .object({ uscc: usccSchema, orgCode: optionalField(orgCodeSchema) })
  .superRefine((codes, ctx) => {
    if (codes.orgCode !== undefined && !orgCodeMatchesUscc(codes.orgCode, codes.uscc.value)) {
      ctx.addIssue({
        code: "custom",
        message: VALIDATION_MESSAGES.orgCode.usccMismatch,
        path: ["orgCode"],
        params: { expected: codes.uscc.orgCode },
      });
    }
  });
