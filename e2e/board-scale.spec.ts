/**
 * Issue 7, "what it must show" (design.md §8: a 5 000-card board; DOM nodes ≤ 6 000, columns
 * show 20 cards, then load more): an agency of its own ("board-scale", so the demo agency's
 * specs never see its cards) is filled through the control endpoint by the seed generator
 * (db/seed-scale.ts) with exactly 5 000 cards in the oa_cn_org pipeline. A staff member
 * of it opens that board; once it has rendered and hydrated, the page's element count
 * (document.querySelectorAll("*")) must stay within 6 000, no column may show more than 20
 * cards, and the columns' counts must add up to the 5 000. The count is printed as an
 * annotation (the list reporter shows it; test-results/e2e.json keeps it).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { format, messages } from "./support/messages";

const m = messages("en");
const SLUG = "board-scale";
const PIPELINE = "oa_cn_org";
const CARDS = 5_000;
const MAX_DOM_NODES = 6_000;
const COLUMN_PAGE_SIZE = 20;

type BoardScale = { slug: string; users: { email: string; role: string }[]; cards: Record<string, number>; ms: number };

/** The agency with its 5 000-card pipeline (made once per run by scripts/e2e-server.ts). */
async function boardScaleAgency(): Promise<BoardScale> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures/board-scale`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ slug: SLUG }),
  });
  if (!response.ok) throw new Error(`POST /fixtures/board-scale on the control endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as BoardScale;
}

const boardOf = (page: Page) => page.getByRole("region", { name: format(m.board.board.label, { pipeline: m.clientsList.pipelines[PIPELINE] }) });

test.beforeEach(async ({ consoleErrors }) => {
  // As in board.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

test("a 5 000-card pipeline: the board stays within 6 000 DOM nodes, 20 cards a column", async ({ page, signIn }) => {
  // The generator takes a few seconds the first time; the board of 5 000 cards is then an ordinary page.
  test.setTimeout(90_000);
  const agency = await boardScaleAgency();
  expect(agency.cards[PIPELINE], `cards per pipeline: ${JSON.stringify(agency.cards)}`).toBe(CARDS);
  const staff = agency.users.find((user) => user.role === "staff");
  expect(staff, JSON.stringify(agency.users)).toBeDefined();
  await signIn(staff!.email);

  await page.goto(`/${agency.slug}/registrations?pipeline=${PIPELINE}`);
  const board = boardOf(page);
  await expect(board).toHaveAttribute("data-hydrated", "true");
  const columns = board.locator("section[data-stage]");
  await expect(columns.first()).toBeVisible();
  // The toolbar's total, as the catalogue words it ("5,000 cards").
  await expect(page.getByRole("status").filter({ hasText: `${CARDS.toLocaleString("en")} cards` })).toBeVisible();

  const shown = await columns.evaluateAll((sections) =>
    sections.map((section) => ({
      stage: section.getAttribute("data-stage"),
      cards: section.querySelectorAll("[data-card-id]").length,
      // The count badge: its title is the catalogue's "{count} cards", the number grouped ("1,234").
      count: Number((section.querySelector("header [title]")?.getAttribute("title") ?? "").replace(/\D/g, "")),
    })),
  );
  const nodes = await page.evaluate(() => document.querySelectorAll("*").length);
  const summary = shown.map((column) => `${column.stage} ${column.cards}/${column.count}`).join(", ");
  test.info().annotations.push(
    { type: "DOM nodes", description: `${nodes} elements for ${CARDS} cards (limit ${MAX_DOM_NODES}, design.md §8)` },
    { type: "columns (shown/count)", description: summary },
    { type: "fixture", description: `/${agency.slug} made by the seed generator in ${(agency.ms / 1000).toFixed(1)} s` },
  );
  console.log(`[board-scale] ${nodes} DOM elements; ${summary}`);

  expect(shown.length, "the board's columns").toBeGreaterThan(1);
  for (const column of shown) {
    expect(column.cards, `${column.stage} shows ${column.cards} cards`).toBeLessThanOrEqual(COLUMN_PAGE_SIZE);
    expect(column.cards, `${column.stage} shows ${column.cards} of ${column.count}`).toBeLessThanOrEqual(column.count);
  }
  // Some column holds more than a page, and shows just the first 20 of it.
  expect(shown.some((column) => column.count > COLUMN_PAGE_SIZE && column.cards === COLUMN_PAGE_SIZE), summary).toBe(true);
  expect(shown.reduce((sum, column) => sum + column.count, 0), summary).toBe(CARDS);
  expect(nodes, `${nodes} DOM elements`).toBeLessThanOrEqual(MAX_DOM_NODES);
});
