/**
 * The authorisation matrix (issue 4, first version): ONE table of every page, route
 * handler and server action the app has × role (the five of design.md §1, and signed
 * out) × scope (own agency "demo", other agency "demo-north") → what the server answers:
 * the status and, for a redirect, where to. lib/rbac is the spec the rows were checked
 * against. The routes come from the file system and the actions from the build's
 * manifest (lib/testing/routes.ts), so a new one without a row fails here.
 *
 * Plain HTTP (no browser), redirects not followed; each role signs in once.
 * Other agency: 404 — never 403, and the page never names that agency.
 * Not covered yet (no such routes exist): own/other client company below the portal.
 */
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { listAppRoutes, listServerActions } from "../lib/testing/routes";
import { demoPassword, expect, test } from "./fixtures";
import { DEMO_AGENCY, demoUser, SECOND_AGENCY, type DemoRole } from "./support/users";

type Role = DemoRole | "signed-out";
type Scope = "own" | "other";
const roles = ["owner", "admin", "staff", "manager", "client_admin", "signed-out"] as const satisfies readonly Role[];
const scopeSlug: Record<Scope, string> = { own: DEMO_AGENCY.slug, other: SECOND_AGENCY.slug };

/** What the server answers: a status, and for a redirect the Location (a path, exactly). */
type Outcome = { status: number; location?: string };
const ok: Outcome = { status: 200 };
const notFound: Outcome = { status: 404 };
const forbidden: Outcome = { status: 403 };
const methodNotAllowed: Outcome = { status: 405 };
/** redirect() in a server component and NextResponse.redirect in proxy.ts both answer 307. */
const to = (location: string): Outcome => ({ status: 307, location });
const toSignIn = (path: string): Outcome => to(`/sign-in?next=${encodeURIComponent(path)}`);

/** An outcome per role; agency-scoped rows get the agency's slug and the path asked for. */
type Cell = Outcome | ((slug: string, path: string) => Outcome);
type Cells = Record<Role, Cell>;
const everyone = (outcome: Cell): Cells => Object.fromEntries(roles.map((role) => [role, outcome])) as Cells;

type Row = {
  /** "page <pattern>", "route <METHOD> <pattern>" or "action <file>#<export>": the key the inventory is checked against. */
  key: string;
  /** What is sent: the path with [agency] filled in by scope, the method, and anything else. */
  send: (context: APIRequestContext, path: string) => Promise<APIResponse>;
  /** Agency-scoped rows run for both scopes, with the same cells; others once. */
  scoped: boolean;
  /** Expected per role and scope ("own" only, for unscoped rows). */
  expected: Record<Scope, Cells>;
  /** Additional checks on the answer. */
  check?: (response: APIResponse) => void;
};

const html = { Accept: "text/html" };
const getPage = (context: APIRequestContext, path: string) => context.get(path, { headers: html, maxRedirects: 0 });

/** A staff-app section that needs `adminOnly` (settings:manage / audit:read) or any staff role. */
function staffSection(adminOnly: boolean): Record<Scope, Cells> {
  const section = (member: Outcome): Cells => ({
    owner: member,
    admin: member,
    staff: adminOnly ? notFound : member,
    manager: adminOnly ? notFound : member,
    // A client administrator works in the portal only (lib/auth/session.ts requireStaffMembership).
    client_admin: (slug) => to(`/portal/${slug}`),
    "signed-out": (_slug, path) => toSignIn(path),
  });
  return {
    own: section(ok),
    other: {
      // Members of the demo agency only: the other agency does not exist for them.
      ...section(notFound),
      client_admin: notFound,
      // Staff works for demo-north too (db/seed.ts), as staff: not another agency for them.
      staff: adminOnly ? notFound : ok,
    },
  };
}

/** The landing page and sign-in: open signed out; signed in, straight to work (lib/auth/membership.ts landingPathFor). */
const landing: Cells = {
  owner: to(`/${DEMO_AGENCY.slug}`),
  admin: to(`/${DEMO_AGENCY.slug}`),
  // Member of two agencies: the picker.
  staff: to("/agencies"),
  manager: to(`/${DEMO_AGENCY.slug}`),
  client_admin: to(`/portal/${DEMO_AGENCY.slug}`),
  "signed-out": ok,
};

const unscoped = (cells: Cells): Record<Scope, Cells> => ({ own: cells, other: cells });

const sections = ["clients", "people", "accounts", "registrations", "documents", "dashboard", "notifications"] as const;

const SET_LOCALE = "app/actions/locale.ts#setLocale";

/** THE table. */
const matrix: Row[] = [
  { key: "page /", send: getPage, scoped: false, expected: unscoped(landing) },
  { key: "page /sign-in", send: getPage, scoped: false, expected: unscoped(landing) },
  {
    key: "page /agencies",
    send: getPage,
    scoped: false,
    expected: unscoped({ ...everyone(ok), "signed-out": toSignIn("/agencies") }),
  },
  {
    // A development tool: public, answers only with MAIL_OUTBOX=1 (the e2e server sets it).
    key: "page /dev/outbox",
    send: getPage,
    scoped: false,
    expected: unscoped(everyone(ok)),
  },
  { key: "page /[agency]", send: getPage, scoped: true, expected: staffSection(false) },
  ...sections.map((section) => ({ key: `page /[agency]/${section}`, send: getPage, scoped: true, expected: staffSection(false) })),
  { key: "page /[agency]/settings", send: getPage, scoped: true, expected: staffSection(true) },
  { key: "page /[agency]/audit", send: getPage, scoped: true, expected: staffSection(true) },
  {
    key: "page /portal/[agency]",
    send: getPage,
    scoped: true,
    expected: {
      own: {
        owner: to(`/${DEMO_AGENCY.slug}`),
        admin: to(`/${DEMO_AGENCY.slug}`),
        staff: to(`/${DEMO_AGENCY.slug}`),
        manager: to(`/${DEMO_AGENCY.slug}`),
        client_admin: ok,
        "signed-out": (_slug, path) => toSignIn(path),
      },
      other: {
        owner: notFound,
        admin: notFound,
        // Staff in demo-north too: sent to its staff app.
        staff: to(`/${SECOND_AGENCY.slug}`),
        manager: notFound,
        client_admin: notFound,
        "signed-out": (_slug, path) => toSignIn(path),
      },
    },
  },
  {
    key: "route GET /api/health",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(ok)),
  },
  {
    // From nowhere (no Origin): refused before the credentials are looked at (auth.spec.ts has the rest).
    key: "route POST /api/auth/sign-in",
    send: (context, path) =>
      context.post(path, { data: { email: demoUser("owner").email, password: demoPassword() }, maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(forbidden)),
  },
  {
    key: "route POST /api/auth/sign-out",
    send: (context, path) => context.post(path, { maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(forbidden)),
  },
  {
    // Anyone may choose their language; sent as the browser's router does (same-origin POST with Next-Action),
    // to the landing page: an action is only served by pages whose bundle includes it (not /dev/outbox).
    key: `action ${SET_LOCALE}`,
    send: async (context) => {
      const action = listServerActions()?.find((candidate) => `${candidate.file}#${candidate.exportedName}` === SET_LOCALE);
      if (!action) throw new Error(`${SET_LOCALE} is not in the server action manifest: build first.`);
      return context.post("/", {
        headers: { Origin: new URL(test.info().project.use.baseURL!).origin, "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        data: JSON.stringify(["en"]),
        maxRedirects: 0,
      });
    },
    scoped: false,
    expected: unscoped(everyone(ok)),
    check: (response) => {
      const cookies = response.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie");
      expect(cookies.map((header) => header.value).join("\n"), "setLocale sets the language cookie").toMatch(/^NEXT_LOCALE=en;/m);
    },
  },
  // Route handlers do not answer other methods: a GET cannot sign anyone in or out.
  {
    key: "route GET /api/auth/sign-in",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(methodNotAllowed)),
  },
  {
    key: "route GET /api/auth/sign-out",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(methodNotAllowed)),
  },
];

const rowKeys = new Set(matrix.map((row) => row.key));

test.describe("the inventory has a row for everything", () => {
  test("every page and route handler method under app/", () => {
    const missing = listAppRoutes()
      .flatMap((route) => (route.kind === "page" ? [`page ${route.pattern}`] : route.methods.map((method) => `route ${method} ${route.pattern}`)))
      .filter((key) => !rowKeys.has(key));
    expect(missing, "routes without a row in the authorisation matrix").toEqual([]);
  });

  test("every server action in the build's manifest", () => {
    const actions = listServerActions();
    expect(actions, "no .next/server/server-reference-manifest.json: run `npx next build` first").not.toBeNull();
    const missing = actions!.map((action) => `action ${action.file}#${action.exportedName}`).filter((key) => !rowKeys.has(key));
    expect(missing, "server actions without a row in the authorisation matrix").toEqual([]);
  });

  test("no row for something that does not exist", () => {
    const routes = listAppRoutes();
    const existing = new Set([
      ...routes.filter((route) => route.kind === "page").map((route) => `page ${route.pattern}`),
      ...routes.filter((route) => route.kind === "route").map((route) => `route * ${route.pattern}`),
      ...(listServerActions() ?? []).map((action) => `action ${action.file}#${action.exportedName}`),
    ]);
    const stale = [...rowKeys].filter((key) => !existing.has(key.replace(/^route \S+ /, "route * ")));
    expect(stale).toEqual([]);
  });
});

/** The path to request: [agency] filled in with the scope's slug. */
function pathOf(row: Row, scope: Scope): string {
  const pattern = row.key.replace(/^(page|route \S+|action) /, "");
  if (row.key.startsWith("action ")) return pattern;
  return pattern.replace("[agency]", scopeSlug[scope]);
}

for (const role of roles) {
  test.describe(`as ${role}`, () => {
    let context: APIRequestContext;

    test.beforeAll(async ({}, testInfo) => {
      const baseURL = testInfo.project.use.baseURL!;
      context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": "en" } });
      if (role === "signed-out") return;
      const response = await context.post("/api/auth/sign-in", {
        data: { email: demoUser(role).email, password: demoPassword() },
        headers: { Origin: new URL(baseURL).origin },
      });
      expect(response.status(), `sign-in as ${role}: ${await response.text()}`).toBe(200);
    });

    test.afterAll(async () => {
      await context?.dispose();
    });

    test("every row answers as the matrix says", async () => {
      for (const row of matrix) {
        for (const scope of row.scoped ? (["own", "other"] as const) : (["own"] as const)) {
          const path = pathOf(row, scope);
          const cell = row.expected[scope][role];
          const expected = typeof cell === "function" ? cell(scopeSlug[scope], path) : cell;
          const label = `${role} → ${row.key} (${row.scoped ? `${scope}: ${path}` : path})`;

          const response = await row.send(context, path);
          const actual: Outcome = { status: response.status() };
          const location = response.headers().location;
          if (location !== undefined) actual.location = location;
          expect.soft(actual, label).toEqual(expected);

          // Another agency is never 403, and never shows its data.
          if (scope === "other") expect.soft(response.status(), `${label}: never 403 for another agency`).not.toBe(403);
          // (Staff works for demo-north too: its name may show there.)
          if (response.status() === 404 && role !== "staff") {
            const body = await response.text();
            expect.soft(body.includes(SECOND_AGENCY.name.split(" ")[0]!), `${label}: the 404 page names ${SECOND_AGENCY.name}`).toBe(false);
          }
          row.check?.(response);
        }
      }
    });
  });
}
