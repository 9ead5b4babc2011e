import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { navigationFor, pagePermission } from "./navigation";
import { actions, assertCan, can, isStaffRole, staffRoles, type Action } from "./permissions";
import { roles, type Role } from "./roles";

/** The table, spelled out: a change to who may do what must change this test too. */
const expected: Record<Role, Action[]> = {
  owner: actions.filter((action) => action !== "portal:view"),
  admin: actions.filter((action) => !["portal:view", "ownership:transfer", "agency:delete"].includes(action)),
  staff: [
    "client:read", "client:create", "client:update", "person:read", "person:write", "person:reveal-id",
    "account:read", "account:write", "registration:read", "registration:create", "registration:move",
    "document:read", "document:request", "document:review", "document:upload", "note:write",
    "dashboard:view", "notification:read", "api-token:manage",
  ],
  manager: [
    "client:read", "person:read", "account:read", "registration:read", "document:read", "dashboard:view",
    "notification:read", "export:csv", "api-token:manage",
  ],
  client_admin: ["portal:view", "document:upload", "notification:read"],
};

describe("can", () => {
  for (const role of roles) {
    it(`gives ${role} exactly its actions`, () => {
      expect(actions.filter((action) => can(role, action))).toEqual(actions.filter((a) => expected[role].includes(a)));
    });
  }

  it("lets managers change no business data", () => {
    // Their own API tokens are their own things, not the agency's business data.
    const writes = actions
      .filter((action) => action !== "api-token:manage")
      .filter((action) => /:(create|update|write|move|request|review|upload|reveal-id|erase)$|manage$|transfer$|delete$/.test(action));
    expect(writes.filter((action) => can("manager", action))).toEqual([]);
  });

  it("keeps client administrators out of audit, members, settings and staff reads", () => {
    for (const action of ["audit:read", "member:manage", "settings:manage", "client:read", "registration:read", "api-token:manage"] as const) {
      expect(can("client_admin", action)).toBe(false);
    }
  });
});

describe("assertCan", () => {
  it("passes silently when allowed, throws FORBIDDEN otherwise", () => {
    expect(() => assertCan("admin", "settings:manage")).not.toThrow();
    const error = (() => {
      try {
        assertCan("staff", "settings:manage");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((error as AppError).status).toBe(403);
  });
});

describe("staff roles", () => {
  it("are every role but the client administrator", () => {
    expect(staffRoles).toEqual(["owner", "admin", "staff", "manager"]);
    expect(roles.filter(isStaffRole)).toEqual(staffRoles);
  });
});

describe("navigationFor", () => {
  const common = ["home", "clients", "people", "accounts", "registrations", "documents", "dashboard", "notifications"];

  it("shows owners and admins everything, audit and settings included", () => {
    expect(navigationFor("owner")).toEqual([...common, "audit", "settings"]);
    expect(navigationFor("admin")).toEqual([...common, "audit", "settings"]);
  });

  it("shows staff and managers the work, without audit or settings (their API tokens are in the user menu)", () => {
    expect(navigationFor("staff")).toEqual(common);
    expect(navigationFor("manager")).toEqual(common);
  });

  it("shows client administrators nothing of the staff app", () => {
    expect(navigationFor("client_admin")).toEqual([]);
  });

  it("names the permission each section needs", () => {
    expect(pagePermission("")).toBe("registration:read");
    expect(pagePermission("settings")).toBe("settings:manage");
    expect(pagePermission("audit")).toBe("audit:read");
    expect(pagePermission("api-tokens")).toBe("api-token:manage");
    expect(pagePermission("no-such-section")).toBeUndefined();
  });
});
