/** Every reminder kind has its words in both languages, with the stage, pipeline and document kinds worded. */
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { reminderKinds, type ReminderData } from "./kinds";
import { reminderWords } from "./words";

const data: ReminderData = {
  company: "上海示例科技有限公司",
  href: "/acme/registrations/1",
  dueAt: "2026-12-10T15:59:59.000Z",
  dueDate: "2026-12-10",
  pipeline: "oa_cn_org",
  stage: "under_review",
  days: 30,
  account: "示例服务号",
  kinds: ["business_licence", "id_card_front"],
  week: "2026-W49",
};

describe("reminderWords", () => {
  it.each(locales)("words every kind in %s", (locale) => {
    for (const kind of reminderKinds) {
      const words = reminderWords(kind, locale, data);
      expect(words.title.length).toBeGreaterThan(0);
      expect(words.body).not.toMatch(/[{}]/);
      expect(`${words.title} ${words.body}`).not.toContain("reminders.");
      if (locale === "zh-CN") expect(words.body).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names the stage, pipeline and document kinds in the reader's language", () => {
    expect(reminderWords("review_overdue", "zh-CN", data).body).toContain("微信审核中");
    expect(reminderWords("review_overdue", "en", data).body).toContain("Official Account · Chinese organisation");
    expect(reminderWords("document_request_due", "zh-CN", data).body).toContain("营业执照、身份证人像面");
    expect(reminderWords("document_request_due", "en", data).body).toContain("Business licence, ID card, photo side");
    expect(reminderWords("verification_expiring", "en", data).title).toBe("Verification expires in 30 days: 示例服务号");
  });
});
