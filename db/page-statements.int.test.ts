/**
 * design.md §8: at most 6 SQL statements for a clients list request and 8 for a dashboard
 * request (npm run bench counts them over HTTP). Here the same reads, as the layout and
 * the page make them, counted at pg's Client#query: the session's one statement (with the
 * memberships), then each read's own. In a page render those reads share one transaction
 * and so one weidesk_enter_tenant (db/tenant.ts readTenant, ADR 0023); outside a render, as here,
 * each read is a transaction of its own, whose begin, entry and commit are left out
 * and counted once for the request. Counts, not timings: a read that grows a statement
 * fails this test.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { membershipIn } from "@/lib/auth/membership";
import type { MembershipContext } from "@/lib/auth/session";
import { findSessionContext } from "@/lib/auth/users";
import { listClients } from "@/lib/clients/list";
import { clientsView } from "@/components/clients/clients-view";
import { listAssigneeOptions } from "@/lib/clients/detail";
import { dashboardToday, loadDashboard, parseDashboardFilters } from "@/lib/dashboard/queries";
import { newId } from "@/lib/ids";
import { notificationBell } from "@/lib/notifications/service";
import { countBoardCardsUnder } from "@/lib/registration/board";
import { pipelines } from "@/lib/registration/pipelines";
import { listSavedViews } from "@/lib/saved-views/service";
import { resetAppState } from "@/lib/testing/app-state";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";

const CONTROL = /^\s*(begin|commit|rollback|start transaction)\b/i;
const SET_CONFIG = /^\s*select\s+weidesk_enter_tenant\(/i;

let admin: pg.Client;
let fixture: AgencyFixture;
let managerId: string;
const statements: string[] = [];
const query = pg.Client.prototype.query;

/** Records every statement pg sends, transaction control and the tenant's entry (weidesk_enter_tenant) left out. */
function countStatements() {
  statements.length = 0;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === "string" ? config : (config?.text ?? "");
    if (!CONTROL.test(text) && !SET_CONFIG.test(text)) statements.push(text);
    return (query as (...rest: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

/** The request's first statement and the context requireMembership makes of it. */
async function signedIn(userId: string, slug: string): Promise<MembershipContext> {
  const context = await findSessionContext(userId);
  const resolved = context && membershipIn(context.memberships, slug);
  if (!context || !resolved) throw new Error(`no membership of ${userId} in ${slug}`);
  const { user } = context;
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, emailVerified: user.emailVerified, totpEnabled: user.totpEnabled },
    agency: resolved.agency,
    membershipId: resolved.membership.id,
    role: resolved.membership.role,
    clientCompany: resolved.membership.clientCompany,
  };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  fixture = await makeAgencyWithEveryTable(admin, "Statements");
  managerId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Manager', now(), now())`, [
    managerId,
    `manager-${managerId}@example.com`,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'manager', now())`, [
    newId(),
    fixture.agencyId,
    managerId,
  ]);
});

afterEach(() => {
  pg.Client.prototype.query = query;
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("SQL statements per request (design.md §8)", () => {
  it("the clients list's first page: at most 6, the tenant's entry included", async () => {
    countStatements();
    const staff = await signedIn(fixture.userId, fixture.slug);
    // The layout's bell, then the page: a plain visit reads the saved views first (the default view), then the rest.
    await notificationBell(staff, 8);
    await listSavedViews(staff, "clients");
    await listClients(staff, clientsView.parse({}));
    expect(statements).toHaveLength(5);
    expect(statements.length + 1).toBeLessThanOrEqual(6);
  });

  it("the dashboard: at most 8, the tenant's entry included", async () => {
    countStatements();
    const manager = await signedIn(managerId, fixture.slug);
    await notificationBell(manager, 8);
    const { filters } = parseDashboardFilters({}, { today: dashboardToday(manager), role: manager.role, userId: manager.user.id });
    await Promise.all([
      loadDashboard(manager, filters),
      listAssigneeOptions(manager),
      countBoardCardsUnder(manager, [{ overdue: true }, { within: 7 }], pipelines),
    ]);
    expect(statements).toHaveLength(5);
    expect(statements.length + 1).toBeLessThanOrEqual(8);
  });
});
