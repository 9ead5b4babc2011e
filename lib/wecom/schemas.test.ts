import { describe, expect, it } from "vitest";
import { createWecomCorpSchema, wecomWarningsFor, type WecomWarningContext } from "./schemas";

const org: WecomWarningContext = {
  companyKind: "cn_org",
  companyNames: ["深圳市前海云帆科技有限公司", "Yunfan Tech"],
  admin: { hasMobile: true, idType: "prc_resident_id" },
  hasVerifiedOfficialAccount: false,
};
const ADMIN = "01900000-0000-7000-8000-000000000001";

describe("the WeCom corp schema", () => {
  it("trims, blanks optional text, defaults the tier to free, and takes an empty administrator as none", () => {
    const parsed = createWecomCorpSchema.parse({ clientCompanyId: ADMIN, adminPersonId: "", corpName: " 云帆 ", shortName: "  ", region: " 深圳 " });
    expect(parsed).toEqual({ clientCompanyId: ADMIN, corpName: "云帆", tier: "free", region: "深圳" });
  });

  it("names each bad field with its catalogue key", () => {
    const result = createWecomCorpSchema.safeParse({ clientCompanyId: "x", adminPersonId: "y", corpName: "", tier: "gold", industry: "行".repeat(101) });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(fields).toEqual({
      clientCompanyId: "apiTokens.api.invalidValue",
      adminPersonId: "apiTokens.api.invalidValue",
      corpName: "validation.required",
      tier: "apiTokens.api.invalidValue",
      industry: "wecomForm.errors.tooLong",
    });
  });
});

describe("the warnings of domain.md §3.4", () => {
  it("says nothing for a licensed company, its licence's name and an administrator with a mobile and a resident ID", () => {
    expect(wecomWarningsFor({ corpName: "深圳市前海云帆科技有限公司", scale: "51_200", adminPersonId: ADMIN }, org)).toEqual([]);
    // The English name counts too, compared without spaces or case.
    expect(wecomWarningsFor({ corpName: "yunfan  TECH", adminPersonId: ADMIN }, org)).toEqual([]);
  });

  it("warns of the administrator: none yet, no mobile, no resident ID", () => {
    expect(wecomWarningsFor({ corpName: "深圳市前海云帆科技有限公司" }, org)).toEqual(["no_admin"]);
    expect(wecomWarningsFor({ corpName: "深圳市前海云帆科技有限公司", adminPersonId: ADMIN }, { ...org, admin: { hasMobile: false, idType: "passport" } })).toEqual([
      "admin_no_mobile",
      "admin_not_resident_id",
    ]);
  });

  it("warns of verification: no licence for an individual, separate outside China, a name unlike the licence's", () => {
    expect(wecomWarningsFor({ corpName: "工作室", adminPersonId: ADMIN }, { ...org, companyKind: "cn_individual", companyNames: ["工作室"] })).toEqual([
      "individual_no_licence",
    ]);
    expect(wecomWarningsFor({ corpName: "Lion", adminPersonId: ADMIN }, { ...org, companyKind: "overseas", companyNames: [null, "Lion Pte"] })).toEqual([
      "overseas_verification",
      "name_differs",
    ]);
  });

  it("warns of members: 200 unverified, a scale fee above 1,000; a verified Official Account may make it free", () => {
    const name = { corpName: "深圳市前海云帆科技有限公司", adminPersonId: ADMIN };
    expect(wecomWarningsFor({ ...name, scale: "51_200" }, org)).toEqual([]);
    expect(wecomWarningsFor({ ...name, scale: "201_500" }, org)).toEqual(["over_200_members"]);
    expect(wecomWarningsFor({ ...name, scale: "over_1000" }, org)).toEqual(["over_200_members", "scale_fee"]);
    expect(wecomWarningsFor(name, { ...org, hasVerifiedOfficialAccount: true })).toEqual(["free_via_official_account"]);
  });
});
