/**
 * The staff side of documents (issue 8) in the browser: on a client's Documents tab, a
 * request for chosen kinds (none chosen: the field error) and one for a registration's
 * required set; the review queue lists an upload; on the document's page a rejection
 * needs a reason, then is made with one; a new version is approved, and as it was the
 * card's last required document the page offers the card's next move, which it makes.
 * Staff upload a real JPEG on the client's behalf through the tab's file chooser, and the
 * card page links each document to its review page.
 * Screenshots (EN and ZH) of the tab, its upload field, the queue and the review page go
 * to e2e/screenshots/.
 *
 * The data comes through the JSON API with a token the staff member makes on the API
 * tokens page: an overseas client (control endpoint), an operator, an Official Account whose
 * card is moved to "documents", and uploads through the presigned form.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, test } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, format, messages, type Locale } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const m = messages("en");
const STAFF = demoUser("staff");
const SLUG = DEMO_AGENCY.slug;
const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

test.describe.configure({ mode: "serial" });
test.use({ reuseSessions: true });

/** A 4 × 4 JPEG: real magic bytes, small enough for any limit. */
const JPEG = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa" +
    "KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/" +
    "xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXACrg/9k=",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

let token: string;
let baseURL: string;
let companyId: string;
let companyName: string;
let registrationId: string;
/** The proof of contact details: the card's last required document, reviewed in the browser. */
let contactProof: { documentId: string; versionId: string };

async function api<T>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: T }> {
  const response = await fetch(new URL(`/api/v1${pathname}`, baseURL), {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : null) as T };
}

/** Makes an API token on the API tokens page, as a user would. */
async function makeToken(page: Page): Promise<string> {
  expect((await page.goto(`/${SLUG}/api-tokens`))?.status()).toBe(200);
  const name = `Documents ${Date.now()}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  const value = await reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name }))).inputValue();
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();
  return value;
}

/** Uploads a file as the API does (intent, presigned form, complete): its document and version. */
async function upload(kind: string, file: { bytes: Buffer; name: string; type: "image/jpeg" | "application/pdf" }, documentId?: string) {
  const intent = await api<{ id: string; upload: { url: string; fields: Record<string, string> } }>(
    "POST",
    "/uploads",
    {
      companyId,
      kind,
      fileName: file.name,
      contentType: file.type,
      size: file.bytes.length,
      registrationIds: [registrationId],
      ...(documentId ? { documentId } : {}),
    },
    { "Idempotency-Key": `e2e-${kind}-${Date.now()}-${Math.random()}` },
  );
  expect(intent.status, JSON.stringify(intent.data)).toBe(201);
  const form = new FormData();
  for (const [field, value] of Object.entries(intent.data.upload.fields)) form.append(field, value);
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const sent = await fetch(intent.data.upload.url, { method: "POST", body: form });
  expect(sent.status, await sent.clone().text()).toBeLessThan(300);
  const done = await api<{ documentId: string; versionId: string }>("POST", `/uploads/${intent.data.id}/complete`);
  expect(done.status, JSON.stringify(done.data)).toBe(200);
  return done.data;
}

async function approveThroughApi(documentId: string, versionId: string) {
  const document = await api<{ version: number }>("GET", `/documents/${documentId}`);
  expect(document.status).toBe(200);
  const reviewed = await api("POST", `/document-versions/${versionId}/review`, { decision: "approve", version: document.data.version });
  expect(reviewed.status, JSON.stringify(reviewed.data)).toBe(200);
}

async function shoot(page: Page, name: string, locale: Locale) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${locale}.png`), fullPage: true });
}

test("set up: a token, an overseas client, its Official Account's card in Collecting documents", async ({ page, signIn, setLanguage, baseURL: base }) => {
  baseURL = base!;
  await setLanguage("en");
  await signIn(STAFF.email);
  token = await makeToken(page);
  companyName = `资料测试 ${Date.now()}`;
  companyId = (await addCompany({ agencySlug: SLUG, name: companyName, assigneeEmail: STAFF.email })).id;
  const rng = createRng(Date.now() % 2_147_483_647);
  const person = await api<{ id: string }>("POST", "/people", {
    name: "资料测试运营者",
    idType: "prc_resident_id",
    idNumber: generateResidentId({ rng, birthDate: "1988-04-12" }),
  });
  expect(person.status, JSON.stringify(person.data)).toBe(201);
  const account = await api<{ registrationId: string; version: number }>("POST", "/official-accounts", {
    clientCompanyId: companyId,
    accountType: "service",
    operatorPersonId: person.data.id,
  });
  expect(account.status, JSON.stringify(account.data)).toBe(201);
  registrationId = account.data.registrationId;
  const card = await api<{ version: number; stage: string }>("GET", `/registrations/${registrationId}`);
  const moved = await api<{ stage: string }>("POST", `/registrations/${registrationId}/move`, { to: "documents", version: card.data.version });
  expect(moved.status, JSON.stringify(moved.data)).toBe(200);
  expect(moved.data.stage).toBe("documents");
});

test("a request for chosen kinds (none chosen: the field error), then one for the required set", async ({ page, signIn, setLanguage }) => {
  await setLanguage("en");
  await signIn(STAFF.email);
  const ui = m.documentsUi;
  expect((await page.goto(`/${SLUG}/clients/${companyId}?tab=documents`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: exact(ui.company.emptyTitle) })).toBeVisible();

  await page.getByRole("button", { name: exact(ui.requestDialog.open) }).click();
  let dialog = page.getByRole("dialog", { name: exact(ui.requestDialog.title) });
  await dialog.getByRole("button", { name: exact(ui.requestDialog.submit) }).click();
  await expect(dialog.getByText(exact(m.documentRequests.errors.kindsRequired))).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: exact(m.catalogue.documentKinds.business_licence) })).toHaveAttribute("aria-invalid", "true");

  await dialog.getByRole("checkbox", { name: exact(m.catalogue.documentKinds.logo) }).check();
  await dialog.getByRole("checkbox", { name: exact(m.catalogue.documentKinds.business_card) }).check();
  await dialog.getByLabel(exact(ui.requestDialog.dueOn)).fill("2030-07-01");
  await dialog.getByLabel(exact(ui.requestDialog.message)).fill("A colour scan, please.");
  await dialog.getByRole("button", { name: exact(ui.requestDialog.submit) }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: ui.requestDialog.sent })).toBeVisible();
  const chosen = page.getByRole("listitem", {
    // In the catalogue's order of kinds.
    name: exact(format(ui.company.requestLabel, { kinds: `${m.catalogue.documentKinds.business_card} and ${m.catalogue.documentKinds.logo}` })),
  });
  await expect(chosen).toBeVisible();
  await expect(chosen.getByText(exact(`${m.catalogue.documentKinds.logo} · ${ui.status.requested}`))).toBeVisible();
  await expect(chosen.getByText("A colour scan, please.")).toBeVisible();

  await page.getByRole("button", { name: exact(ui.requestDialog.open) }).click();
  dialog = page.getByRole("dialog", { name: exact(ui.requestDialog.title) });
  await dialog.getByRole("radio", { name: exact(ui.requestDialog.modeRequired) }).check();
  await expect(dialog.getByLabel(exact(ui.requestDialog.registration))).toBeVisible();
  await dialog.getByRole("button", { name: exact(ui.requestDialog.submit) }).click();
  await expect(dialog).toHaveCount(0);
  const required = [m.catalogue.documentKinds.certificate_of_incorporation, m.catalogue.documentKinds.authorisation_letter, m.catalogue.documentKinds.contact_proof];
  const set = page.getByRole("listitem", { name: exact(format(ui.company.requestLabel, { kinds: `${required[0]}, ${required[1]}, and ${required[2]}` })) });
  await expect(set).toBeVisible();
  for (const kind of required) await expect(set.getByText(exact(`${kind} · ${ui.status.requested}`))).toBeVisible();

  // The thread: a comment the client will see.
  await set.getByRole("button", { name: /^Add a comment$/ }).click();
  await expect(set.getByText(exact(ui.comments.empty))).toBeVisible();
  await set.getByLabel(exact(ui.comments.label)).fill("Scans in colour, with the company chop.");
  await set.getByRole("button", { name: exact(ui.comments.submit) }).click();
  await expect(set.getByText("Scans in colour, with the company chop.")).toBeVisible();
});

test("the queue lists an upload; a rejection needs a reason; a new version is approved and the card's move is offered and made", async ({
  page,
  signIn,
  setLanguage,
}) => {
  test.setTimeout(120_000);
  await setLanguage("en");
  await signIn(STAFF.email);
  const ui = m.documentsUi;
  const certificate = await upload("certificate_of_incorporation", { bytes: PDF, name: "certificate.pdf", type: "application/pdf" });
  const letter = await upload("authorisation_letter", { bytes: PDF, name: "letter.pdf", type: "application/pdf" });
  await approveThroughApi(certificate.documentId, certificate.versionId);
  await approveThroughApi(letter.documentId, letter.versionId);
  contactProof = await upload("contact_proof", { bytes: JPEG, name: "contact.jpg", type: "image/jpeg" });

  // The queue, oldest first: the new upload is on its last page.
  expect((await page.goto(`/${SLUG}/documents`))?.status()).toBe(200);
  const kind = m.catalogue.documentKinds.contact_proof;
  const open = page.getByRole("link", { name: exact(format(ui.queue.openLabel, { kind, company: companyName })) });
  const nextPage = page.getByRole("link", { name: exact(ui.queue.next) });
  for (let pages = 0; pages < 20; pages++) {
    // The page's rows first: the upload, or the way to the next page.
    await expect(open.or(nextPage).first()).toBeVisible();
    if (await open.isVisible()) break;
    const next = await nextPage.getAttribute("href");
    expect(next).toMatch(/\?after=/);
    await page.goto(next!);
  }
  await expect(open).toBeVisible();
  await open.click();
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/documents/${contactProof.documentId}\\?version=${contactProof.versionId}$`));
  await expect(page.getByRole("heading", { level: 1, name: exact(kind) })).toBeVisible();
  await expect(page.getByRole("img", { name: exact(format(ui.review.previewAlt, { kind, number: "1", name: "contact.jpg" })) })).toBeVisible();

  // Reject without a reason: the field error, and nothing changes.
  const review = page.getByRole("form", { name: exact(ui.review.heading) });
  await review.getByRole("button", { name: exact(ui.review.reject) }).click();
  const reason = review.getByLabel(exact(ui.review.reason));
  await expect(review.getByText(exact(m.documentReview.errors.reasonRequired))).toBeVisible();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await reason.fill("The phone number is cut off: photograph the whole page.");
  await review.getByRole("button", { name: exact(ui.review.reject) }).click();
  await expect(page.getByRole("heading", { name: exact(format(ui.review.done.rejected, { kind })) })).toBeVisible();

  // The client sends a second version; approving it completes the card's required documents.
  const second = await upload("contact_proof", { bytes: JPEG, name: "contact-2.jpg", type: "image/jpeg" }, contactProof.documentId);
  expect(second.documentId).toBe(contactProof.documentId);
  await page.goto(`/${SLUG}/documents/${contactProof.documentId}`);
  const again = page.getByRole("form", { name: exact(ui.review.heading) });
  await again.getByRole("checkbox", { name: exact(ui.review.colourScan) }).check();
  await again.getByRole("button", { name: exact(ui.review.approve) }).click();
  await expect(page.getByRole("heading", { name: exact(format(ui.review.done.approved, { kind })) })).toBeVisible();
  const card = (await api<{ account: { name: string | null } }>("GET", `/registrations/${registrationId}`)).data;
  const cardName = card.account.name ?? m.documentsUi.cards.oa_overseas;
  await expect(page.getByText(exact(format(ui.review.nextMove.offer, { card: cardName })))).toBeVisible();
  const stage = m.portal.stages.application_submitted;
  await page.getByRole("button", { name: exact(format(ui.review.nextMove.button, { stage })) }).click();
  await expect(page.getByText(exact(format(ui.review.nextMove.moved, { card: cardName, stage })))).toBeVisible();
  const after = await api<{ stage: string }>("GET", `/registrations/${registrationId}`);
  expect(after.data.stage).toBe("application_submitted");
  contactProof = second;
});

test("screenshots: the Documents tab, the queue and a review page, in English and Chinese", async ({ page, signIn, setLanguage }) => {
  test.setTimeout(120_000);
  await signIn(STAFF.email);
  // A fresh upload, so the review page shows the form with a preview.
  const logo = await upload("logo", { bytes: JPEG, name: "logo.jpg", type: "image/jpeg" });
  for (const locale of ["en", "zh-CN"] as const) {
    await setLanguage(locale);
    const t = messages(locale).documentsUi;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/${SLUG}/clients/${companyId}?tab=documents`);
    await expect(page.getByRole("heading", { name: exact(t.company.requestsHeading) })).toBeVisible();
    await shoot(page, "documents-company-tab", locale);
    await page.goto(`/${SLUG}/documents`);
    await expect(page.getByRole("table")).toBeVisible();
    await shoot(page, "documents-queue", locale);
    await page.goto(`/${SLUG}/documents/${logo.documentId}`);
    await expect(page.getByRole("form", { name: exact(t.review.heading) })).toBeVisible();
    await expect(page.getByRole("img", { name: exact(format(t.review.previewAlt, { kind: messages(locale).catalogue.documentKinds.logo, number: "1", name: "logo.jpg" })) })).toBeVisible();
    await shoot(page, "documents-review", locale);
    await page.setViewportSize({ width: 375, height: 812 });
    await shoot(page, "documents-review-phone", locale);
    await page.goto(`/${SLUG}/documents/${contactProof.documentId}`);
    await shoot(page, "documents-reviewed", locale);
  }
});

test("staff upload a file on the client's behalf from the Documents tab; the card's documents link to their review pages", async ({
  page,
  signIn,
  setLanguage,
}) => {
  test.setTimeout(120_000);
  await signIn(STAFF.email);
  const card = m.catalogue.documentKinds.business_card;
  // The upload field of each kind the open request still needs (files sent without naming the request leave it asked for).
  for (const locale of ["zh-CN", "en"] as const) {
    await setLanguage(locale);
    const t = messages(locale);
    const kinds = t.catalogue.documentKinds;
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await page.goto(`/${SLUG}/clients/${companyId}?tab=documents`))?.status()).toBe(200);
    const listed = page.getByRole("listitem", {
      name: exact(format(t.documentsUi.company.requestLabel, { kinds: locale === "en" ? `${kinds.business_card} and ${kinds.logo}` : `${kinds.business_card}和${kinds.logo}` })),
    });
    const group = listed.getByRole("group", { name: exact(t.documentsUi.upload.heading) });
    await expect(group.getByRole("button", { name: exact(format(t.documentsUi.upload.kind, { kind: kinds.business_card })) })).toBeVisible();
    await group.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `documents-staff-upload-${locale}.png`) });
  }

  // A real JPEG through the file chooser: intent, the presigned POST, complete.
  const request = page.getByRole("listitem", {
    name: exact(format(m.documentsUi.company.requestLabel, { kinds: `${card} and ${m.catalogue.documentKinds.logo}` })),
  });
  const chooser = page.waitForEvent("filechooser");
  await request.getByRole("button", { name: exact(format(m.documentsUi.upload.kind, { kind: card })) }).click();
  await (await chooser).setFiles(path.join(import.meta.dirname, "fixtures", "licence.jpg"));
  // The refreshed tab: the kind waits for review, uploaded by the staff member, and asks for no file any more.
  await expect(request.getByText(exact(`${card} · ${m.documentsUi.status.uploaded}`))).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: exact(format(m.documentsUi.versions.downloadLabel, { name: "licence.jpg" })) })).toBeVisible();
  await expect(request.getByRole("button", { name: exact(format(m.documentsUi.upload.kind, { kind: card })) })).toHaveCount(0);
  // Stored as the file was chosen (no copy made), a version waiting for review, uploaded by staff.
  const stored = await api<{ documents: { kind: string; status: string; versions: { originalName: string; sizeBytes: number; uploadedBy: { side: string } | null }[] }[] }>(
    "GET",
    `/companies/${companyId}/documents`,
  );
  expect(stored.status, JSON.stringify(stored.data)).toBe(200);
  const businessCard = stored.data.documents.find((document) => document.kind === "business_card");
  expect(businessCard?.status).toBe("uploaded");
  expect(businessCard?.versions.map(({ originalName, sizeBytes, uploadedBy }) => ({ originalName, sizeBytes, side: uploadedBy?.side }))).toEqual([
    { originalName: "licence.jpg", sizeBytes: fs.statSync(path.join(import.meta.dirname, "fixtures", "licence.jpg")).size, side: "staff" },
  ]);

  // The card page: each linked document opens its review page.
  expect((await page.goto(`/${SLUG}/registrations/${registrationId}`))?.status()).toBe(200);
  await page.getByRole("link", { name: exact(m.catalogue.documentKinds.contact_proof) }).click();
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/documents/${contactProof.documentId}$`));
  await expect(page.getByRole("heading", { level: 1, name: exact(m.catalogue.documentKinds.contact_proof) })).toBeVisible();
});
