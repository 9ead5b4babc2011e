/**
 * Notifications (issue 9): the bell in the staff app's header and the inbox behind it, as
 * the demo agency's owner with notifications seeded the way the reminder sweep writes
 * them. The bell says the unread count; it opens and closes by keyboard (Escape gives the
 * focus back); opening a notification lands on its page and the count drops; the inbox
 * filters unread in the URL and marks one read; "Mark all as read" takes the badge away.
 * Then the same in Chinese, on a phone, and the portal's bell for the client
 * administrator. Screenshots in test-results/screenshots/.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { IntlMessageFormat } from "intl-messageformat";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { addNotifications, type SeededNotification } from "./support/control";
import { exact, messages, type Locale } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const en = messages("en");
const zh = messages("zh-CN");
const SCREENSHOT_DIR = path.join(import.meta.dirname, "..", "test-results", "screenshots");
const OWNER = demoUser("owner");
const CLIENT_ADMIN = demoUser("client_admin");
const slug = DEMO_AGENCY.slug;

const icu = (template: string, locale: Locale, values: Record<string, string | number>) =>
  String(new IntlMessageFormat(template, locale).format(values));

/** The bell's accessible name for `count` unread. */
const bellName = (count: number, locale: Locale = "en") =>
  icu(messages(locale).notifications.bell.label, locale, { count });

const bell = (page: Page, m = en) => page.getByRole("button", { name: new RegExp(`^${m.notifications.bell.heading}[,，]`) });
const panel = (page: Page, m = en) => page.getByRole("region", { name: m.notifications.bell.heading });

/** What the reminder sweep writes: ReminderData with its href. */
function seeded(): SeededNotification[] {
  return [
    {
      kind: "review_overdue",
      data: {
        company: "上海明远科技有限公司",
        href: `/${slug}/registrations`,
        dueDate: "2026-11-30",
        stage: "under_review",
        pipeline: "oa_cn_org",
      },
      minutesAgo: 90,
    },
    {
      kind: "verification_expiring",
      data: { company: "Harbour Lane Trading Pte. Ltd.", account: "港湾优选", href: `/${slug}/accounts`, days: 30, dueDate: "2027-01-01" },
      minutesAgo: 60 * 26,
    },
    {
      kind: "document_request_due",
      data: { company: "杭州青禾文化传媒有限公司", href: `/${slug}/documents`, dueDate: "2026-12-04", kinds: ["business_licence", "id_card_front"] },
      minutesAgo: 5,
    },
    { kind: "weekly_digest", data: { week: "2026-W48", href: `/${slug}`, company: "" }, minutesAgo: 60 * 24 * 3, read: true },
  ];
}

async function screenshot(page: Page, file: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), animations: "disabled", caret: "hide" });
}

/** Opens the bell by keyboard, once the page has hydrated and the button answers. */
async function openBell(page: Page, m = en) {
  await expect(async () => {
    await bell(page, m).focus();
    await page.keyboard.press("Enter");
    await expect(panel(page, m)).toBeVisible({ timeout: 1000 });
  }).toPass();
}

test.setTimeout(180_000);

test("the bell counts, opens by keyboard, leads to a notification's page, and marks all read", async ({ page, setLanguage, signIn }) => {
  await addNotifications({ agencySlug: slug, email: OWNER.email, clear: true, items: seeded() });
  await signIn(OWNER.email);
  await setLanguage("en");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/${slug}`);

  await expect(bell(page)).toHaveAccessibleName(bellName(3));
  await expect(bell(page)).toContainText("3");

  // By keyboard: Enter opens it with the focus on the button; Escape closes it and keeps the focus there.
  await openBell(page);
  await expect(bell(page)).toBeFocused();
  await expect(bell(page)).toHaveAttribute("aria-expanded", "true");
  const items = panel(page).getByRole("listitem");
  await expect(items).toHaveCount(4);
  // Newest first, worded from the catalogue (the document kinds too).
  await expect(items.first()).toContainText("杭州青禾文化传媒有限公司");
  await expect(items.first()).toContainText(en.catalogue.documentKinds.business_licence);
  await expect(items.nth(1)).toContainText(en.portal.stages.under_review);
  await expect(items.first()).toContainText(en.notifications.item.unread);
  await expectNoSeriousA11yViolations(page, "the bell, open");
  await screenshot(page, "notifications-bell-en.png");
  await page.keyboard.press("Escape");
  await expect(panel(page)).toBeHidden();
  await expect(bell(page)).toBeFocused();

  // Tab walks into the panel; Enter on a notification opens its page and marks it read.
  await page.keyboard.press("Enter");
  await expect(panel(page)).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(panel(page).getByRole("button", { name: en.notifications.bell.markAll })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(items.first().getByRole("link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/${slug}/documents`);
  await expect(bell(page)).toHaveAccessibleName(bellName(2));
  await expect(panel(page)).toBeHidden();

  // The inbox: unread in the URL; one marked read from the list.
  await page.goto(`/${slug}/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: exact(en.pages.notifications.title) })).toBeVisible();
  const inbox = page.getByRole("list", { name: en.notifications.inbox.listLabel });
  await expect(inbox.getByRole("listitem")).toHaveCount(4);
  await page.getByRole("navigation", { name: en.notifications.inbox.filterLabel }).getByRole("link", { name: new RegExp(`^${en.notifications.inbox.unread}`) }).click();
  await expect(page).toHaveURL(`/${slug}/notifications?unread=1`);
  await expect(inbox.getByRole("listitem")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, "the inbox");
  await screenshot(page, "notifications-inbox-en.png");
  await inbox.getByRole("listitem").first().getByRole("button", { name: new RegExp(`^${en.notifications.item.markRead}`) }).click();
  await expect(page.getByRole("status").filter({ hasText: en.notifications.inbox.markedOne })).toBeVisible();
  await expect(inbox.getByRole("listitem")).toHaveCount(1);
  await expect(bell(page)).toHaveAccessibleName(bellName(1));

  // "Mark all as read" in the bell: the badge goes.
  await openBell(page);
  await panel(page).getByRole("button", { name: en.notifications.bell.markAll }).click();
  await expect(bell(page)).toHaveAccessibleName(bellName(0));
  await expect(bell(page)).not.toContainText(/\d/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: en.notifications.inbox.emptyUnreadTitle })).toBeVisible();
  await screenshot(page, "notifications-inbox-empty-en.png");
});

test("in Chinese, on a laptop and a phone; more than 99 unread show as 99+", async ({ page, setLanguage, signIn }) => {
  const many: SeededNotification[] = Array.from({ length: 100 }, (_, i) => ({
    kind: "weekly_digest",
    data: { week: `2026-W${String((i % 52) + 1).padStart(2, "0")}`, href: `/${slug}`, company: "" },
    minutesAgo: 60 * 24 * 7 + i,
  }));
  await addNotifications({ agencySlug: slug, email: OWNER.email, clear: true, items: [...seeded(), ...many] });
  await signIn(OWNER.email);
  await setLanguage("zh-CN");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/${slug}`);
  await expect(bell(page, zh)).toHaveAccessibleName(zh.notifications.bell.labelMany);
  await expect(bell(page, zh)).toContainText("99+");
  await openBell(page, zh);
  await expect(panel(page, zh).getByRole("listitem")).toHaveCount(8);
  await expect(panel(page, zh).getByRole("listitem").nth(1)).toContainText(zh.portal.stages.under_review);
  await expectNoSeriousA11yViolations(page, "the bell, open, in Chinese");
  await screenshot(page, "notifications-bell-zh.png");

  await page.goto(`/${slug}/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: exact(zh.pages.notifications.title) })).toBeVisible();
  await expect(page.getByRole("list", { name: zh.notifications.inbox.listLabel }).getByRole("listitem")).toHaveCount(20);
  await page.getByRole("link", { name: zh.notifications.inbox.older }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("link", { name: zh.notifications.inbox.newest })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the inbox in Chinese");
  await page.goto(`/${slug}/notifications`);
  await screenshot(page, "notifications-inbox-zh.png");

  // A phone: the panel spans the screen under the header.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/${slug}`);
  await openBell(page, zh);
  const box = await panel(page, zh).boundingBox();
  expect(box!.width).toBeGreaterThan(350);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  await screenshot(page, "notifications-bell-zh-phone.png");
  await page.keyboard.press("Escape");
  await expect(bell(page, zh)).toBeFocused();
});

test("the portal's bell and inbox for the client administrator", async ({ page, setLanguage, signIn }) => {
  await addNotifications({
    agencySlug: slug,
    email: CLIENT_ADMIN.email,
    clear: true,
    items: [
      {
        kind: "document_request_overdue",
        data: { company: "上海明远科技有限公司", href: `/${slug}/clients`, portalHref: `/portal/${slug}`, dueDate: "2026-11-28", kinds: ["business_licence"] },
        minutesAgo: 30,
      },
    ],
  });
  await signIn(CLIENT_ADMIN.email);
  await setLanguage("zh-CN");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/portal/${slug}`);
  await expect(bell(page, zh)).toHaveAccessibleName(bellName(1, "zh-CN"));
  await openBell(page, zh);
  await expectNoSeriousA11yViolations(page, "the portal's bell");
  await screenshot(page, "notifications-portal-zh-phone.png");
  await panel(page, zh).getByRole("link", { name: zh.notifications.bell.seeAll }).click();
  await expect(page).toHaveURL(`/portal/${slug}/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: exact(zh.notifications.portal.title) })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the portal's inbox");
  await screenshot(page, "notifications-portal-inbox-zh-phone.png");
  // Opening it goes to the portal's page (its portalHref), and the count drops.
  await page.getByRole("list", { name: zh.notifications.inbox.listLabel }).getByRole("link").first().click();
  await expect(page).toHaveURL(`/portal/${slug}`);
  await expect(bell(page, zh)).toHaveAccessibleName(bellName(0, "zh-CN"));
});
