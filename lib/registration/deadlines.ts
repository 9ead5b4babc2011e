/**
 * The deadline a card gets when it enters a stage (design.md §5, domain.md §3), and the
 * yearly WeChat verification's warnings. Pure: the calendar comes in (lib/registration/
 * holidays-service.ts loadCalendar reads it from the agency's holidays), so the move
 * service, the board and the tests share one rule.
 */
import { addBusinessDays, addCalendarDays, type BusinessCalendar } from "./calendar";
import type { Pipeline, Stage } from "./pipelines";

/** domain.md §3.1 step 2: the activation e-mail's link is valid 48 hours [S1][R24]; wall-clock hours. */
export const ACTIVATION_LINK_HOURS = 48;

/**
 * domain.md §3.1 step 5 [R4]: after the subject form, WeChat checks an organisation by
 * a small random sum paid from its corporate account "within 10 days", or by finishing
 * 微信认证 "within 30 calendar days"; else the form must be submitted again. The notice
 * speaks of days, not working days, so both count calendar days. Which check a card
 * waits for is the card's choice; a Chinese organisation's default is the payment, the
 * usual and cheaper route (verification costs 300 RMB, domain.md §3.1 step 9).
 */
export const SUBJECT_CHECK_DAYS = { corporate_payment: 10, verification: 30 } as const;
export const subjectCheckMethods = ["corporate_payment", "verification"] as const;
export type SubjectCheckMethod = (typeof subjectCheckMethods)[number];
export const DEFAULT_SUBJECT_CHECK_METHOD: SubjectCheckMethod = "corporate_payment";

/** domain.md §3.1 step 7: WeChat reviews a registration in up to 7 business days [S1][R5]. */
export const REVIEW_BUSINESS_DAYS = 7;

/**
 * WeCom verification takes "several business days" [S0] (domain.md §3.4 step 2). The
 * closest figure with a source is WeChat verification's "1-5 business days" [R4][R6]
 * (domain.md §3.1 step 9), done by the same kind of third-party audit: its upper end.
 */
export const WECOM_VERIFICATION_BUSINESS_DAYS = 5;

/** domain.md §3.3: follow up an overseas application every N business days; N is the agency's, default 10. */
export const DEFAULT_OVERSEAS_FOLLOW_UP_DAYS = 10;
/** The agencies_follow_up_days check in db/schema.ts. */
export const OVERSEAS_FOLLOW_UP_DAYS_RANGE = { min: 1, max: 60 } as const;

/** What a stage's deadline is about, and how it is counted. */
export type DeadlineRule =
  | { kind: "activation_link"; unit: "hours"; amount: number }
  | { kind: "subject_check"; unit: "calendar_days"; amount: number; method: SubjectCheckMethod }
  | { kind: "review" | "follow_up" | "verification"; unit: "business_days"; amount: number };
export type DeadlineKind = DeadlineRule["kind"];

export type DeadlineOptions = {
  /** The agency's overseas follow-up interval in business days (agencies.overseas_follow_up_days). */
  overseasFollowUpDays: number;
  /** oa_cn_org's subject check: the card's choice, else DEFAULT_SUBJECT_CHECK_METHOD. */
  paymentMethod?: SubjectCheckMethod | null;
};

/**
 * The deadline rule of entering `stage` in `pipeline`, or null when the stage has none
 * (intake, documents, the side states, the end states…). A Chinese individual's subject
 * form needs no payment and no verification (domain.md §3.2), so it has no deadline.
 */
export function deadlineRule(pipeline: Pipeline, stage: Stage, options: DeadlineOptions): DeadlineRule | null {
  const mainland = pipeline === "oa_cn_org" || pipeline === "oa_cn_individual";
  if (mainland && stage === "account_created") return { kind: "activation_link", unit: "hours", amount: ACTIVATION_LINK_HOURS };
  if (pipeline === "oa_cn_org" && stage === "subject_submitted") {
    const method = options.paymentMethod ?? DEFAULT_SUBJECT_CHECK_METHOD;
    return { kind: "subject_check", unit: "calendar_days", amount: SUBJECT_CHECK_DAYS[method], method };
  }
  if (mainland && stage === "under_review") return { kind: "review", unit: "business_days", amount: REVIEW_BUSINESS_DAYS };
  if (pipeline === "oa_overseas" && stage === "awaiting_response") {
    const days = options.overseasFollowUpDays;
    const { min, max } = OVERSEAS_FOLLOW_UP_DAYS_RANGE;
    if (!Number.isInteger(days) || days < min || days > max) {
      throw new RangeError(`the overseas follow-up interval is ${min}–${max} business days, not ${days}`);
    }
    return { kind: "follow_up", unit: "business_days", amount: days };
  }
  if (pipeline === "wecom" && stage === "verification_submitted") {
    return { kind: "verification", unit: "business_days", amount: WECOM_VERIFICATION_BUSINESS_DAYS };
  }
  return null;
}

export type EnteringStage = DeadlineOptions & {
  pipeline: Pipeline;
  stage: Stage;
  /** When the card entered the stage. */
  enteredAt: Date;
  /** The agency's calendar, covering at least the weeks after enteredAt. */
  calendar: BusinessCalendar;
  /** The agency's time zone (agencies.time_zone). */
  timeZone: string;
};

/**
 * When the card's deadline falls, entering `stage` at `enteredAt`; null when the stage
 * sets none. Hours are wall-clock hours from `enteredAt`; days (calendar or business)
 * start counting the day after the local date of `enteredAt` and end at 23:59:59 in
 * the agency's time zone (design.md §5).
 */
export function dueAtOnEntering(input: EnteringStage): Date | null {
  const rule = deadlineRule(input.pipeline, input.stage, input);
  if (!rule) return null;
  switch (rule.unit) {
    case "hours":
      return new Date(input.enteredAt.getTime() + rule.amount * 3_600_000);
    case "calendar_days":
      return addCalendarDays(input.enteredAt, rule.amount, input.timeZone);
    case "business_days":
      return addBusinessDays(input.enteredAt, rule.amount, input.calendar, input.timeZone);
  }
}

/* ------------------------------------------------- yearly verification */

/**
 * WeChat verification lasts a year (domain.md §3.1 step 10 [R6]); WeChat warns three
 * months ahead, and Weidesk reminds at 90, 30 and 7 days before it lapses (design.md §5).
 */
export const VERIFICATION_WARNING_DAYS = [90, 30, 7] as const;
export type VerificationWarningDays = (typeof VERIFICATION_WARNING_DAYS)[number];

const DAY_MS = 86_400_000;

/** verified_until = verified_at + 1 year; a 29 February verification lapses on 28 February. */
export function verificationExpiresAt(verifiedAt: Date): Date {
  const next = new Date(verifiedAt.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  if (next.getUTCDate() !== verifiedAt.getUTCDate()) next.setUTCDate(0);
  return next;
}

/** When each reminder is due: `days` whole days (of 24 hours) before `expiresAt`, most distant first. */
export function verificationWarningDates(expiresAt: Date): { days: VerificationWarningDays; at: Date }[] {
  return VERIFICATION_WARNING_DAYS.map((days) => ({ days, at: new Date(expiresAt.getTime() - days * DAY_MS) }));
}

export type VerificationWarning = {
  /** Whole days left, rounded up (a few hours left is 1); 0 or less once expired. */
  daysLeft: number;
  expired: boolean;
  /** The nearest reminder reached (90, 30 or 7), or null: not yet within 90 days, or expired. */
  threshold: VerificationWarningDays | null;
};

/** Where a verification expiring at `expiresAt` stands at `now`. */
export function verificationWarnings(expiresAt: Date, now: Date): VerificationWarning {
  const left = expiresAt.getTime() - now.getTime();
  // `|| 0`: no -0 for the first moments after expiry.
  const daysLeft = Math.ceil(left / DAY_MS) || 0;
  if (left <= 0) return { daysLeft, expired: true, threshold: null };
  const reached = VERIFICATION_WARNING_DAYS.filter((days) => daysLeft <= days);
  return { daysLeft, expired: false, threshold: reached.at(-1) ?? null };
}
