/**
 * Issue 10 §3: a service that cannot be reached is a 503 problem saying which, with
 * Retry-After, never a 500 — against real refused connections, not mocks. The database:
 * the app's role pointed at a loopback port nothing listens on (DATABASE_APP_URL). The
 * store: the worker's s3rver swapped for a closed port between an upload's intent and its
 * complete, which then leaves the intent pending and writes nothing. Pages get the same
 * error from withTenant, with the digest the error page reads.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as postComplete } from "@/app/api/v1/uploads/[id]/complete/route";
import { POST as postUpload } from "@/app/api/v1/uploads/route";
import { GET as getRegistrations } from "@/app/api/v1/registrations/route";
import { findMemberActor } from "@/lib/api/auth";
import { createApiToken, newApiToken } from "@/lib/api/tokens";
import { withTenant } from "@/db/tenant";
import { freePort } from "@/lib/embedded/ports";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import en from "@/messages/en.json";

const BASE = "http://weidesk.test/api/v1";
let admin: pg.Client;
let closedPort: number;
const saved = { DATABASE_APP_URL: process.env.DATABASE_APP_URL, S3_ENDPOINT: process.env.S3_ENDPOINT };

function call(path: string, token: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return new Request(`${BASE}${path}`, { ...init, headers });
}

async function read(response: Response) {
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { code: string; messageKey: string; detail: string },
  };
}

/** An agency with an owner and one company, written as the migrating connection. */
async function makeAgency() {
  const agencyId = newId();
  const slug = `unavailable-${newId().slice(-12)}`;
  const companyId = newId();
  const owner = { id: newId(), email: `owner-${slug}@example.com` };
  await admin.query("insert into agencies (id, slug, name, created_at) values ($1, $2, $3, now())", [agencyId, slug, "Unavailable"]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', '不可用测试公司', 'SG', now(), now())`,
    [companyId, agencyId],
  );
  await admin.query("insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Owner', now(), now())", [owner.id, owner.email]);
  await admin.query("insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'owner', now())", [
    newId(), agencyId, owner.id,
  ]);
  return { agencyId, slug, companyId, owner };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  // Taken and released at once: nothing listens there for the rest of the file.
  closedPort = await freePort();
});

afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await resetAppState();
});

afterAll(async () => {
  await admin.end();
});

describe("the database unreachable", () => {
  it("answers an API request 503 problem+json saying the database is unavailable, with Retry-After", async () => {
    process.env.DATABASE_APP_URL = `postgresql://weidesk_app:unused@127.0.0.1:${closedPort}/weidesk`;
    await resetAppState();
    const response = await read(await getRegistrations(call("/registrations", newApiToken().token)));
    expect(response.status).toBe(503);
    expect(response.type).toBe("application/problem+json");
    expect(response.retryAfter).toBe("5");
    expect(response.body).toMatchObject({ code: "UNAVAILABLE", messageKey: "errors.unavailable.database", detail: en.errors.unavailable.database });
  });

  it("makes a page's read throw UNAVAILABLE with the digest the error page names the database by", async () => {
    process.env.DATABASE_APP_URL = `postgresql://weidesk_app:unused@127.0.0.1:${closedPort}/weidesk`;
    await resetAppState();
    const failure = await withTenant({ agencyId: newId(), userId: null }, async () => "read").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: "UNAVAILABLE", status: 503, digest: "weidesk-unavailable:database" });
  });
});

describe("the store unreachable", () => {
  it("answers complete 503 saying storage is unavailable and leaves the intent pending", async () => {
    const agency = await makeAgency();
    const { token } = await createApiToken(await findMemberActor(agency.slug, agency.owner.email), { name: "unavailable", expiresInDays: 30 });
    const pdf = "%PDF-1.4\n%%EOF\n";
    const intent = await postUpload(
      call("/uploads", token, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": newId() },
        body: JSON.stringify({ companyId: agency.companyId, kind: "business_licence", fileName: "licence.pdf", contentType: "application/pdf", size: pdf.length }),
      }),
    );
    expect(intent.status).toBe(201);
    const { id } = (await intent.json()) as { id: string };

    process.env.S3_ENDPOINT = `http://127.0.0.1:${closedPort}`;
    await resetAppState();
    const response = await read(await postComplete(call(`/uploads/${id}/complete`, token, { method: "POST" }), { params: Promise.resolve({ id }) }));
    expect(response.status).toBe(503);
    expect(response.type).toBe("application/problem+json");
    expect(response.retryAfter).toBe("5");
    expect(response.body).toMatchObject({ code: "UNAVAILABLE", messageKey: "errors.unavailable.storage", detail: en.errors.unavailable.storage });
    const { rows } = await admin.query<{ status: string; versions: number }>(
      `select i.status, (select count(*)::int from document_versions v where v.agency_id = i.agency_id and v.id = i.version_id) as versions
       from upload_intents i where i.agency_id = $1 and i.id = $2`,
      [agency.agencyId, id],
    );
    expect(rows[0]).toEqual({ status: "pending", versions: 0 });
  });
});
