/**
 * The authorisation matrix (issue 4): ONE table of every page, route handler and server
 * action the app has × role (the five of design.md §1, and signed out) × scope (own
 * agency "demo", other agency "demo-north", and for company-scoped rows the client
 * administrator's own company or another company of the same agency) → what the server
 * answers: the status, for a redirect where to, and for a server action the code of its
 * answer (lib/actions/result.ts: Next lets an action set no status, so FORBIDDEN in the
 * answer is the 403 of a route handler). lib/rbac is the spec the rows were checked
 * against. The routes come from the file system and the actions from the build's
 * manifest (lib/testing/routes.ts), so a new one without a row fails here.
 *
 * Plain HTTP (no browser), redirects not followed; each role signs in once.
 * Other agency: 404 — never 403, and the page never names that agency. A client
 * administrator outside their company: 404. A manager's write: FORBIDDEN. Action rows
 * send input that would change nothing even where allowed (an unknown member, a wrong
 * confirmation, missing fields), so the matrix leaves the seed as it found it.
 */
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { listAppRoutes, listServerActions } from "../lib/testing/routes";
import { demoPassword, expect, test } from "./fixtures";
import { fixtureIds, type FixtureIds } from "./support/control";
import { DEMO_AGENCY, demoUser, SECOND_AGENCY, type DemoRole } from "./support/users";

type Role = DemoRole | "signed-out";
/** Own agency, other agency; own / other client company (of the own agency) for company-scoped rows. */
type Scope = "own" | "other" | "own-company" | "other-company";
const roles = ["owner", "admin", "staff", "manager", "client_admin", "signed-out"] as const satisfies readonly Role[];
const scopeSlug: Record<Scope, string> = {
  own: DEMO_AGENCY.slug,
  other: SECOND_AGENCY.slug,
  "own-company": DEMO_AGENCY.slug,
  "other-company": DEMO_AGENCY.slug,
};

/**
 * What the server answers: a status, for a redirect the Location (a path, exactly), and
 * for a server action that answered with a value its code ("ok" or an AppErrorCode).
 */
type Outcome = { status: number; location?: string; result?: string };
const ok: Outcome = { status: 200 };
const notFound: Outcome = { status: 404 };
const forbidden: Outcome = { status: 403 };
const methodNotAllowed: Outcome = { status: 405 };
/** redirect() in a server component and NextResponse.redirect in proxy.ts both answer 307. */
const to = (location: string): Outcome => ({ status: 307, location });
const toSignIn = (path: string): Outcome => to(`/sign-in?next=${encodeURIComponent(path)}`);
/** A server action's answer: 200 with a code; its redirect() also answers 200, with the place in x-action-redirect. */
const answered = (result: string): Outcome => ({ status: 200, result });
const actionTo = (location: string): Outcome => ({ status: 200, location });

/** An outcome per role; agency-scoped rows get the agency's slug and the path asked for. */
type Cell = Outcome | ((slug: string, path: string) => Outcome);
type Cells = Record<Role, Cell>;
const everyone = (outcome: Cell): Cells => Object.fromEntries(roles.map((role) => [role, outcome])) as Cells;

type Row = {
  /** "page <pattern>", "route <METHOD> <pattern>" or "action <file>#<export>": the key the inventory is checked against. */
  key: string;
  /** What is sent: the path with [agency] filled in by scope, the method, and anything else. */
  send: (context: APIRequestContext, path: string, slug: string) => Promise<APIResponse>;
  /** Agency-scoped rows run for own and other agency; company-scoped rows also for own / other company; others once. */
  scoped: boolean | "company";
  /** Expected per role and scope ("own" only, for unscoped rows). */
  expected: Partial<Record<Scope, Cells>> & { own: Cells };
  /** Additional checks on the answer. */
  check?: (response: APIResponse) => void;
  /** What [id] in the path is: a registration (the default), a client company, a person or a document of the scope. */
  entity?: "registration" | "company" | "person" | "document" | "request";
};

const html = { Accept: "text/html" };
const getPage = (context: APIRequestContext, path: string) => context.get(path, { headers: html, maxRedirects: 0 });

/** A staff-app section that needs `adminOnly` (settings:manage / audit:read) or any staff role. */
function staffSection(adminOnly: boolean): Row["expected"] {
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

/** The portal of the own agency: staff-side roles go to the staff app; the client administrator gets `clientAdmin`. */
const portalCells = (clientAdmin: Outcome): Cells => ({
  owner: to(`/${DEMO_AGENCY.slug}`),
  admin: to(`/${DEMO_AGENCY.slug}`),
  staff: to(`/${DEMO_AGENCY.slug}`),
  manager: to(`/${DEMO_AGENCY.slug}`),
  client_admin: clientAdmin,
  "signed-out": (_slug, path) => toSignIn(path),
});

/** The portal of another agency: 404, except for staff, who work there too and go to its staff app. */
const portalOtherAgency: Cells = {
  ...portalCells(notFound),
  owner: notFound,
  admin: notFound,
  staff: to(`/${SECOND_AGENCY.slug}`),
  manager: notFound,
};

const unscoped = (cells: Cells): Row["expected"] => ({ own: cells, other: cells });

/** The dashboard's CSV export asked for one widget. */
const dashboardExportPath = (path: string) => path.replace("[widget]", "cycle_time");

const sections = ["clients", "people", "accounts", "registrations", "documents", "dashboard", "notifications"] as const;

const SET_LOCALE = "app/actions/locale.ts#setLocale";

/**
 * Calls a server action as the browser's router does: a same-origin POST with its id in
 * Next-Action, to a page whose bundle includes it, with the arguments as JSON.
 */
function sendAction(file: string, exportedName: string, page: (slug: string) => string, args: (slug: string) => unknown[]) {
  return async (context: APIRequestContext, _path: string, slug: string) => {
    const action = listServerActions()?.find((candidate) => candidate.file === file && candidate.exportedName === exportedName);
    if (!action) throw new Error(`${file}#${exportedName} is not in the server action manifest: build first.`);
    return context.post(page(slug), {
      headers: {
        Origin: new URL(test.info().project.use.baseURL!).origin,
        "Next-Action": action.id,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
      },
      data: JSON.stringify(args(slug)),
      maxRedirects: 0,
    });
  };
}

/** A member id no one has: allowed roles get NOT_FOUND back, and nothing changes. */
const NOBODY = "01900000-0000-7000-8000-000000000000";
const MEMBERS_ACTIONS = "app/(app)/[agency]/settings/members/actions.ts";
const membersPage = (slug: string) => `/${slug}/settings/members`;

/**
 * A members action (member:manage, owner and admin): `allowed` is what an owner or
 * admin gets for the harmless input sent; staff and managers are refused (FORBIDDEN:
 * they belong to the agency); a client administrator is sent to the portal; another
 * agency is 404; signed out, sign-in.
 */
function membersAction(
  exportedName: string,
  input: unknown,
  allowed: Outcome,
  owner: Outcome = allowed,
  file = MEMBERS_ACTIONS,
  page = membersPage,
): Row {
  const own: Cells = {
    owner,
    admin: allowed,
    staff: answered("FORBIDDEN"),
    manager: answered("FORBIDDEN"),
    client_admin: (slug) => actionTo(`/portal/${slug}`),
    // proxy.ts sends a visitor with no session to sign-in before any action runs.
    "signed-out": (slug) => toSignIn(page(slug)),
  };
  return {
    key: `action ${file}#${exportedName}`,
    send: sendAction(file, exportedName, page, (slug) => [slug, input]),
    scoped: true,
    expected: {
      own,
      other: {
        ...everyone(notFound),
        // Staff of demo-north too, as staff: refused like any staff member.
        staff: answered("FORBIDDEN"),
        "signed-out": own["signed-out"],
      },
    },
  };
}

const HOLIDAYS_ACTIONS = "app/(app)/[agency]/settings/holidays/actions.ts";
const holidaysPage = (slug: string) => `/${slug}/settings/holidays`;

const REGISTRATIONS_ACTIONS = "app/(app)/[agency]/registrations/actions.ts";
const boardPage = (slug: string) => `/${slug}/registrations`;

const DOCUMENTS_ACTIONS = "app/(app)/[agency]/documents/actions.ts";

const TOKENS_ACTIONS = "app/(app)/[agency]/api-tokens/actions.ts";
const tokensPage = (slug: string) => `/${slug}/api-tokens`;

/** A personal API-token action: every staff-side role manages their own (the answer for the harmless input sent). */
function tokensAction(exportedName: string, input: unknown, allowed: Outcome): Row {
  const row = membersAction(exportedName, input, allowed, allowed, TOKENS_ACTIONS, tokensPage);
  return {
    ...row,
    expected: {
      own: { ...row.expected.own, staff: allowed, manager: allowed },
      // Staff of demo-north too: their own tokens there.
      other: { ...row.expected.other!, staff: allowed },
    },
  };
}

// Saved views per user (issue 6 §4): every staff-side role keeps its own, managers included (design.md §1);
// a client administrator has no staff lists (the portal is theirs). Sent to the clients list, which has the menu.
const SAVED_VIEWS_ACTIONS = "app/(app)/[agency]/views/actions.ts";

/** A saved-views action: the answer every staff-side role gets for the harmless input sent (their own views only). */
function savedViewsAction(exportedName: string, input: unknown, allowed: Outcome): Row {
  const row = membersAction(exportedName, input, allowed, allowed, SAVED_VIEWS_ACTIONS, (slug) => `/${slug}/clients`);
  return {
    ...row,
    expected: {
      own: { ...row.expected.own, staff: allowed, manager: allowed },
      // Staff of demo-north too: their own views there.
      other: { ...row.expected.other!, staff: allowed },
    },
  };
}

const PEOPLE_ACTIONS = "app/(app)/[agency]/people/actions.ts";
/** A person's / client's page in the agency of `slug` (the seeded fixtures of the scope). */
const personPage = (slug: string) => `/${slug}/people/${slug === SECOND_AGENCY.slug ? fixtures.otherAgencyPerson : fixtures.ownPerson}`;
const clientPage = (slug: string) =>
  `/${slug}/clients/${slug === SECOND_AGENCY.slug ? fixtures.otherAgencyCompany : fixtures.otherCompany}`;

/**
 * A people action: every staff-side role of the agency may read people (`manager` is what
 * a manager gets: FORBIDDEN for the audited reveals); staff of demo-north work there too.
 */
function peopleAction(
  exportedName: string,
  input: unknown,
  allowed: Outcome,
  manager: Outcome = allowed,
  file = PEOPLE_ACTIONS,
  page: (slug: string) => string = (slug) => `/${slug}/people`,
): Row {
  const row = membersAction(exportedName, input, allowed, allowed, file, page);
  return {
    ...row,
    expected: {
      own: { ...row.expected.own, staff: allowed, manager },
      other: { ...row.expected.other!, staff: allowed },
    },
  };
}

const CLIENTS_ACTIONS = "app/(app)/[agency]/clients/actions.ts";

/**
 * A clients-list bulk action (client:update: owner, admin, staff; a manager is refused).
 * The input names a client no one has, so it answers ok with nothing changed.
 */
function clientsAction(exportedName: string, input: unknown): Row {
  const allowed = answered("ok");
  const row = membersAction(exportedName, input, allowed, allowed, CLIENTS_ACTIONS, (slug) => `/${slug}/clients`);
  return {
    ...row,
    expected: {
      own: { ...row.expected.own, staff: allowed },
      // Staff of demo-north too: their clients there.
      other: { ...row.expected.other!, staff: allowed },
    },
  };
}

/** A page that writes a client (client:create / client:update): like a section, but a manager gets 404. */
function clientWriterPage(): Row["expected"] {
  const section = staffSection(false);
  return { own: { ...section.own, manager: notFound }, other: { ...section.other!, manager: notFound } };
}

/**
 * A client form's action (the company form, notes): owner, admin and staff get `allowed`
 * for the harmless input sent; a manager is refused; staff of demo-north act there too.
 */
function clientFormAction(file: string, exportedName: string, page: (slug: string) => string, args: (slug: string) => unknown[], allowed: Outcome): Row {
  const row = membersAction(exportedName, null, allowed, allowed, file, page);
  return {
    ...row,
    send: sendAction(file, exportedName, page, args),
    expected: {
      own: { ...row.expected.own, staff: allowed },
      other: { ...row.expected.other!, staff: allowed },
    },
  };
}

/** One company's page of the scope's agency (the demo client administrator's company, or demo-north's). */
const companyPage = (slug: string) =>
  `/${slug}/clients/${slug === SECOND_AGENCY.slug ? fixtures.otherAgencyCompany : fixtures.ownCompany}`;

/** One document's review page in the scope's agency (a seeded document of the demo client's company, or demo-north's). */
const documentPage = (slug: string) =>
  `/${slug}/documents/${slug === SECOND_AGENCY.slug ? fixtures.otherAgencyDocument : fixtures.ownDocument}`;

/**
 * A staff documents action (issue 8): owner, admin and staff get `allowed` for the harmless input sent (a
 * request, version or card no one has, or an empty body); a manager `manager` (FORBIDDEN for the writes);
 * a client administrator the portal; another agency 404 (its staff act there as staff).
 */
function documentsAction(exportedName: string, page: (slug: string) => string, args: (slug: string) => unknown[], allowed: Outcome, manager: Outcome, file = DOCUMENTS_ACTIONS): Row {
  const row = peopleAction(exportedName, null, allowed, manager, file, page);
  return { ...row, send: sendAction(file, exportedName, page, args) };
}

const PORTAL_REQUEST_ACTIONS = "app/portal/[agency]/requests/[id]/actions.ts";
/** The portal's page of a request of the scope's agency (the demo client administrator's company, or demo-north's). */
const portalRequestPage = (slug: string) =>
  `/portal/${slug}/requests/${slug === SECOND_AGENCY.slug ? fixtures.otherAgencyRequest : fixtures.ownCompanyRequest}`;

/**
 * A portal action (issue 8): the client administrator gets `allowed` for the harmless input sent; staff-side
 * roles are sent to the staff app (requirePortalMembership); another agency is 404 (its staff go to its app).
 */
function portalAction(exportedName: string, args: (slug: string) => unknown[], allowed: Outcome): Row {
  const staffApp = (slug: string) => actionTo(`/${slug}`);
  const signedOut = (slug: string) => toSignIn(portalRequestPage(slug));
  return {
    key: `action ${PORTAL_REQUEST_ACTIONS}#${exportedName}`,
    send: sendAction(PORTAL_REQUEST_ACTIONS, exportedName, portalRequestPage, args),
    scoped: true,
    expected: {
      own: { owner: staffApp, admin: staffApp, staff: staffApp, manager: staffApp, client_admin: allowed, "signed-out": signedOut },
      other: { ...everyone(notFound), staff: staffApp, "signed-out": signedOut },
    },
  };
}

// Issue 9: each user's own notifications, the bell and the inbox. Staff side: every staff-side role, managers
// included (marking one's own read changes no business data); the portal's: the client administrator.
const NOTIFICATIONS_ACTIONS = "app/(app)/[agency]/notifications/actions.ts";
const PORTAL_NOTIFICATIONS_ACTIONS = "app/portal/[agency]/notifications/read-actions.ts";
const portalNotificationsPage = (slug: string) => `/portal/${slug}/notifications`;

/** A portal notifications action: as portalAction, sent to the portal's inbox. */
function portalNotificationsAction(exportedName: string, args: (slug: string) => unknown[], allowed: Outcome): Row {
  const staffApp = (slug: string) => actionTo(`/${slug}`);
  const signedOut = (slug: string) => toSignIn(portalNotificationsPage(slug));
  return {
    key: `action ${PORTAL_NOTIFICATIONS_ACTIONS}#${exportedName}`,
    send: sendAction(PORTAL_NOTIFICATIONS_ACTIONS, exportedName, portalNotificationsPage, args),
    scoped: true,
    expected: {
      own: { owner: staffApp, admin: staffApp, staff: staffApp, manager: staffApp, client_admin: allowed, "signed-out": signedOut },
      other: { ...everyone(notFound), staff: staffApp, "signed-out": signedOut },
    },
  };
}

/** A JSON API route: bearer tokens only; a browser's cookie counts for nothing (401). */
const apiRoute = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", pattern: string, body?: unknown): Row => ({
  key: `route ${method} ${pattern}`,
  send: (context, path) =>
    context.fetch(path, {
      method,
      headers: { Origin: new URL(test.info().project.use.baseURL!).origin, Accept: "application/json" },
      ...(body === undefined ? {} : { data: body }),
      maxRedirects: 0,
    }),
  scoped: false,
  expected: unscoped(everyone({ status: 401 })),
});

const ACCOUNT_ACTIONS = "app/account/security/actions.ts";
const ACCOUNT_PAGE = "/account/security";

/** The signed-in user's own account: every role the same; signed out, sign-in (proxy.ts) before any action runs. */
function accountAction(exportedName: string, args: unknown[], signedIn: Outcome): Row {
  return {
    key: `action ${ACCOUNT_ACTIONS}#${exportedName}`,
    send: sendAction(ACCOUNT_ACTIONS, exportedName, () => ACCOUNT_PAGE, () => args),
    scoped: false,
    expected: unscoped({ ...everyone(signedIn), "signed-out": toSignIn(ACCOUNT_PAGE) }),
  };
}

/** A public page's action: the same for everyone. */
function publicAction(file: string, exportedName: string, page: string, args: unknown[], outcome: Outcome): Row {
  return {
    key: `action ${file}#${exportedName}`,
    send: sendAction(file, exportedName, () => page, () => args),
    scoped: false,
    expected: unscoped(everyone(outcome)),
  };
}

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
  // npm run bench's floor page: the clients list with its data kept in memory, behind the list's own checks (BENCH_ROUTES=1 here).
  { key: "page /[agency]/clients/from-memory", send: getPage, scoped: true, expected: staffSection(false) },
  { key: "page /[agency]/settings", send: getPage, scoped: true, expected: staffSection(true) },
  // A person of the scope's agency (demo-north's for "other").
  { key: "page /[agency]/people/[id]", send: getPage, scoped: true, entity: "person", expected: staffSection(false) },
  peopleAction("findPersonByIdNumberAction", { idNumber: "not-a-number" }, answered("VALIDATION")),
  // Sent to the pages that use them (an action is served by a page whose bundle has it).
  peopleAction("revealIdNumberAction", { personId: NOBODY }, answered("NOT_FOUND"), answered("FORBIDDEN"), PEOPLE_ACTIONS, personPage),
  peopleAction("exportPersonAction", { personId: NOBODY }, answered("NOT_FOUND"), answered("FORBIDDEN"), PEOPLE_ACTIONS, personPage),
  // Erasing a person (issue 6 §2): person:erase, owners and admins only; staff and managers are refused.
  membersAction("erasePersonAction", { personId: NOBODY, confirmName: "nobody" }, answered("NOT_FOUND"), answered("NOT_FOUND"), PEOPLE_ACTIONS, personPage),
  // Adding a person to a client, and an Official Account: person:write / account:write (not managers).
  peopleAction("createPersonAction", {}, answered("VALIDATION"), answered("FORBIDDEN"), PEOPLE_ACTIONS, clientPage),
  peopleAction("recordExternalAccountAction", { personId: NOBODY }, answered("VALIDATION"), answered("FORBIDDEN"), PEOPLE_ACTIONS, personPage),
  peopleAction(
    "createOfficialAccountAction",
    {},
    answered("VALIDATION"),
    answered("FORBIDDEN"),
    "app/(app)/[agency]/accounts/actions.ts",
    clientPage,
  ),
  // Issue 6 point 3 (WeCom corps, operator change): account:write, like a new Official Account — owner, admin and
  // staff get VALIDATION for the empty input; a manager FORBIDDEN; a client administrator the portal; another agency 404.
  peopleAction("createWecomCorpAction", {}, answered("VALIDATION"), answered("FORBIDDEN"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
  peopleAction("changeOperatorAction", {}, answered("VALIDATION"), answered("FORBIDDEN"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
  // Editing an Official Account (issue 6 §3): reading its profile is account:read (every staff-side role, managers too);
  // saving is account:write. An account no one has: NOT_FOUND where allowed, nothing changed.
  {
    ...peopleAction("getOfficialAccountProfileAction", null, answered("NOT_FOUND"), answered("NOT_FOUND"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
    send: sendAction("app/(app)/[agency]/accounts/actions.ts", "getOfficialAccountProfileAction", clientPage, (slug) => [slug, NOBODY]),
  },
  {
    ...peopleAction("updateOfficialAccountAction", null, answered("NOT_FOUND"), answered("FORBIDDEN"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
    send: sendAction("app/(app)/[agency]/accounts/actions.ts", "updateOfficialAccountAction", clientPage, (slug) => [slug, NOBODY, { version: 1 }]),
  },
  // Abandoning or restoring an Official Account from the client page (issue 7 §1: a move of its card, so
  // registration:move — a manager FORBIDDEN); an account no one has: NOT_FOUND where allowed, nothing changed.
  {
    ...peopleAction("moveAccountAction", null, answered("NOT_FOUND"), answered("FORBIDDEN"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
    send: sendAction("app/(app)/[agency]/accounts/actions.ts", "moveAccountAction", clientPage, (slug) => [slug, "abandon", { officialAccountId: NOBODY, version: 1 }]),
  },
  // The warnings a new Official Account would get (domain.md B2–B4): asked by its dialog, so as creating one.
  peopleAction("previewAccountWarningsAction", {}, answered("VALIDATION"), answered("FORBIDDEN"), "app/(app)/[agency]/accounts/actions.ts", clientPage),
  // Issue 7 §3, §5: the registrations board. One card's page (a card of the scope's agency), like the board.
  // Its actions: moving a card (registration:move; a manager is refused), the next cards of a column and a
  // card in full (registration:read, every staff-side role), a note on a card (note:write). The input names
  // a card no one has (NOT_FOUND where allowed), or asks for a column's cards, so nothing changes.
  { key: "page /[agency]/registrations/[id]", send: getPage, scoped: true, expected: staffSection(false) },
  peopleAction("moveCardAction", { id: NOBODY, to: "intake", version: 1 }, answered("NOT_FOUND"), answered("FORBIDDEN"), REGISTRATIONS_ACTIONS, boardPage),
  peopleAction("loadColumnAction", { query: {}, stage: "intake" }, answered("ok"), answered("ok"), REGISTRATIONS_ACTIONS, boardPage),
  // Issue 7 §4: a card's waiting flag and the list's bulk actions (registration:move), on a card no one has.
  peopleAction("setWaitingAction", { id: NOBODY, waiting: "client", version: 1 }, answered("NOT_FOUND"), answered("FORBIDDEN"), REGISTRATIONS_ACTIONS, boardPage),
  peopleAction(
    "bulkCardsAction",
    { action: "waiting", waiting: "client", cards: [{ id: NOBODY, version: 1 }] },
    answered("NOT_FOUND"),
    answered("FORBIDDEN"),
    REGISTRATIONS_ACTIONS,
    boardPage,
  ),
  peopleAction("loadCardAction", NOBODY, answered("NOT_FOUND"), answered("NOT_FOUND"), REGISTRATIONS_ACTIONS, boardPage),
  clientFormAction(REGISTRATIONS_ACTIONS, "addCardNoteAction", boardPage, (slug) => [slug, NOBODY, { body: "x" }], answered("NOT_FOUND")),
  // Issue 8, the staff side of documents: one document's review page (document:read, every staff-side role;
  // another agency's document 404). Its actions and the client page's: asking for documents, cancelling,
  // commenting (document:request), reviewing (document:review), the move a review offers (registration:move):
  // a manager is refused each write and reads the comments. The inputs name nothing anyone has, or are empty.
  { key: "page /[agency]/documents/[id]", send: getPage, scoped: true, entity: "document", expected: staffSection(false) },
  documentsAction("createDocumentRequestAction", companyPage, (slug) => [slug, NOBODY, { kinds: [] }], answered("VALIDATION"), answered("FORBIDDEN")),
  documentsAction("cancelDocumentRequestAction", companyPage, (slug) => [slug, NOBODY], answered("NOT_FOUND"), answered("FORBIDDEN")),
  documentsAction("listRequestCommentsAction", companyPage, (slug) => [slug, NOBODY], answered("NOT_FOUND"), answered("NOT_FOUND")),
  documentsAction("addRequestCommentAction", companyPage, (slug) => [slug, NOBODY, { body: "x" }], answered("NOT_FOUND"), answered("FORBIDDEN")),
  documentsAction("reviewVersionAction", documentPage, (slug) => [slug, NOBODY, {}], answered("VALIDATION"), answered("FORBIDDEN")),
  documentsAction("moveOfferedCardAction", documentPage, (slug) => [slug, { registrationId: NOBODY, to: "intake", version: 1 }], answered("NOT_FOUND"), answered("FORBIDDEN")),
  // Staff uploading on a client's behalf (document:upload, as the portal's two steps): a manager is refused; an
  // empty intent answers VALIDATION where allowed and an intent no one has NOT_FOUND, so nothing is stored.
  documentsAction("createStaffUploadIntentAction", companyPage, (slug) => [slug, {}, "matrix-key"], answered("VALIDATION"), answered("FORBIDDEN")),
  documentsAction("completeStaffUploadAction", companyPage, (slug) => [slug, NOBODY], answered("NOT_FOUND"), answered("FORBIDDEN")),
  // Issue 8 §4: the signed-in browser's download of a version (303 to a presigned GET of 60 s): document:read,
  // every staff-side role; the portal's, the client administrator's own company. The id sent is no version's
  // (a registration's), so allowed roles get 404 and nothing is signed or quarantined; the 303, another
  // company's version and quarantine are in lib/documents/download.int.test.ts.
  {
    key: "route GET /[agency]/documents/versions/[id]/download",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: true,
    expected: {
      own: {
        ...everyone(notFound),
        client_admin: (slug) => to(`/portal/${slug}`),
        "signed-out": (_slug, path) => toSignIn(path),
      },
      other: { ...everyone(notFound), "signed-out": (_slug, path) => toSignIn(path) },
    },
  },
  {
    key: "route GET /portal/[agency]/documents/versions/[id]/download",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: true,
    expected: { own: portalCells(notFound), other: portalOtherAgency },
  },
  { key: "page /[agency]/audit", send: getPage, scoped: true, expected: staffSection(true) },
  {
    // The clients list as CSV (export:csv): owners, admins and managers; staff belong here but may not (403).
    key: "route GET /[agency]/clients/export",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: true,
    expected: {
      own: {
        owner: ok,
        admin: ok,
        staff: forbidden,
        manager: ok,
        client_admin: (slug) => to(`/portal/${slug}`),
        "signed-out": (_slug, path) => toSignIn(path),
      },
      other: { ...everyone(notFound), staff: forbidden, "signed-out": (_slug, path) => toSignIn(path) },
    },
  },
  {
    // Issue 9: one dashboard widget as CSV (dashboard:view, as the page: every staff-side role; staff get their
    // own slice, checked in lib/dashboard/queries.int.test.ts).
    key: "route GET /[agency]/dashboard/export/[widget]",
    send: (context, path) => context.get(dashboardExportPath(path), { maxRedirects: 0 }),
    scoped: true,
    expected: {
      own: { ...staffSection(false).own, "signed-out": (_slug, path) => toSignIn(dashboardExportPath(path)) },
      other: { ...staffSection(false).other!, "signed-out": (_slug, path) => toSignIn(dashboardExportPath(path)) },
    },
  },
  // Issue 9: the dashboard's JSON and CSV (bearer tokens only; roles, filters and agencies in lib/dashboard/api.int.test.ts).
  apiRoute("GET", "/api/v1/dashboard"),
  apiRoute("GET", "/api/v1/dashboard/[widget]"),
  clientsAction("archiveClientsAction", { ids: [NOBODY] }),
  clientsAction("restoreClientsAction", { ids: [NOBODY] }),
  clientsAction("assignClientsAction", { ids: [NOBODY], assigneeUserId: null }),
  // One client company (issue 6 §8) and its forms: a company of the scope's agency; the forms for those who write.
  { key: "page /[agency]/clients/[id]", send: getPage, scoped: true, entity: "company", expected: staffSection(false) },
  { key: "page /[agency]/clients/new", send: getPage, scoped: true, expected: clientWriterPage() },
  { key: "page /[agency]/clients/[id]/edit", send: getPage, scoped: true, entity: "company", expected: clientWriterPage() },
  // Empty forms and a company no one has: refused before anything is written.
  clientFormAction("app/(app)/[agency]/clients/new/actions.ts", "createCompanyAction", (slug) => `/${slug}/clients/new`, (slug) => [slug, {}], answered("VALIDATION")),
  clientFormAction("app/(app)/[agency]/clients/[id]/actions.ts", "updateCompanyAction", (slug) => `/${slug}/clients/new`, (slug) => [slug, NOBODY, {}], answered("VALIDATION")),
  // Person edit (issue 6): person:write like the client forms; a person of the scope's agency. Empty form: VALIDATION.
  { key: "page /[agency]/people/[id]/edit", send: getPage, scoped: true, entity: "person", expected: clientWriterPage() },
  clientFormAction(PEOPLE_ACTIONS, "updatePersonAction", personPage, (slug) => [slug, NOBODY, {}], answered("VALIDATION")),
  clientFormAction("app/(app)/[agency]/clients/[id]/actions.ts", "addNoteAction", companyPage, (slug) => [slug, NOBODY, { body: "x" }], answered("NOT_FOUND")),
  // Issue 6 point 5 (client teams, staff restricted to their clients): client:update — owner, admin and staff
  // get VALIDATION for nobody to add and NOT_FOUND for a company no one has; a manager FORBIDDEN. The agency
  // setting: settings:manage, like the second-factor rule (no value sent: BAD_REQUEST).
  clientFormAction("app/(app)/[agency]/clients/[id]/team-actions.ts", "addTeamMembersAction", companyPage, (slug) => [slug, NOBODY, { userIds: [] }], answered("VALIDATION")),
  clientFormAction("app/(app)/[agency]/clients/[id]/team-actions.ts", "removeTeamMemberAction", companyPage, (slug) => [slug, NOBODY, NOBODY], answered("NOT_FOUND")),
  membersAction(
    "updateStaffRestrictionAction",
    {},
    answered("BAD_REQUEST"),
    answered("BAD_REQUEST"),
    "app/(app)/[agency]/settings/actions.ts",
    (slug) => `/${slug}/settings`,
  ),
  // Importing clients from CSV (issue 6 §7), for those who add clients. The actions are sent no file: refused before anything is read.
  { key: "page /[agency]/clients/import", send: getPage, scoped: true, expected: clientWriterPage() },
  {
    key: "route GET /[agency]/clients/import/template",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: true,
    expected: {
      own: {
        owner: ok,
        admin: ok,
        staff: ok,
        manager: forbidden,
        client_admin: (slug) => to(`/portal/${slug}`),
        "signed-out": (_slug, path) => toSignIn(path),
      },
      other: { ...everyone(notFound), staff: ok, "signed-out": (_slug, path) => toSignIn(path) },
    },
  },
  clientFormAction("app/(app)/[agency]/clients/import/actions.ts", "previewClientImportAction", (slug) => `/${slug}/clients/import`, (slug) => [slug, {}], answered("VALIDATION")),
  clientFormAction("app/(app)/[agency]/clients/import/actions.ts", "importClientsAction", (slug) => `/${slug}/clients/import`, (slug) => [slug, {}], answered("VALIDATION")),
  {
    key: "page /portal/[agency]",
    send: getPage,
    scoped: true,
    expected: { own: portalCells(ok), other: portalOtherAgency },
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

  { key: "page /sign-up", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  // Password reset and one-time sign-in links: public pages; a link's page changes nothing on GET.
  { key: "page /forgot-password", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  { key: "page /reset-password/[token]", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  { key: "page /sign-in-link", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  { key: "page /sign-in-link/[token]", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  publicAction("app/(auth)/forgot-password/actions.ts", "requestPasswordResetAction", "/forgot-password", [{}], answered("VALIDATION")),
  publicAction("app/(auth)/reset-password/[token]/actions.ts", "resetPasswordAction", "/reset-password/x", ["not-a-token", {}], actionTo("/reset-password/invalid?failed=1")),
  publicAction("app/(auth)/sign-in-link/actions.ts", "requestSignInLinkAction", "/sign-in-link", [{}], answered("VALIDATION")),
  publicAction("app/(auth)/sign-in-link/actions.ts", "signInWithLinkAction", "/sign-in-link/x", ["not-a-token"], actionTo("/sign-in-link/invalid?failed=1")),
  // The signed-in user's password and second factor, whatever their role.
  { key: "page /account/security", send: getPage, scoped: false, expected: unscoped({ ...everyone(ok), "signed-out": toSignIn(ACCOUNT_PAGE) }) },
  accountAction("changePasswordAction", [{}], answered("VALIDATION")),
  accountAction("startTotpEnrolmentAction", [], answered("ok")),
  accountAction("enableTotpAction", [{}], answered("VALIDATION")),
  accountAction("disableTotpAction", [{}], answered("VALIDATION")),
  accountAction("finishTotpEnrolmentAction", ["not-a-renewal"], actionTo("/sign-in?next=%2Faccount%2Fsecurity&reason=session-ended")),
  // Issue 9 §3: each user's notification settings, per agency they belong to, on their account (every role);
  // saving names an agency: a member of it (any role) gets VALIDATION for `{}`, anyone else 404.
  { key: "page /account/preferences", send: getPage, scoped: false, expected: unscoped({ ...everyone(ok), "signed-out": toSignIn("/account/preferences") }) },
  {
    key: "action app/account/preferences/actions.ts#saveNotificationPreferencesAction",
    send: sendAction("app/account/preferences/actions.ts", "saveNotificationPreferencesAction", () => "/account/preferences", (slug) => [slug, {}]),
    scoped: true,
    expected: {
      own: { ...everyone(answered("VALIDATION")), "signed-out": toSignIn("/account/preferences") },
      // Staff of demo-north too: their own settings there.
      other: { ...everyone(notFound), staff: answered("VALIDATION"), "signed-out": toSignIn("/account/preferences") },
    },
  },
  // The agency's second-factor rule: settings:manage.
  membersAction(
    "updateSecuritySettingsAction",
    {},
    answered("BAD_REQUEST"),
    answered("BAD_REQUEST"),
    "app/(app)/[agency]/settings/security-actions.ts",
    (slug) => `/${slug}/settings`,
  ),
  // Issue 9 §3: the agency's WeCom group robot (settings:manage): an invalid URL is VALIDATION; the test
  // message answers a value (no robot in the seed: `{ sent: false }`), never an error.
  membersAction(
    "updateRobotWebhookAction",
    { webhookUrl: "https://example.com/not-a-robot" },
    answered("VALIDATION"),
    answered("VALIDATION"),
    "app/(app)/[agency]/settings/robot-actions.ts",
    (slug) => `/${slug}/settings`,
  ),
  membersAction("sendRobotTestAction", null, answered("ok"), answered("ok"), "app/(app)/[agency]/settings/robot-actions.ts", (slug) => `/${slug}/settings`),
  // Every staff-side role has API tokens of its own.
  { key: "page /[agency]/api-tokens", send: getPage, scoped: true, expected: staffSection(false) },
  tokensAction("createApiTokenAction", {}, answered("VALIDATION")),
  tokensAction("revokeApiTokenAction", { tokenId: NOBODY }, answered("NOT_FOUND")),
  // Saved views per user (issue 6 §4): nothing saved (no name), a view no one has.
  savedViewsAction("saveViewAction", { list: "clients", name: "" }, answered("VALIDATION")),
  savedViewsAction("updateViewAction", { id: NOBODY, name: "x" }, answered("NOT_FOUND")),
  savedViewsAction("deleteViewAction", { id: NOBODY }, answered("NOT_FOUND")),
  {
    key: "route GET /api/v1/openapi.json",
    send: (context, path) => context.get(path, { maxRedirects: 0 }),
    scoped: false,
    expected: unscoped(everyone(ok)),
  },
  apiRoute("GET", "/api/v1/members"),
  apiRoute("GET", "/api/v1/invitations"),
  apiRoute("POST", "/api/v1/invitations", { email: "x@example.com", role: "staff" }),
  apiRoute("DELETE", "/api/v1/invitations/[id]"),
  apiRoute("GET", "/api/v1/audit-events"),
  apiRoute("GET", "/api/v1/people"),
  apiRoute("POST", "/api/v1/people", {}),
  apiRoute("POST", "/api/v1/official-accounts", {}),
  apiRoute("GET", "/api/v1/companies"),
  apiRoute("POST", "/api/v1/companies", {}),
  apiRoute("GET", "/api/v1/companies/[id]"),
  apiRoute("PATCH", "/api/v1/companies/[id]", {}),
  apiRoute("POST", "/api/v1/companies/archive", {}),
  apiRoute("POST", "/api/v1/companies/assign", {}),
  // Issue 6 point 5: a company's team.
  apiRoute("GET", "/api/v1/companies/[id]/team"),
  apiRoute("PUT", "/api/v1/companies/[id]/team", {}),
  // Editing an Official Account (issue 6 §3): its profile, and its edit with a version.
  apiRoute("GET", "/api/v1/official-accounts/[id]"),
  apiRoute("PATCH", "/api/v1/official-accounts/[id]", {}),
  apiRoute("POST", "/api/v1/official-accounts/[id]/abandon", {}),
  apiRoute("POST", "/api/v1/official-accounts/[id]/restore", {}),
  apiRoute("POST", "/api/v1/official-accounts/[id]/operator", {}),
  apiRoute("POST", "/api/v1/people/[id]/external-accounts", {}),
  // Saved views per user (issue 6 §4): a token acts as its member; a cookie counts for nothing.
  apiRoute("GET", "/api/v1/saved-views"),
  apiRoute("POST", "/api/v1/saved-views", {}),
  apiRoute("PATCH", "/api/v1/saved-views/[id]", {}),
  apiRoute("DELETE", "/api/v1/saved-views/[id]"),
  // Erasing a person (issue 6 §2, person:erase): the API route, bearer tokens only.
  apiRoute("POST", "/api/v1/people/[id]/erase", {}),
  // Person edit (issue 6): one person, and its edit with a version.
  apiRoute("GET", "/api/v1/people/[id]"),
  apiRoute("PATCH", "/api/v1/people/[id]", {}),
  // Issue 6 point 3: WeCom corps (bearer tokens only; roles are checked in lib/wecom/wecom.int.test.ts).
  apiRoute("POST", "/api/v1/wecom-corps", {}),
  apiRoute("GET", "/api/v1/wecom-corps/[id]"),
  // Issue 7: registration cards, their timeline and moves (bearer tokens only; roles, agencies and restricted
  // staff are checked in lib/registration/move.int.test.ts).
  apiRoute("GET", "/api/v1/registrations"),
  apiRoute("GET", "/api/v1/registrations/[id]"),
  apiRoute("GET", "/api/v1/registrations/[id]/events"),
  apiRoute("POST", "/api/v1/registrations/[id]/move", {}),
  // Issue 7 §4: the waiting flag and bulk actions (roles, agencies and restricted staff in lib/registration/waiting.int.test.ts).
  apiRoute("POST", "/api/v1/registrations/[id]/waiting", {}),
  apiRoute("POST", "/api/v1/registrations/bulk", {}),
  // Issue 8: the upload steps (bearer tokens only; roles, agencies and companies in lib/documents/upload.int.test.ts).
  apiRoute("POST", "/api/v1/uploads", {}),
  apiRoute("POST", "/api/v1/uploads/[id]/complete"),
  // Issue 8: document requests, comments and review (bearer tokens only; roles, agencies, companies and
  // restricted staff in lib/documents/requests.int.test.ts and review.int.test.ts).
  apiRoute("GET", "/api/v1/companies/[id]/document-requests"),
  apiRoute("POST", "/api/v1/companies/[id]/document-requests", {}),
  apiRoute("GET", "/api/v1/companies/[id]/documents"),
  apiRoute("POST", "/api/v1/document-requests/[id]/cancel"),
  apiRoute("GET", "/api/v1/document-requests/[id]/comments"),
  apiRoute("POST", "/api/v1/document-requests/[id]/comments", {}),
  apiRoute("GET", "/api/v1/documents/[id]"),
  apiRoute("GET", "/api/v1/documents/review-queue"),
  apiRoute("POST", "/api/v1/document-versions/[id]/review", {}),
  // Issue 8 §4: a version's download link (bearer tokens only; roles, agencies, companies and quarantine in
  // lib/documents/download.int.test.ts).
  apiRoute("GET", "/api/v1/document-versions/[id]/download"),
  {
    // Signed out, or not yet verified: the page asks to follow the link. Verified: nothing to do here.
    key: "page /verify-email",
    send: getPage,
    scoped: false,
    expected: unscoped({ ...everyone(to("/")), "signed-out": ok }),
  },
  // A link's page changes nothing on GET (mail scanners open links): it shows a button.
  { key: "page /verify-email/[token]", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  { key: "page /invitations/[token]", send: getPage, scoped: false, expected: unscoped(everyone(ok)) },
  { key: "page /[agency]/settings/members", send: getPage, scoped: true, expected: staffSection(true) },
  // Issue 7 §2: the holiday calendar and deadline settings, owners and admins (settings:manage) like every
  // settings page. The input names no day or is empty, so nothing changes (NOT_FOUND / VALIDATION).
  { key: "page /[agency]/settings/holidays", send: getPage, scoped: true, expected: staffSection(true) },
  membersAction("addHolidayAction", {}, answered("VALIDATION"), answered("VALIDATION"), HOLIDAYS_ACTIONS, holidaysPage),
  {
    ...membersAction("updateHolidayAction", null, answered("NOT_FOUND"), answered("NOT_FOUND"), HOLIDAYS_ACTIONS, holidaysPage),
    send: sendAction(HOLIDAYS_ACTIONS, "updateHolidayAction", holidaysPage, (slug) => [slug, "1999-01-01", {}]),
  },
  membersAction("deleteHolidayAction", "1999-01-01", answered("NOT_FOUND"), answered("NOT_FOUND"), HOLIDAYS_ACTIONS, holidaysPage),
  membersAction("addNationalYearAction", { year: 1999 }, answered("VALIDATION"), answered("VALIDATION"), HOLIDAYS_ACTIONS, holidaysPage),
  membersAction("updateFollowUpDaysAction", {}, answered("VALIDATION"), answered("VALIDATION"), HOLIDAYS_ACTIONS, holidaysPage),
  membersAction("updateStaleAfterDaysAction", {}, answered("VALIDATION"), answered("VALIDATION"), HOLIDAYS_ACTIONS, holidaysPage),
  // Issue 8: "move a card on by itself" beside the deadlines (settings:manage); no value sent: VALIDATION.
  membersAction(
    "updateAdvanceOnDocumentsAction",
    {},
    answered("VALIDATION"),
    answered("VALIDATION"),
    "app/(app)/[agency]/settings/holidays/documents-actions.ts",
    holidaysPage,
  ),
  // Issue 8 §6: the storage reconciliation's reports (settings:manage, like every settings page) and "Run
  // reconciliation now", sent without `{ run: true }` so nothing runs: VALIDATION for owners and admins.
  { key: "page /[agency]/settings/storage", send: getPage, scoped: true, expected: staffSection(true) },
  membersAction(
    "runReconciliationAction",
    {},
    answered("VALIDATION"),
    answered("VALIDATION"),
    "app/(app)/[agency]/settings/storage/actions.ts",
    (slug) => `/${slug}/settings/storage`,
  ),
  // The holiday calendar in the JSON API (bearer tokens only; roles and agencies in lib/registration/holidays.int.test.ts).
  apiRoute("GET", "/api/v1/holidays"),
  apiRoute("POST", "/api/v1/holidays", {}),
  apiRoute("PUT", "/api/v1/holidays/[date]", {}),
  apiRoute("DELETE", "/api/v1/holidays/[date]"),
  {
    // A registration in plain words: only the client administrator's own company; any other is 404.
    key: "page /portal/[agency]/registrations/[id]",
    send: getPage,
    scoped: "company",
    expected: {
      own: portalCells(ok),
      "own-company": portalCells(ok),
      "other-company": portalCells(notFound),
      other: portalOtherAgency,
    },
  },
  {
    // Issue 8 §5: a document request in the portal: only the client administrator's own company; any other is 404.
    key: "page /portal/[agency]/requests/[id]",
    send: getPage,
    scoped: "company",
    entity: "request",
    expected: {
      own: portalCells(ok),
      "own-company": portalCells(ok),
      "other-company": portalCells(notFound),
      other: portalOtherAgency,
    },
  },
  // Everything the company sent (issue 8 §5): the portal of the own agency only.
  { key: "page /portal/[agency]/history", send: getPage, scoped: true, expected: { own: portalCells(ok), other: portalOtherAgency } },
  // Its actions: the upload steps and a comment. An empty intent (VALIDATION), an intent or a request no one
  // has (NOT_FOUND): nothing is made. Another company's intents and requests: lib/documents/*.int.test.ts.
  portalAction("createUploadIntentAction", (slug) => [slug, {}, "matrix-key"], answered("VALIDATION")),
  portalAction("completeUploadAction", (slug) => [slug, NOBODY], answered("NOT_FOUND")),
  portalAction("addRequestCommentAction", (slug) => [slug, NOBODY, { body: "x" }], answered("NOT_FOUND")),
  // Issue 9: notifications. The staff inbox is a section (above); the portal's inbox is the client administrator's.
  // The actions name a notification no one has (NOT_FOUND) or send no instant (VALIDATION): nothing is marked.
  // Another member's or another agency's notification: lib/notifications/notifications.int.test.ts.
  peopleAction("markNotificationReadAction", NOBODY, answered("NOT_FOUND"), answered("NOT_FOUND"), NOTIFICATIONS_ACTIONS, (slug) => `/${slug}/notifications`),
  peopleAction("markAllNotificationsReadAction", {}, answered("VALIDATION"), answered("VALIDATION"), NOTIFICATIONS_ACTIONS, (slug) => `/${slug}/notifications`),
  { key: "page /portal/[agency]/notifications", send: getPage, scoped: true, expected: { own: portalCells(ok), other: portalOtherAgency } },
  portalNotificationsAction("markPortalNotificationReadAction", (slug) => [slug, NOBODY], answered("NOT_FOUND")),
  portalNotificationsAction("markAllPortalNotificationsReadAction", (slug) => [slug, {}], answered("VALIDATION")),
  apiRoute("GET", "/api/v1/notifications"),
  apiRoute("POST", "/api/v1/notifications/[id]/read"),
  apiRoute("POST", "/api/v1/notifications/read-all", {}),
  // Members and invitations: owner and admin; the input names nobody, so nothing changes.
  membersAction("inviteMemberAction", { role: "staff", locale: "en" }, answered("VALIDATION")),
  membersAction("resendInvitationAction", { invitationId: NOBODY }, answered("NOT_FOUND")),
  membersAction("revokeInvitationAction", { invitationId: NOBODY }, answered("NOT_FOUND")),
  membersAction("changeRoleAction", { membershipId: NOBODY, role: "staff" }, answered("NOT_FOUND")),
  membersAction("disableMemberAction", { membershipId: NOBODY }, answered("NOT_FOUND")),
  membersAction("enableMemberAction", { membershipId: NOBODY }, answered("NOT_FOUND")),
  membersAction("removeMemberAction", { membershipId: NOBODY }, answered("NOT_FOUND")),
  // Owner only: an admin is refused like staff.
  membersAction("transferOwnershipAction", { membershipId: NOBODY }, answered("FORBIDDEN"), answered("NOT_FOUND")),
  membersAction(
    "deleteAgencyAction",
    { confirmation: "not-the-slug" },
    answered("FORBIDDEN"),
    answered("VALIDATION"),
    "app/(app)/[agency]/settings/actions.ts",
    (slug) => `/${slug}/settings`,
  ),
  {
    // Anyone may sign up; the fields are checked first (nothing is created here).
    key: "action app/(auth)/sign-up/actions.ts#signUpAction",
    send: sendAction("app/(auth)/sign-up/actions.ts", "signUpAction", () => "/sign-up", () => [{}]),
    scoped: false,
    expected: unscoped(everyone(answered("VALIDATION"))),
  },
  {
    // A link that is not one: back to its page, which explains.
    key: "action app/(auth)/verify-email/actions.ts#confirmEmailAction",
    send: sendAction("app/(auth)/verify-email/actions.ts", "confirmEmailAction", () => "/verify-email/x", () => ["not-a-token"]),
    scoped: false,
    expected: unscoped(everyone(actionTo("/verify-email/invalid?failed=1"))),
  },
  {
    // Only for a signed-in, unverified user: the seeded users are verified, so back to the app.
    key: "action app/(auth)/verify-email/actions.ts#resendVerificationAction",
    send: sendAction("app/(auth)/verify-email/actions.ts", "resendVerificationAction", () => "/verify-email", () => []),
    scoped: false,
    expected: unscoped({ ...everyone(actionTo("/")), "signed-out": actionTo("/sign-in?next=%2Fverify-email") }),
  },
  {
    key: "action app/(auth)/invitations/[token]/actions.ts#acceptInvitationAction",
    send: sendAction("app/(auth)/invitations/[token]/actions.ts", "acceptInvitationAction", () => "/invitations/x", () => ["not-a-token"]),
    scoped: false,
    expected: unscoped({ ...everyone(answered("NOT_FOUND")), "signed-out": answered("UNAUTHENTICATED") }),
  },
  {
    key: "action app/(auth)/invitations/[token]/actions.ts#createAccountAndAcceptAction",
    send: sendAction("app/(auth)/invitations/[token]/actions.ts", "createAccountAndAcceptAction", () => "/invitations/x", () => [
      { token: "not-a-token", name: "", password: "" },
    ]),
    scoped: false,
    expected: unscoped(everyone(answered("VALIDATION"))),
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

let fixtures: FixtureIds;

/** The scopes a row runs for. */
function scopesOf(row: Row): Scope[] {
  if (row.scoped === "company") return ["own-company", "other-company", "other"];
  return row.scoped ? ["own", "other"] : ["own"];
}

/** The path to request: [agency] filled in with the scope's slug, [id] with the scope's registration. */
function pathOf(row: Row, scope: Scope): string {
  const pattern = row.key.replace(/^(page|route \S+|action) /, "");
  if (row.key.startsWith("action ")) return pattern;
  const ids = {
    registration: [fixtures.ownCompanyRegistration, fixtures.otherCompanyRegistration, fixtures.otherAgencyRegistration],
    company: [fixtures.ownCompany, fixtures.otherCompany, fixtures.otherAgencyCompany],
    person: [fixtures.ownPerson, fixtures.ownPerson, fixtures.otherAgencyPerson],
    document: [fixtures.ownDocument, fixtures.ownDocument, fixtures.otherAgencyDocument],
    request: [fixtures.ownCompanyRequest, fixtures.otherCompanyRequest, fixtures.otherAgencyRequest],
  }[row.entity ?? "registration"];
  const id = (scope === "other-company" ? ids[1] : scope === "other" ? ids[2] : ids[0])!;
  return pattern.replace("[agency]", scopeSlug[scope]).replace("[id]", id);
}

/** A server action's code from its RSC answer: the first object with "ok". */
function resultOf(body: string): string | undefined {
  const match = body.match(/"ok":(true|false)(?:,"code":"([A-Z_]+)")?/);
  if (!match) return undefined;
  return match[1] === "true" ? "ok" : match[2];
}

test.beforeAll(async () => {
  fixtures = await fixtureIds();
});

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
        for (const scope of scopesOf(row)) {
          const path = pathOf(row, scope);
          const cells = row.expected[scope] ?? row.expected.own;
          const cell = cells[role];
          const expected = typeof cell === "function" ? cell(scopeSlug[scope], path) : cell;
          const label = `${role} → ${row.key} (${row.scoped ? `${scope}: ${path}` : path})`;

          const response = await row.send(context, path, scopeSlug[scope]);
          const actual: Outcome = { status: response.status() };
          const headers = response.headers();
          const location = headers.location ?? headers["x-action-redirect"]?.split(";")[0];
          if (location !== undefined) actual.location = location;
          if (row.key.startsWith("action ") && response.status() === 200) {
            const result = resultOf(await response.text());
            if (result !== undefined) actual.result = result;
          }
          expect.soft(actual, label).toEqual(expected);

          // Another agency, or another company for its administrator, is never 403 and never shows its data.
          // (Staff is staff of demo-north too: not outside their scope there.)
          if ((scope === "other" && role !== "staff") || scope === "other-company") {
            expect.soft(response.status(), `${label}: never 403 outside one's scope`).not.toBe(403);
            expect.soft(actual.result, `${label}: never FORBIDDEN outside one's scope`).not.toBe("FORBIDDEN");
          }
          // (Staff works for demo-north too: its name may show there.)
          if (response.status() === 404 && role !== "staff") {
            const body = await response.text();
            expect.soft(body.includes(SECOND_AGENCY.name.split(" ")[0]!), `${label}: the 404 page names ${SECOND_AGENCY.name}`).toBe(false);
          }
          // Every page carries a nonce-based Content-Security-Policy (proxy.ts).
          if (row.key.startsWith("page ") && response.status() === 200) {
            expect.soft(response.headers()["content-security-policy"] ?? "", `${label}: CSP`).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
          }
          row.check?.(response);
        }
      }
    });

    if (role === "owner") {
      test("a cross-site write to any route handler, with this session's cookie, is refused and changes nothing", async () => {
        const writes = listAppRoutes()
          .filter((route) => route.kind === "route")
          .flatMap((route) => route.methods.filter((method) => !["GET", "HEAD", "OPTIONS"].includes(method)).map((method) => ({ method, route })));
        expect(writes.length).toBeGreaterThan(0);
        for (const { method, route } of writes) {
          const path = route.pattern.replace("[agency]", DEMO_AGENCY.slug).replace(/\[[^\]]+\]/g, NOBODY);
          const response = await context.fetch(path, {
            method,
            headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
            data: JSON.stringify({ email: "x@example.com", role: "staff" }),
            maxRedirects: 0,
          });
          expect.soft(response.status(), `${method} ${path} from another site`).toBe(403);
        }
        // Sign-out was among them: the session still works.
        expect((await context.get(`/${DEMO_AGENCY.slug}`, { headers: html, maxRedirects: 0 })).status()).toBe(200);
      });
    }
  });
}
