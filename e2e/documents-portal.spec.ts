/**
 * Issue 8 §2, §5 on a phone: a client administrator opens the portal, opens a document
 * request, uploads a real JPEG from the file picker and watches it go up, then sees it
 * waiting for review; staff reject it with a reason; the client reads the reason and
 * uploads a new version; staff approve it; the card's required documents move from 0 to
 * 1 approved. And an oversized PNG: the portal asks, makes a JPEG copy under 2 MiB in the
 * browser and uploads that. Screenshots of the portal's request page in both languages
 * go to e2e/screenshots/.
 *
 * Each test makes its own registration and request (control endpoint), so reruns and
 * other specs do not disturb it.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addDocumentRequest } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const LICENCE_JPEG = path.join(import.meta.dirname, "fixtures", "licence.jpg");
const phone = { width: 390, height: 844 };
const en = messages("en");
const zh = messages("zh-CN");

/** A full-page shot from the top, nothing focused (the sticky header and the skip link stay where they belong). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled", caret: "hide" });
}

/** The request's section for one kind (its h2 names it). */
const kindSection = (page: Page, kindName: string) => page.getByRole("region", { name: exact(kindName) });

/**
 * Slows the page's uploads to about `bytesPerSecond` (Chromium's network emulation), so
 * the progress bar can be seen moving (a local upload is over in a blink).
 */
async function slowUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

/** Picks `file` through the file chooser the upload button opens. */
async function chooseFile(page: Page, section: ReturnType<typeof kindSection>, buttonName: string, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent("filechooser");
  await section.getByRole("button", { name: exact(buttonName) }).click();
  await (await chooser).setFiles(file);
}

test.describe("the portal's documents, on a phone", () => {
  test.use({ viewport: phone });

  test("upload a JPEG, rejected with a reason, a new version, approved: the card's documents move", async ({ page, browser, baseURL, signIn }) => {
    test.setTimeout(120_000);
    const { requestId, registrationId } = await addDocumentRequest({ agencySlug: DEMO_AGENCY.slug, message: "Please send a colour scan of the licence." });
    const licence = en.catalogue.documentKinds.business_licence;
    await signIn(demoUser("client_admin").email);
    await usePreferences(page.context(), baseURL!, { locale: "en" });

    // Staff, in a browser of their own: the card asks for two documents, none approved yet.
    const staff: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(demoUser("staff").email, staff);
    await usePreferences(staff, baseURL!, { locale: "en" });
    const staffPage = await staff.newPage();
    const requiredList = () => staffPage.getByRole("heading", { name: exact(en.board.detail.documents.required) }).locator("xpath=following-sibling::ul[1]/li");
    await staffPage.goto(`/${DEMO_AGENCY.slug}/registrations/${registrationId}`);
    await expect(requiredList()).toHaveCount(2);
    await expect(requiredList().filter({ has: staffPage.getByText(exact(en.board.detail.documents.approved)) })).toHaveCount(0);
    await expect(requiredList().filter({ has: staffPage.getByText(exact(en.board.detail.documents.missing)) })).toHaveCount(2);

    // The portal home lists the request; it opens on its own page.
    await page.goto(`/portal/${DEMO_AGENCY.slug}`);
    await page.locator(`a[href$="/requests/${requestId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/portal/${DEMO_AGENCY.slug}/requests/${requestId}$`));
    await expect(page.getByRole("heading", { level: 1, name: exact(en.portal.request.title) })).toBeVisible();
    await expect(page.getByText("Please send a colour scan of the licence.")).toBeVisible();
    const section = kindSection(page, licence);
    await expect(section.getByText(exact(en.portal.request.status.requested))).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the portal's request page");
    await shoot(page, "portal-request-en-phone-waiting");

    // A real JPEG from the file picker: the progress bar, then waiting for review.
    await slowUploads(page, 12 * 1024);
    await chooseFile(page, section, en.portal.request.uploadFirst, LICENCE_JPEG);
    const progress = section.getByRole("progressbar", { name: exact(en.portal.upload.progressLabel) });
    await expect(progress).toBeVisible();
    await expect(section.getByText(format(en.portal.upload.uploading, { name: "licence.jpg" }))).toBeVisible();
    // It moves: some of the file is sent, not yet all of it.
    await expect
      .poll(async () => Number((await progress.getAttribute("aria-valuenow")) ?? "0"), { timeout: 10_000, intervals: [100] })
      .toBeGreaterThan(0);
    await shoot(page, "portal-request-en-phone-uploading");
    // Complete done, the page is read again: the kind waits for review, its upload listed.
    await expect(section.getByText(exact(en.portal.request.status.uploaded))).toBeVisible({ timeout: 20_000 });
    await expect(section.getByText(/licence\.jpg/).first()).toBeVisible();
    const documentId = await section.locator("[data-document-id]").first().getAttribute("data-document-id");
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);

    // Staff reject it with a reason.
    const reason = "The licence is cut off at the bottom. Please photograph the whole page.";
    await staffPage.goto(`/${DEMO_AGENCY.slug}/documents/${documentId}`);
    await staffPage.getByLabel(exact(en.documentsUi.review.reason)).fill(reason);
    await staffPage.getByRole("button", { name: exact(en.documentsUi.review.reject) }).click();
    await expect(staffPage.getByRole("heading", { name: exact(format(en.documentsUi.review.done.rejected, { kind: licence })) })).toBeVisible();

    // The client reads the reason and uploads a new version.
    await page.reload();
    await expect(section.getByText(exact(en.portal.request.status.rejected))).toBeVisible();
    await expect(section.getByText(format(en.portal.request.reason, { reason }))).toBeVisible();
    await shoot(page, "portal-request-en-phone-rejected");
    await chooseFile(page, section, en.portal.request.uploadAgain, {
      name: "licence-whole-page.jpg",
      mimeType: "image/jpeg",
      buffer: await sharp(LICENCE_JPEG).rotate(180).jpeg({ quality: 85 }).toBuffer(),
    });
    await expect(section.getByText(exact(en.portal.request.status.uploaded))).toBeVisible({ timeout: 20_000 });
    await expect(section.getByText(/licence-whole-page\.jpg/)).toBeVisible();
    await expect(section.getByText(exact(format(en.portal.request.version, { number: "2" })))).toBeVisible();
    await expect(section.getByText(exact(format(en.portal.request.version, { number: "1" })))).toBeVisible();
    // Still the same document: version 2 of it.
    await expect(section.locator(`[data-document-id="${documentId}"]`)).toHaveCount(1);

    // Staff approve the new version; the card's documents move from 0 to 1 of 2 approved.
    await staffPage.goto(`/${DEMO_AGENCY.slug}/documents/${documentId}`);
    await staffPage.getByRole("button", { name: exact(en.documentsUi.review.approve) }).click();
    await expect(staffPage.getByRole("heading", { name: exact(format(en.documentsUi.review.done.approved, { kind: licence })) })).toBeVisible();
    await staffPage.goto(`/${DEMO_AGENCY.slug}/registrations/${registrationId}`);
    const approvedItems = requiredList().filter({ has: staffPage.getByText(exact(en.board.detail.documents.approved)) });
    await expect(approvedItems).toHaveCount(1);
    await expect(requiredList().filter({ has: staffPage.getByText(exact(en.board.detail.documents.missing)) })).toHaveCount(1);
    await expect(approvedItems.getByText(exact(licence))).toBeVisible();

    // The client sees it approved, in both languages.
    await page.reload();
    // The kind's status (the version's own verdict says the same below it).
    await expect(section.getByText(exact(en.portal.request.status.approved)).first()).toBeVisible();
    await expect(section.getByRole("button", { name: exact(en.portal.request.uploadAgain) })).toHaveCount(0);
    await shoot(page, "portal-request-en-phone-approved");
    await usePreferences(page.context(), baseURL!, { locale: "zh-CN" });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: exact(zh.portal.request.title) })).toBeVisible();
    await expect(kindSection(page, zh.catalogue.documentKinds.business_licence).getByText(exact(zh.portal.request.status.approved)).first()).toBeVisible();
    await shoot(page, "portal-request-zh-CN-phone-approved");
    await page.goto(`/portal/${DEMO_AGENCY.slug}`);
    await shoot(page, "portal-home-zh-CN-phone");
    await staff.close();
  });

  test("an oversized PNG: asked first, then a JPEG copy under 2 MiB is uploaded; a comment to the agency", async ({ page, baseURL, signIn }) => {
    test.setTimeout(120_000);
    const { requestId } = await addDocumentRequest({ agencySlug: DEMO_AGENCY.slug });
    await signIn(demoUser("client_admin").email);
    await usePreferences(page.context(), baseURL!, { locale: "zh-CN" });
    // Noise does not compress: a PNG well over the 2 MiB limit.
    const width = 1400;
    const height = 1000;
    const noise = randomBytes(width * height * 3);
    const png = await sharp(noise, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
    expect(png.length).toBeGreaterThan(2 * 1024 * 1024);

    await page.goto(`/portal/${DEMO_AGENCY.slug}/requests/${requestId}`);
    const section = kindSection(page, zh.catalogue.documentKinds.verification_letter);
    const posted: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && !request.url().startsWith(baseURL!)) posted.push(request.url());
    });
    await chooseFile(page, section, zh.portal.request.uploadFirst, { name: "公函.png", mimeType: "image/png", buffer: png });
    // Asked first, in plain words; nothing is sent before the answer.
    await expect(section.getByText(format(zh.portal.upload.consent.format, { limit: "2" }))).toBeVisible();
    expect(posted).toEqual([]);
    await shoot(page, "portal-request-zh-CN-phone-consent");
    await section.getByRole("button", { name: exact(zh.portal.upload.consent.accept) }).click();
    await expect(section.getByText(exact(zh.portal.request.status.uploaded))).toBeVisible({ timeout: 30_000 });
    await expect(section.getByText(/公函\.jpg/)).toBeVisible();
    // What went to the store, read back: a JPEG under the limit, without EXIF (so no location).
    expect(posted).toHaveLength(1);
    const download = section.getByRole("link", { name: exact(format(zh.portal.request.downloadNamed, { name: "公函.jpg" })) });
    const stored = await page.request.get((await download.getAttribute("href"))!);
    expect(stored.status()).toBe(200);
    const bytes = await stored.body();
    expect(bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(metadata.exif).toBeUndefined();

    // A message to the agency on the thread.
    await page.getByLabel(exact(zh.portal.comments.label)).fill("执照原件在外地，下周补拍。");
    await page.getByRole("button", { name: exact(zh.portal.comments.submit) }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "执照原件在外地，下周补拍。" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "执照原件在外地，下周补拍。" }).getByText(exact(zh.portal.comments.you))).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the portal's request page (zh-CN)");
    await shoot(page, "portal-request-zh-CN-phone-uploaded");

    // English, the same page.
    await usePreferences(page.context(), baseURL!, { locale: "en" });
    await page.reload();
    await expect(kindSection(page, en.catalogue.documentKinds.verification_letter).getByText(exact(en.portal.request.status.uploaded))).toBeVisible();
    await shoot(page, "portal-request-en-phone-uploaded");
  });

  test("another company's request is not found", async ({ page, signIn, consoleErrors }) => {
    consoleErrors.allow(/404/);
    await signIn(demoUser("client_admin").email);
    const { requestId } = await addDocumentRequest({ agencySlug: DEMO_AGENCY.slug, otherCompany: true });
    const response = await page.goto(`/portal/${DEMO_AGENCY.slug}/requests/${requestId}`);
    expect(response?.status()).toBe(404);
  });
});
