import { describe, expect, it } from "vitest";
import {
  createOfficialAccountSchema,
  createdOfficialAccountSchema,
  officialAccountWarnings,
  officialAccountWarningsFor,
  type OfficialAccountWarningContext,
} from "./schemas";

const COMPANY = "01900000-0000-7000-8000-000000000001";
const OPERATOR = "01900000-0000-7000-8000-000000000002";

const individual: OfficialAccountWarningContext = {
  companyKind: "cn_individual",
  subjectType: "individual",
  subjectAccounts: 0,
  loginEmailAccounts: 0,
  mobileAccounts: 0,
};
const enterprise: OfficialAccountWarningContext = { ...individual, companyKind: "cn_org", subjectType: "enterprise" };
const overseas: OfficialAccountWarningContext = { ...individual, companyKind: "overseas", subjectType: "overseas_company" };

describe("the login e-mail of a new account", () => {
  it("is optional, trimmed, and blank means none", () => {
    const base = { clientCompanyId: COMPANY, accountType: "service", operatorPersonId: OPERATOR };
    expect(createOfficialAccountSchema.parse(base).loginEmail).toBeUndefined();
    expect(createOfficialAccountSchema.parse({ ...base, loginEmail: "   " }).loginEmail).toBeUndefined();
    expect(createOfficialAccountSchema.parse({ ...base, loginEmail: " OA@Example.com " }).loginEmail).toBe("OA@Example.com");
  });

  it("refuses what is not an address, on its field", () => {
    const result = createOfficialAccountSchema.safeParse({ clientCompanyId: COMPANY, accountType: "service", operatorPersonId: OPERATOR, loginEmail: "oa@" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["loginEmail", "accountForm.errors.loginEmail"]]);
  });

  it("comes back in the answer with the warnings, which only take the known codes", () => {
    const answer = {
      id: COMPANY,
      registrationId: COMPANY,
      clientCompanyId: COMPANY,
      pipeline: "oa_cn_org",
      stage: "intake",
      accountType: "service",
      operatorPersonId: OPERATOR,
      name: null,
      loginEmail: "oa@example.com",
      slot: 1,
      version: 1,
      warnings: [...officialAccountWarnings],
    };
    expect(createdOfficialAccountSchema.parse(answer)).toEqual(answer);
    expect(createdOfficialAccountSchema.safeParse({ ...answer, warnings: ["no_admin"] }).success).toBe(false);
  });
});

describe("the warnings of domain.md B2–B4", () => {
  it("says nothing for a first account with a fresh e-mail and a mobile serving fewer than five", () => {
    expect(officialAccountWarningsFor({ loginEmail: "new@example.com" }, { ...individual, mobileAccounts: 4 })).toEqual([]);
    expect(officialAccountWarningsFor({}, enterprise)).toEqual([]);
    expect(officialAccountWarningsFor({}, overseas)).toEqual([]);
  });

  it("B2: a Chinese individual who is already the subject of an account (not counting the new one)", () => {
    expect(officialAccountWarningsFor({}, { ...individual, subjectAccounts: 0 })).toEqual([]);
    expect(officialAccountWarningsFor({}, { ...individual, subjectAccounts: 1 })).toEqual(["individual_subject_has_account"]);
    expect(officialAccountWarningsFor({}, { ...individual, subjectAccounts: 3 })).toEqual(["individual_subject_has_account"]);
  });

  it("B3: a credit code with two accounts already; an enterprise may ask for more, an individual business may not", () => {
    expect(officialAccountWarningsFor({}, { ...enterprise, subjectAccounts: 1 })).toEqual([]);
    expect(officialAccountWarningsFor({}, { ...enterprise, subjectAccounts: 2 })).toEqual(["credit_code_cap_extendable"]);
    const business = { ...enterprise, subjectType: "individual_business" } as const;
    expect(officialAccountWarningsFor({}, { ...business, subjectAccounts: 1 })).toEqual([]);
    expect(officialAccountWarningsFor({}, { ...business, subjectAccounts: 2 })).toEqual(["credit_code_cap"]);
    expect(officialAccountWarningsFor({}, { ...enterprise, subjectType: "other_org", subjectAccounts: 2 })).toEqual(["credit_code_cap"]);
  });

  it("B3: government and media subjects have fifty", () => {
    for (const subjectType of ["government", "media"] as const) {
      expect(officialAccountWarningsFor({}, { ...enterprise, subjectType, subjectAccounts: 49 })).toEqual([]);
      expect(officialAccountWarningsFor({}, { ...enterprise, subjectType, subjectAccounts: 50 })).toEqual(["credit_code_cap"]);
    }
  });

  it("B2 and B3 speak of their own kind only: an overseas company's accounts are never capped here", () => {
    expect(officialAccountWarningsFor({}, { ...overseas, subjectAccounts: 9 })).toEqual([]);
    // Two accounts of an individual's client are B2's, not B3's.
    expect(officialAccountWarningsFor({}, { ...individual, subjectAccounts: 2 })).toEqual(["individual_subject_has_account"]);
  });

  it("B4: a login e-mail another account uses, only when one was given", () => {
    expect(officialAccountWarningsFor({ loginEmail: "oa@example.com" }, { ...enterprise, loginEmailAccounts: 0 })).toEqual([]);
    expect(officialAccountWarningsFor({ loginEmail: "oa@example.com" }, { ...enterprise, loginEmailAccounts: 1 })).toEqual(["login_email_used"]);
    expect(officialAccountWarningsFor({ loginEmail: "  " }, { ...enterprise, loginEmailAccounts: 1 })).toEqual([]);
    expect(officialAccountWarningsFor({ loginEmail: null }, { ...enterprise, loginEmailAccounts: 1 })).toEqual([]);
  });

  it("B4: a mobile number that already serves five accounts, not four", () => {
    expect(officialAccountWarningsFor({}, { ...overseas, mobileAccounts: 4 })).toEqual([]);
    expect(officialAccountWarningsFor({}, { ...overseas, mobileAccounts: 5 })).toEqual(["mobile_cap"]);
    expect(officialAccountWarningsFor({}, { ...overseas, mobileAccounts: 6 })).toEqual(["mobile_cap"]);
  });

  it("gives every warning that applies, in the catalogue's order", () => {
    expect(
      officialAccountWarningsFor({ loginEmail: "oa@example.com" }, { ...individual, subjectAccounts: 1, loginEmailAccounts: 2, mobileAccounts: 5 }),
    ).toEqual(["individual_subject_has_account", "login_email_used", "mobile_cap"]);
  });
});
