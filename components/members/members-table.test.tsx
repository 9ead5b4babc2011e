import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { MembersTable } from "./members-table";
import { membersViewSearch, parseMembersView, type MembersViewState } from "./members-view-state";
import type { MemberRow, Viewer } from "./types";

const now = new Date("2026-03-10T08:00:00Z");

function member(overrides: Partial<MemberRow> & Pick<MemberRow, "name">): MemberRow {
  const id = `00000000-0000-7000-8000-${String(Math.abs(hash(overrides.name))).padStart(12, "0").slice(0, 12)}`;
  return {
    membershipId: id,
    userId: id,
    email: `${overrides.name.toLowerCase().replace(/\s+/g, ".")}@example.com`,
    role: "staff",
    status: "active",
    clientCompany: null,
    joinedAt: new Date("2026-01-01T00:00:00Z"),
    lastSignInAt: null,
    assignedClients: 0,
    assignedRegistrations: 0,
    ...overrides,
  };
}

function hash(text: string): number {
  let value = 7;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) % 1_000_000_000_000;
  return value;
}

const owner = member({ name: "Olivia Owner", role: "owner", lastSignInAt: new Date("2026-03-09T08:00:00Z") });
const admin = member({ name: "Adam Admin", role: "admin", assignedClients: 2, assignedRegistrations: 5 });
const client = member({
  name: "Carla Client",
  role: "client_admin",
  status: "disabled",
  clientCompany: { id: "00000000-0000-7000-8000-000000000099", name: "Acme Trading" },
});
const members = [owner, admin, client];
const viewer: Viewer = { membershipId: admin.membershipId, role: "admin" };

function render(view: MembersViewState): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en} timeZone="Asia/Shanghai" now={now}>
      <MembersTable
        members={members}
        viewer={viewer}
        timeZone="Asia/Shanghai"
        now={now}
        initialView={view}
        onAction={() => undefined}
      />
    </NextIntlClientProvider>,
  );
}

/** The member names in the order the rows show them. */
function order(html: string): string[] {
  return members
    .map((m) => ({ name: m.name, at: html.indexOf(`>${m.name}<`) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.name);
}

describe("members table", () => {
  it("sorts from the URL's view and says so with aria-sort", () => {
    const html = render({ query: "", sort: { id: "member", desc: false } });
    expect(order(html)).toEqual(["Adam Admin", "Carla Client", "Olivia Owner"]);
    expect(html).toContain('aria-sort="ascending"');
    expect(order(render({ query: "", sort: { id: "lastSignIn", desc: true } }))[0]).toBe("Olivia Owner");
  });

  it("filters on name, e-mail, company and role name", () => {
    expect(order(render({ query: "acme", sort: null }))).toEqual(["Carla Client"]);
    expect(order(render({ query: "client administrator", sort: null }))).toEqual(["Carla Client"]);
    expect(order(render({ query: "adam@", sort: null }))).toEqual([]);
    expect(order(render({ query: "adam.admin@", sort: null }))).toEqual(["Adam Admin"]);
    expect(render({ query: "nobody", sort: null })).toContain("No member matches “nobody”.");
  });

  it("shows status and work in words, and no menu on owners' rows or the viewer's own", () => {
    const html = render({ query: "", sort: null });
    expect(html).toContain("Disabled");
    expect(html).toContain("2 clients");
    expect(html).toContain("5 registrations");
    expect(html).toContain("Never signed in");
    expect(html).toContain("Actions for Carla Client");
    expect(html).not.toContain("Actions for Olivia Owner");
    expect(html).not.toContain("Actions for Adam Admin");
  });
});

describe("members view in the URL", () => {
  it("reads and writes the filter and sort", () => {
    expect(parseMembersView({ q: "li", sort: "lastSignIn.desc" })).toEqual({
      query: "li",
      sort: { id: "lastSignIn", desc: true },
    });
    expect(parseMembersView({ sort: "password" })).toEqual({ query: "", sort: null });
    expect(parseMembersView({ sort: "role.sideways" }).sort).toBeNull();
    expect(membersViewSearch("?x=1", { query: "a b", sort: { id: "role", desc: false } })).toBe("?x=1&q=a+b&sort=role");
    expect(membersViewSearch("?q=old&sort=role", { query: " ", sort: null })).toBe("");
  });
});
