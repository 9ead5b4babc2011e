/** The development outbox (MAIL_OUTBOX=1, as the e2e server runs): reachable, accessible, in both languages. */
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { messages } from "./support/messages";

for (const locale of ["en", "zh-CN"] as const) {
  test(`/dev/outbox answers in ${locale}`, async ({ page, context, baseURL }) => {
    test.skip(!!process.env.SMTP_URL, "SMTP_URL is set: no outbox");
    await usePreferences(context, baseURL!, { locale, theme: "light" });
    const response = await page.goto("/dev/outbox");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: messages(locale).devOutbox.title })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `outbox ${locale}`);
  });
}
