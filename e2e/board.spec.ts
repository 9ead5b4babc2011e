/**
 * Issue 7 §3 and §5 in a browser: the registrations board. Each test makes its own client
 * company with a WeCom corp (its card starts in the first stage of the `wecom` pipeline) and
 * opens the board filtered to that client, so the cards it moves are its own:
 * - switch pipeline with the switcher (?pipeline=);
 * - move the card with the keyboard (space, arrow, space) and with the mouse, and find it in
 *   its new column after a reload;
 * - a stale move: the card was moved in another page first; the move gets 409, the card
 *   shows where it really is and the message says who moved it;
 * - a column the card may not go to is greyed, with the reason, while the card is held over it;
 * - the drawer opens from the URL (?card=) and moves the card with its buttons;
 * - two cards selected in the list view are flagged "waiting for client" at once, and the
 *   board shows since when (issue 7 §4).
 * Screenshots of every pipeline's board and of a card's drawer in both languages, for people
 * to look at (e2e/screenshots/, as screenshots.spec.ts).
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, format, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser, SHELL_USER } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const STAFF = demoUser("staff");
const pipelines = ["oa_cn_org", "oa_cn_individual", "oa_overseas", "wecom"] as const;

test.beforeEach(async ({ consoleErrors }) => {
  // As in clients-forms.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

type Fixture = { companyId: string; name: string; boardUrl: string };

/** A client company of its own with a WeCom corp: one card, in the `wecom` pipeline's first stage. */
async function companyWithCorp(page: Page): Promise<Fixture> {
  const name = `看板测试企业${randomBytes(3).toString("hex")}`;
  const { id: companyId } = await addCompany({ agencySlug: DEMO_AGENCY.slug, name, assigneeEmail: STAFF.email });
  await page.goto(`/${DEMO_AGENCY.slug}/clients/${companyId}?tab=accounts`);
  const dialog = page.getByRole("dialog", { name: m.wecomForm.title });
  // A click before hydration opens nothing: click until the dialog is there.
  await expect(async () => {
    if (!(await dialog.isVisible())) await page.getByRole("button", { name: m.wecomForm.open }).click();
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(dialog.getByLabel(m.wecomForm.corpName)).toHaveValue(name);
  await dialog.getByRole("button", { name: m.wecomForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  // The page refreshes with the new corp: the buttons move from the empty state to above the
  // table (remounting them), so wait for the table before opening a dialog again.
  await expect(page.getByRole("table", { name: m.clientPage.accounts.caption })).toBeVisible();
  return { companyId, name, boardUrl: `/${DEMO_AGENCY.slug}/registrations?pipeline=wecom&client=${companyId}` };
}

const stage = (key: keyof typeof m.portal.stages) => m.portal.stages[key];
const oaTab = (key: "oa_cn_org" | "oa_cn_individual" | "oa_overseas") => `${m.board.pipelines.group} · ${m.board.pipelines[key]}`;
const boardOf = (page: Page) => page.getByRole("region", { name: format(m.board.board.label, { pipeline: m.clientsList.pipelines.wecom }) });
const column = (page: Page, key: keyof typeof m.portal.stages) => boardOf(page).getByRole("region", { name: exact(stage(key)) });
const cardIn = (place: Locator, fixture: Fixture) => place.getByRole("button", { name: new RegExp(fixture.name) });

/** Waits until the board's client code runs, so keys and drags reach it. */
async function openBoard(page: Page, url: string) {
  await page.goto(url);
  await expect(boardOf(page)).toHaveAttribute("data-hydrated", "true");
}

type StageKey = keyof typeof m.portal.stages;

/**
 * Picks the card up with space and takes it, column by column, over `path` with the right
 * arrow, waiting at each step until the board says where the card is (as a person would).
 */
async function pickUpAndMove(page: Page, card: Locator, from: StageKey, path: StageKey[]) {
  await card.focus();
  await page.keyboard.press("Space");
  await expect(column(page, from)).toHaveAttribute("data-over", "true");
  for (const key of path) {
    await page.keyboard.press("ArrowRight");
    await expect(column(page, key)).toHaveAttribute("data-over", "true");
  }
}

test.describe("the registrations board", () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn(STAFF.email);
  });

  test("switches pipeline with the switcher, and every column shows its count", async ({ page }) => {
    await page.goto(`/${DEMO_AGENCY.slug}/registrations`);
    const switcher = page.getByRole("navigation", { name: m.board.pipelines.label });
    await expect(switcher.getByRole("link", { name: oaTab("oa_cn_org") })).toHaveAttribute("aria-current", "page");
    await switcher.getByRole("link", { name: exact(m.board.pipelines.wecom) }).click();
    await expect(page).toHaveURL(/[?&]pipeline=wecom(&|$)/);
    await expect(switcher.getByRole("link", { name: exact(m.board.pipelines.wecom) })).toHaveAttribute("aria-current", "page");
    const board = boardOf(page);
    for (const key of ["intake", "admin_appointed", "verification_submitted", "live", "on_hold"] as const) {
      await expect(board.getByRole("heading", { name: exact(stage(key)) })).toBeVisible();
    }
    await expectNoSeriousA11yViolations(page);
  });

  test("moves a card with the keyboard and with the mouse; after a reload it stays moved", async ({ page }) => {
    const fixture = await companyWithCorp(page);
    await openBoard(page, fixture.boardUrl);
    await expect(cardIn(column(page, "intake"), fixture)).toBeVisible();

    // Keyboard: space picks it up, the right arrow goes to the next column, space drops it.
    await pickUpAndMove(page, cardIn(column(page, "intake"), fixture), "intake", ["admin_appointed"]);
    await page.keyboard.press("Space");
    await expect(page.getByRole("status").filter({ hasText: format(m.board.moves.moved, { stage: stage("admin_appointed") }) })).toBeVisible();
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toBeVisible();
    await expect(cardIn(column(page, "intake"), fixture)).toHaveCount(0);
    await openBoard(page, fixture.boardUrl);
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toBeVisible();

    // Mouse: press, move past the drag threshold, over the next column, release.
    const card = cardIn(column(page, "admin_appointed"), fixture);
    const from = (await card.boundingBox())!;
    const to = (await column(page, "documents").boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 12 });
    await page.mouse.up();
    await expect(page.getByRole("status").filter({ hasText: format(m.board.moves.moved, { stage: stage("documents") }) })).toBeVisible();
    await openBoard(page, fixture.boardUrl);
    await expect(cardIn(column(page, "documents"), fixture)).toBeVisible();
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toHaveCount(0);
  });

  test("a column the card cannot go to is greyed, with the reason, while the card is held over it", async ({ page }) => {
    const fixture = await companyWithCorp(page);
    await openBoard(page, fixture.boardUrl);
    // From the first stage, two columns to the right: one stage at a time.
    await pickUpAndMove(page, cardIn(column(page, "intake"), fixture), "intake", ["admin_appointed", "documents"]);
    const documents = column(page, "documents");
    await expect(documents).toHaveAttribute("data-refused", "true");
    await expect(documents.getByRole("note")).toContainText(m.board.column.refused);
    await expect(documents.getByRole("note")).toContainText(m.registrationMoves.refusals.oneStepAtATime);
    // The next stage is open to it, and not greyed.
    await expect(column(page, "admin_appointed")).not.toHaveAttribute("data-refused", "true");
    // Dropped there anyway: refused, and the card stays.
    await page.keyboard.press("Space");
    await expect(page.getByRole("alert").filter({ hasText: m.registrationMoves.refusals.oneStepAtATime })).toBeVisible();
    await expect(cardIn(column(page, "intake"), fixture)).toBeVisible();
    await expect(documents).not.toHaveAttribute("data-refused", "true");
  });

  test("a stale move: someone moved the card first; the card shows where it is and the message says who", async ({ page, context }) => {
    const fixture = await companyWithCorp(page);
    await openBoard(page, fixture.boardUrl);
    await expect(cardIn(column(page, "intake"), fixture)).toBeVisible();

    // Meanwhile, in another tab: the card moves on.
    const other = await context.newPage();
    await openBoard(other, fixture.boardUrl);
    await pickUpAndMove(other, cardIn(column(other, "intake"), fixture), "intake", ["admin_appointed"]);
    await other.keyboard.press("Space");
    await expect(cardIn(column(other, "admin_appointed"), fixture)).toBeVisible();
    await expect(other.getByRole("status").filter({ hasText: format(m.board.moves.moved, { stage: stage("admin_appointed") }) })).toBeVisible();
    await other.close();

    // This page still shows it in the first stage, with the version it read then: put it on hold,
    // the first side column, right after the pipeline's nine stages.
    const onHold = column(page, "on_hold");
    await pickUpAndMove(page, cardIn(column(page, "intake"), fixture), "intake", [
      "admin_appointed",
      "documents",
      "corp_created",
      "verification_submitted",
      "verified",
      "backend_configured",
      "members_invited",
      "live",
      "on_hold",
    ]);
    await expect(onHold).not.toHaveAttribute("data-refused", "true");
    await page.keyboard.press("Space");
    const alert = page.getByRole("alert").filter({ hasText: STAFF.name });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(stage("admin_appointed"));
    // The card went back, and shows where it now is.
    await expect(cardIn(onHold, fixture)).toHaveCount(0);
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toBeVisible();
    await openBoard(page, fixture.boardUrl);
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toBeVisible();
  });

  test("the drawer opens from the URL and moves the card with its buttons; Escape closes it", async ({ page }) => {
    const fixture = await companyWithCorp(page);
    await openBoard(page, fixture.boardUrl);
    const cardId = (await cardIn(column(page, "intake"), fixture).getAttribute("data-card-id"))!;

    await page.goto(`${fixture.boardUrl}&card=${cardId}`);
    const drawer = page.getByRole("dialog", { name: fixture.name });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("heading", { name: m.board.detail.sections.timeline })).toBeVisible();
    await expect(drawer.getByText(stage("intake"), { exact: true }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await drawer.getByRole("button", { name: format(m.board.detail.moves.to, { stage: stage("admin_appointed") }) }).click();
    await expect(page.getByRole("status").filter({ hasText: format(m.board.moves.moved, { stage: stage("admin_appointed") }) })).toBeVisible();
    // The drawer reads the card again: the move is in its timeline, and the next moves are offered.
    await expect(drawer.getByRole("button", { name: format(m.board.detail.moves.to, { stage: stage("documents") }) })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(drawer).toHaveCount(0);
    await expect(page).not.toHaveURL(/card=/);
    await expect(cardIn(column(page, "admin_appointed"), fixture)).toBeVisible();

    // Its own page, too.
    await page.goto(`/${DEMO_AGENCY.slug}/registrations/${cardId}`);
    await expect(page.getByRole("heading", { level: 1, name: fixture.name })).toBeVisible();
    await expect(page.getByRole("button", { name: format(m.board.detail.moves.to, { stage: stage("documents") }) })).toBeVisible();
  });

  test("the list view shows the same cards and opens one in the drawer", async ({ page }) => {
    const fixture = await companyWithCorp(page);
    await page.goto(`${fixture.boardUrl}&view=list`);
    const table = page.getByRole("table", { name: m.board.list.caption });
    await expect(table.getByRole("row")).toHaveCount(2);
    await table.getByRole("link", { name: fixture.name }).click();
    await expect(page.getByRole("dialog", { name: fixture.name })).toBeVisible();
    await expect(page).toHaveURL(/[?&]card=[0-9a-f-]{36}/);
  });

  test("selects two cards in the list, flags them as waiting for the client at once, and the board says since when", async ({ page }) => {
    const fixture = await companyWithCorp(page);
    // A second corp of the same client: a second card.
    const second = `${fixture.name}二号`;
    const dialog = page.getByRole("dialog", { name: m.wecomForm.title });
    await expect(async () => {
      if (!(await dialog.isVisible())) await page.getByRole("button", { name: m.wecomForm.open }).click();
      await expect(dialog).toBeVisible({ timeout: 1000 });
    }).toPass();
    await dialog.getByLabel(m.wecomForm.corpName).fill(second);
    await dialog.getByRole("button", { name: m.wecomForm.submit }).click();
    await expect(dialog).toHaveCount(0);

    await page.goto(`${fixture.boardUrl}&view=list`);
    const table = page.getByRole("table", { name: m.board.list.caption });
    await expect(table.getByRole("row")).toHaveCount(3);
    const boxes = table.getByRole("checkbox", { name: format(m.board.list.selectRow, { name: fixture.name }) });
    await expect(boxes).toHaveCount(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();

    const bar = page.getByRole("region", { name: m.board.bulk.label });
    await expect(bar.getByText("2 cards selected")).toBeVisible();
    const waitingForm = bar.locator("form").filter({ has: page.getByLabel(m.board.bulk.waiting) });
    await waitingForm.getByLabel(m.board.bulk.waiting).selectOption({ label: m.board.card.waiting.client });
    await waitingForm.getByRole("button", { name: m.board.bulk.apply }).click();
    await expect(page.getByRole("status").filter({ hasText: "Waiting flag set on 2 cards" })).toBeVisible();
    await expect(bar).toHaveCount(0);

    const since = new RegExp(`^${m.board.card.waitingSince.client.replace("{date}", ".+")}$`);
    await expect(table.getByText(since)).toHaveCount(2);
    await openBoard(page, fixture.boardUrl);
    await expect(column(page, "intake").getByText(since)).toHaveCount(2);
  });
});

test.describe("screenshots of the board", () => {
  test.use({ viewport: { width: 1280, height: 800 }, reuseSessions: true });
  const shoot = (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage, animations: "disabled", caret: "hide" });

  for (const locale of locales) {
    const l = messages(locale);
    const boardIn = (page: Page, pipeline: (typeof pipelines)[number]) =>
      page.getByRole("region", { name: format(l.board.board.label, { pipeline: l.clientsList.pipelines[pipeline] }) });

    for (const pipeline of pipelines) {
      test(`the ${pipeline} board, ${locale}`, async ({ page, context, baseURL, signIn }) => {
        await signIn(SHELL_USER.email);
        await usePreferences(context, baseURL!, { locale, theme: "light" });
        await page.goto(`/${DEMO_AGENCY.slug}/registrations?pipeline=${pipeline}`);
        await expect(boardIn(page, pipeline)).toHaveAttribute("data-hydrated", "true");
        await shoot(page, `board-${pipeline}-${locale}-light-desktop`);
        if (pipeline !== "oa_cn_org") return;
        await page.setViewportSize({ width: 375, height: 812 });
        await expect(boardIn(page, pipeline)).toBeVisible();
        await shoot(page, `board-${pipeline}-${locale}-light-phone`);
      });
    }

    test(`a card's drawer and the list view, ${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(SHELL_USER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(`/${DEMO_AGENCY.slug}/registrations`);
      const board = boardIn(page, "oa_cn_org");
      await expect(board).toHaveAttribute("data-hydrated", "true");
      await board.getByRole("region", { name: exact(l.portal.stages.documents) }).getByRole("button").first().click();
      const drawer = page.getByRole("dialog");
      await expect(drawer.getByRole("heading", { name: l.board.detail.sections.timeline })).toBeVisible();
      await shoot(page, `board-drawer-${locale}-light-desktop`, false);
      await expectNoSeriousA11yViolations(page);
      await page.setViewportSize({ width: 375, height: 812 });
      await shoot(page, `board-drawer-${locale}-light-phone`, false);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.keyboard.press("Escape");
      await expect(drawer).toHaveCount(0);
      await page.goto(`/${DEMO_AGENCY.slug}/registrations?view=list`);
      await expect(page.getByRole("table", { name: l.board.list.caption })).toBeVisible();
      await shoot(page, `board-list-${locale}-light-desktop`);
    });
  }
});
