/**
 * The OpenAPI document is valid and useful: Redocly's `recommended` ruleset finds
 * nothing in it, openapi-typescript turns it into types, and the e2e client's committed
 * types (e2e/support/api-types.ts) are exactly what it generates today.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";
import { API_TYPES_COMMAND, API_TYPES_FILE, generateApiTypes } from "./openapi-types";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-openapi-"));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type LintReport = { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string }[] };

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument("https://weidesk.example.net");

  it("is OpenAPI 3.1 with this server, a bearer scheme and the registered schemas", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: "https://weidesk.example.net/api/v1", description: expect.any(String) }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual(["AuditEvent", "Company", "Dashboard", "Document", "DocumentRequest", "DownloadLink", "Holiday", "IdSlotHolder", "Invitation", "Member", "Notification", "Person", "Problem", "RegistrationCard", "SavedView", "WecomCorp"]);
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/audit-events",
      "/companies",
      "/companies/archive",
      "/companies/assign",
      "/companies/{id}",
      "/companies/{id}/document-requests",
      "/companies/{id}/documents",
      "/companies/{id}/team",
      "/dashboard",
      "/dashboard/{widget}.csv",
      "/document-requests/{id}/cancel",
      "/document-requests/{id}/comments",
      "/document-versions/{id}/download",
      "/document-versions/{id}/review",
      "/documents/review-queue",
      "/documents/{id}",
      "/holidays",
      "/holidays/{date}",
      "/invitations",
      "/invitations/{id}",
      "/members",
      "/notifications",
      "/notifications/read-all",
      "/notifications/{id}/read",
      "/official-accounts",
      "/official-accounts/{id}",
      "/official-accounts/{id}/abandon",
      "/official-accounts/{id}/operator",
      "/official-accounts/{id}/restore",
      "/people",
      "/people/{id}",
      "/people/{id}/erase",
      "/people/{id}/external-accounts",
      "/registrations",
      "/registrations/bulk",
      "/registrations/{id}",
      "/registrations/{id}/events",
      "/registrations/{id}/move",
      "/registrations/{id}/waiting",
      "/saved-views",
      "/saved-views/{id}",
      "/uploads",
      "/uploads/{id}/complete",
      "/wecom-corps",
      "/wecom-corps/{id}",
    ]);
  });

  it("passes `redocly lint` with the recommended ruleset: no errors, no warnings", { timeout: 60_000 }, async () => {
    const file = path.join(dir, "openapi.json");
    fs.writeFileSync(file, JSON.stringify(document, null, 2));
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/redocly"),
      ["lint", "--format=json", "--extends=recommended", file],
      { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      // A lint error exits 1 with the report on stdout.
      if (error.stdout) return { stdout: error.stdout };
      throw error;
    });
    const report = JSON.parse(stdout) as LintReport;
    expect(report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("generates TypeScript types naming every path", async () => {
    const types = await generateApiTypes();
    expect(types).toContain('"/members": {');
    for (const operation of ["listMembers", "listInvitations", "createInvitation", "revokeInvitation", "listAuditEvents"]) {
      expect(types).toContain(`${operation}: {`);
    }
  });

  it(`matches the e2e client's committed types (else run \`${API_TYPES_COMMAND}\`)`, async () => {
    const committed = fs.readFileSync(path.join(root, API_TYPES_FILE), "utf8");
    expect(committed === (await generateApiTypes()), `${API_TYPES_FILE} is stale: run \`${API_TYPES_COMMAND}\``).toBe(true);
  });
});
