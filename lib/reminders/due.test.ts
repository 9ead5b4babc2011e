/**
 * Which reminder is due when (issue 9 §3), worked out by hand: a card's deadline at
 * 2026-12-10T15:59:59Z (23:59:59 in Shanghai), an expiry at 2027-03-01T00:00:00Z, a
 * document request due on 2026-12-10 in Shanghai and in New York.
 */
import { describe, expect, it } from "vitest";
import { cardReminderAt, registrationKey, requestDeadlines, requestReminderAt, verificationReminderAt, type CardDeadline } from "./due";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dueAt = new Date("2026-12-10T15:59:59Z");
const at = (ms: number) => new Date(dueAt.getTime() + ms);
const card = (pipeline: CardDeadline["pipeline"], stage: CardDeadline["stage"]): CardDeadline => ({ registrationId: "r1", pipeline, stage, dueAt });
const kindAt = (c: CardDeadline, now: Date) => cardReminderAt(c, now, 10)?.kind ?? null;

describe("cardReminderAt", () => {
  it("reminds of the activation link 12 hours ahead, then at the deadline", () => {
    const c = card("oa_cn_org", "account_created");
    expect(kindAt(c, at(-12 * HOUR - 1))).toBeNull();
    expect(kindAt(c, at(-12 * HOUR))).toBe("activation_link_due");
    expect(kindAt(c, at(-1))).toBe("activation_link_due");
    expect(kindAt(c, at(0))).toBe("activation_link_overdue");
    expect(kindAt(card("oa_cn_individual", "account_created"), at(DAY))).toBe("activation_link_overdue");
  });

  it("reminds of an organisation's subject check 2 days ahead, then at the deadline; an individual's has none", () => {
    const c = card("oa_cn_org", "subject_submitted");
    expect(kindAt(c, at(-2 * DAY - 1))).toBeNull();
    expect(kindAt(c, at(-2 * DAY))).toBe("subject_check_due");
    expect(kindAt(c, at(0))).toBe("subject_check_overdue");
    expect(kindAt(card("oa_cn_individual", "subject_submitted"), at(DAY))).toBeNull();
  });

  it("reminds of the review, the overseas follow-up and the WeCom verification only at the deadline", () => {
    for (const [c, kind] of [
      [card("oa_cn_org", "under_review"), "review_overdue"],
      [card("oa_cn_individual", "under_review"), "review_overdue"],
      [card("oa_overseas", "awaiting_response"), "follow_up_due"],
      [card("wecom", "verification_submitted"), "wecom_verification_overdue"],
    ] as const) {
      expect(kindAt(c, at(-1))).toBeNull();
      expect(kindAt(c, at(0))).toBe(kind);
    }
  });

  it("has no reminder for stages without a deadline, side states included", () => {
    for (const stage of ["intake", "documents", "on_hold", "abandoned", "registered"] as const) expect(kindAt(card("oa_cn_org", stage), at(DAY))).toBeNull();
  });

  it("keys the reminder by card, due instant and kind, so a moved deadline gets its own", () => {
    const c = card("oa_cn_org", "account_created");
    expect(cardReminderAt(c, at(0), 10)?.key).toBe("registration:r1:2026-12-10T15:59:59.000Z:activation_link_overdue");
    const later = { ...c, dueAt: new Date(dueAt.getTime() + DAY) };
    expect(cardReminderAt(later, at(DAY), 10)?.key).toBe(registrationKey("r1", later.dueAt, "activation_link_overdue"));
    expect(cardReminderAt(later, at(DAY), 10)?.key).not.toBe(cardReminderAt(c, at(DAY), 10)?.key);
  });
});

describe("verificationReminderAt", () => {
  const expiresAt = new Date("2027-03-01T00:00:00Z");
  const expiry = { source: "official_account" as const, id: "a1", expiresAt };
  const before = (days: number, ms = 0) => new Date(expiresAt.getTime() - days * DAY + ms);

  it("reminds at 90, 30 and 7 days before, each with its own key", () => {
    expect(verificationReminderAt(expiry, before(90, -1))).toBeNull();
    expect(verificationReminderAt(expiry, before(90))).toMatchObject({ kind: "verification_expiring", days: 90, key: "verification:official_account:a1:2027-03-01T00:00:00.000Z:90" });
    expect(verificationReminderAt(expiry, before(31))).toMatchObject({ days: 90 });
    expect(verificationReminderAt(expiry, before(30))).toMatchObject({ days: 30 });
    expect(verificationReminderAt(expiry, before(7))).toMatchObject({ days: 7, key: "verification:official_account:a1:2027-03-01T00:00:00.000Z:7" });
  });

  it("answers only the nearest threshold reached when the clock jumps past several", () => {
    expect(verificationReminderAt(expiry, before(3))).toMatchObject({ days: 7 });
  });

  it("answers verification_expired once past the expiry, keyed by the expiry", () => {
    expect(verificationReminderAt(expiry, before(0, -1))?.kind).toBe("verification_expiring");
    expect(verificationReminderAt(expiry, before(0))).toMatchObject({ kind: "verification_expired", days: null, key: "verification:official_account:a1:2027-03-01T00:00:00.000Z:expired" });
    expect(verificationReminderAt({ ...expiry, source: "wecom_corp" }, before(-400))?.key).toBe("verification:wecom_corp:a1:2027-03-01T00:00:00.000Z:expired");
  });
});

describe("requestReminderAt", () => {
  const request = { documentRequestId: "q1", dueOn: "2026-12-10" };

  it("is due from 00:00 two days before and overdue after 23:59:59 on the due date, in Shanghai", () => {
    expect(requestDeadlines("2026-12-10", "Asia/Shanghai")).toEqual({ remindFrom: new Date("2026-12-07T16:00:00Z"), dueAt: new Date("2026-12-10T15:59:59Z") });
    const kind = (iso: string) => requestReminderAt(request, new Date(iso), "Asia/Shanghai")?.kind ?? null;
    expect(kind("2026-12-07T15:59:59Z")).toBeNull();
    expect(kind("2026-12-07T16:00:00Z")).toBe("document_request_due");
    expect(kind("2026-12-10T15:59:59Z")).toBe("document_request_due");
    expect(kind("2026-12-10T16:00:00Z")).toBe("document_request_overdue");
    expect(requestReminderAt(request, new Date("2026-12-10T16:00:00Z"), "Asia/Shanghai")?.key).toBe("document_request:q1:2026-12-10:document_request_overdue");
  });

  it("follows the agency's time zone", () => {
    // New York is UTC-5 in December: the 10th ends at 2026-12-11T04:59:59Z.
    const kind = (iso: string) => requestReminderAt(request, new Date(iso), "America/New_York")?.kind ?? null;
    expect(kind("2026-12-10T16:00:00Z")).toBe("document_request_due");
    expect(kind("2026-12-11T04:59:59Z")).toBe("document_request_due");
    expect(kind("2026-12-11T05:00:00Z")).toBe("document_request_overdue");
  });
});
