import { describe, expect, it } from "vitest";
import { accountListQuery } from "@/components/accounts/accounts-list-view";
import { companyListQuery } from "@/components/clients/clients-view";
import { peopleListQuery } from "@/components/people/people-list-view";
import { accountListQuerySchema } from "@/lib/accounts/list-query";
import { companyListQuerySchema } from "@/lib/clients/schemas";
import { peopleListQuerySchema } from "@/lib/people/list-query";

/** Values a URL may hold for any key: the blank, the padded, the too long and the foreign. */
const anyKey = ["", " ", "x", "none", "  padded  ", "a".repeat(100), ` ${"b".repeat(100)} `, "c".repeat(101), "d".repeat(400), "e".repeat(401)];
const uuids = [
  "3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f",
  "3F2B8C1E-9D4A-4C6B-8E2F-1A2B3C4D5E6F",
  "3f2b8c1e-9d4a-0c6b-8e2f-1a2b3c4d5e6f",
  "3f2b8c1e-9d4a-4c6b-7e2f-1a2b3c4d5e6f",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "3f2b8c1e9d4a4c6b8e2f1a2b3c4d5e6f",
  "mine",
];
const common: Record<string, string[]> = {
  q: ["张三", " 张 "],
  dir: ["asc", "desc", "up"],
  sort: ["name", "created", "updated", "expires", "Name"],
  after: ["abc", " abc "],
  limit: ["1", "50", "200", "0", "201", "-5", "2.5", "5.0", " 20 ", "1e2", "0x10", "NaN", "Infinity", "twenty"],
};

type Reader = { parse(input: unknown): unknown };

/** Each value of each key alone, then whole queries: the reader and the schema agree. */
function expectAlike(reader: Reader, schema: Reader, perKey: Record<string, string[]>, whole: Record<string, string>[]) {
  expect(reader.parse({})).toEqual(schema.parse({}));
  for (const [key, own] of Object.entries({ ...common, ...perKey })) {
    for (const value of [...own, ...anyKey]) {
      const input = { [key]: value };
      expect(reader.parse(input), `${key}=${JSON.stringify(value)}`).toEqual(schema.parse(input));
    }
  }
  for (const input of whole) expect(reader.parse(input), JSON.stringify(input)).toEqual(schema.parse(input));
}

describe("a list's query read without zod (lib/lists/query-fields.ts) reads as the list's schema", () => {
  it("for the clients list", () => {
    expectAlike(
      companyListQuery,
      companyListQuerySchema,
      {
        kind: ["cn_org", "cn_individual", "overseas", "CN_ORG"],
        assignee: uuids,
        pipeline: ["oa_cn_org", "oa_overseas", "wecom", "oa"],
        stage: ["submitted", "done", "on_hold", "intake", "Submitted"],
        overdue: ["1", "true", "0", "false", "yes"],
        archived: ["active", "archived", "all", "none"],
      },
      [
        { q: "acme", kind: "overseas", pipeline: "wecom", stage: "done", overdue: "1", archived: "all", sort: "updated", dir: "desc", after: "x", limit: "20" },
        { q: "", kind: "", limit: "", cols: "kind", view: "all", bogus: "1" },
        { assignee: "none", sort: "created" },
      ],
    );
  });

  it("for the people list", () => {
    expectAlike(
      peopleListQuery,
      peopleListQuerySchema,
      { company: uuids, idType: ["prc_resident_id", "passport", "hmt_permit", "other", "visa"], slots: ["free", "full", "none"] },
      [{ q: "张", company: uuids[0]!, idType: "passport", slots: "free", sort: "created", dir: "desc", limit: "20", cols: "mobile" }],
    );
  });

  it("for the Official Accounts list", () => {
    expectAlike(
      accountListQuery,
      accountListQuerySchema,
      {
        type: ["service", "subscription", "mini"],
        kind: ["cn_org", "overseas", "x"],
        stage: ["submitted", "done", "on_hold", "wecom_only"],
        status: ["active", "abandoned", "rejected", "done"],
        verification: ["none", "pending", "verified", "expired", "failed", "expiring", "soon"],
      },
      [{ q: "gh_", type: "service", kind: "cn_org", stage: "done", status: "rejected", verification: "expiring", sort: "name", limit: "10" }],
    );
  });
});
