/**
 * Fuzzing of every server action (issue 10 §6): each export of each "use server" module,
 * listed from the file system, is called with malformed and hostile arguments (a valid
 * input mutated field by field, values of the wrong type, NUL and other Unicode edge
 * cases, SQL and HTML metacharacters, huge strings) inside Next's own request scope
 * (./request-scope.ts), signed in as the fuzz agency's owner, its client administrator, a
 * user of no agency, or nobody. Whatever comes in, the action never throws anything but
 * Next's own redirect or notFound(); what it answers is its result shape (`ok`, and for a
 * refusal a known non-INTERNAL code and a message key, field keys as strings); and a
 * refusal writes nothing (the tenant checksum is unchanged). An action without an entry
 * here fails the suite.
 */
import { controlFlowStatus, inRequestScope } from "./request-scope";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appErrorCodes } from "@/lib/errors";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { criticalVariants, hostileString, hostileValue, inputLike, mostly } from "./arbitraries";
import { changedTables, makeFuzzFixture, tenantChecksum, type FuzzFixture } from "./fixture";
import { coverageGaps, listActionTargets, type ActionTarget } from "./inventory";
import { describeInput, fuzz, FUZZ_RUNS, FUZZ_SEED } from "./run";

vi.mock("next-intl/server", async () => (await import("./intl")).reactServerIntl());
vi.mock("next-intl/config", async () => (await import("./intl")).requestConfigModule());

const APP_URL = "http://localhost:3000";

type Caller = "owner" | "client" | "spare" | "anonymous";
type Args = fc.Arbitrary<unknown[]>;

type ActionEntry = {
  /** Who calls (default: the owner). */
  as?: Caller;
  /** Valid arguments, from the fixture: each is attacked (a string mostly kept, an object mutated), and each string in them tried with NUL and a lone surrogate. */
  args: (fx: FuzzFixture) => unknown[];
  /** An attack of its own, for arguments that are not plain values (FormData). */
  attack?: (fx: FuzzFixture) => Args;
  runs?: number;
};

const uuid = "00000000-0000-4000-8000-000000000001";

/** `(agencySlug, input)`: the usual shape. */
const slugInput = (valid: (fx: FuzzFixture) => unknown) => (fx: FuzzFixture) => [fx.slug, valid(fx)];
/** `(agencySlug, id, input)`. */
const slugIdInput = (id: (fx: FuzzFixture) => string, valid: (fx: FuzzFixture) => unknown) => (fx: FuzzFixture) => [fx.slug, id(fx), valid(fx)];
/** `(agencySlug, id)`. */
const slugId = (id: (fx: FuzzFixture) => string) => (fx: FuzzFixture) => [fx.slug, id(fx)];
/** `(input)`: actions of someone not in an agency yet. */
const inputOnly = (valid: (fx: FuzzFixture) => unknown) => (fx: FuzzFixture) => [valid(fx)];
/** `()`: nothing to fuzz but who calls. */
const none = () => [];

/** The attack on valid arguments: strings mostly kept (so the call gets past the lookup), objects mutated. */
function attackOn(valid: unknown[]): Args {
  return fc.tuple(...valid.map((arg) => (arg !== null && typeof arg === "object" ? inputLike(arg) : mostly(arg))));
}

/** The fixed examples: the valid arguments with one string in one of them replaced by NUL or a lone surrogate. */
function examplesOf(valid: unknown[]): unknown[][] {
  return valid.flatMap((arg, index) => criticalVariants(arg).map((variant) => valid.map((kept, i) => (i === index ? variant : kept))));
}

const companyForm = (fx: FuzzFixture) => ({ kind: "cn_org", subjectType: "enterprise", legalNameZh: "模糊测试公司", uscc: "91110000600037341L", assigneeUserId: fx.userId });
const upload = (fx: FuzzFixture) => ({ companyId: fx.companyId, kind: "business_licence", fileName: "执照.jpg", contentType: "image/jpeg", size: 2048, requestId: fx.row("document_requests") });
const CSV = "kind,legal_name_zh,uscc\ncn_org,导入公司,91110000600037341L\n";

/** The client import's FormData (`file`, `mode`), or something that is not FormData at all. */
const importAttack = (fx: FuzzFixture): Args =>
  fc.tuple(
    mostly(fx.slug),
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ file: fc.oneof(fc.constant(CSV), hostileString, hostileString.map((cell) => `${CSV}cn_org,${cell},${cell}\n`)), mode: mostly("valid-only") }).map(({ file, mode }) => {
        const form = new FormData();
        form.set("file", new File([file], "clients.csv", { type: "text/csv" }));
        form.set("mode", typeof mode === "string" ? mode : String(mode));
        return form;
      }) },
      { weight: 1, arbitrary: hostileValue },
    ),
  );

/** One entry per "file#export" of the "use server" modules. */
const actions: Record<string, ActionEntry> = {
  "app/(app)/[agency]/accounts/actions.ts#createOfficialAccountAction": {
    args: slugInput((fx) => ({ clientCompanyId: fx.companyId, accountType: "service", operatorPersonId: fx.personId, name: "模糊号", loginEmail: "oa@example.com" })),
  },
  "app/(app)/[agency]/accounts/actions.ts#previewAccountWarningsAction": {
    args: slugInput((fx) => ({ clientCompanyId: fx.companyId, operatorPersonId: fx.personId, loginEmail: "oa@example.com" })),
  },
  "app/(app)/[agency]/accounts/actions.ts#changeOperatorAction": {
    args: slugInput((fx) => ({ officialAccountId: fx.officialAccountId, version: 1, operatorPersonId: fx.personId })),
  },
  "app/(app)/[agency]/accounts/actions.ts#moveAccountAction": {
    args: (fx) => [fx.slug, "abandon", { officialAccountId: fx.officialAccountId, version: 99, reason: "x" }],
  },
  "app/(app)/[agency]/accounts/actions.ts#createWecomCorpAction": {
    args: slugInput((fx) => ({ clientCompanyId: fx.companyId, adminPersonId: fx.personId, corpName: "模糊企业", scale: "up_to_50", tier: "free" })),
  },
  "app/(app)/[agency]/accounts/actions.ts#getOfficialAccountProfileAction": { args: slugId((fx) => fx.officialAccountId) },
  "app/(app)/[agency]/accounts/actions.ts#updateOfficialAccountAction": {
    args: slugIdInput((fx) => fx.officialAccountId, () => ({ version: 1, name: "新名字", introduction: "介绍", wechatId: "fuzz_wechat" })),
  },
  "app/(app)/[agency]/api-tokens/actions.ts#createApiTokenAction": { args: slugInput(() => ({ name: "脚本", expiresInDays: 30 })) },
  "app/(app)/[agency]/api-tokens/actions.ts#revokeApiTokenAction": { args: slugInput(() => ({ tokenId: uuid })) },
  "app/(app)/[agency]/clients/[id]/actions.ts#updateCompanyAction": {
    args: slugIdInput((fx) => fx.companyId, (fx) => ({ ...companyForm(fx), version: 1 })),
  },
  "app/(app)/[agency]/clients/[id]/actions.ts#addNoteAction": { args: slugIdInput((fx) => fx.companyId, () => ({ body: "内部备注" })) },
  "app/(app)/[agency]/clients/[id]/team-actions.ts#addTeamMembersAction": { args: slugIdInput((fx) => fx.companyId, (fx) => ({ userIds: [fx.userId] })) },
  "app/(app)/[agency]/clients/[id]/team-actions.ts#removeTeamMemberAction": {
    args: (fx) => [fx.slug, fx.otherCompanyId, uuid],
  },
  "app/(app)/[agency]/clients/actions.ts#archiveClientsAction": { args: slugInput((fx) => ({ ids: [fx.otherCompanyId] })) },
  "app/(app)/[agency]/clients/actions.ts#restoreClientsAction": { args: slugInput((fx) => ({ ids: [fx.otherCompanyId] })) },
  "app/(app)/[agency]/clients/actions.ts#assignClientsAction": { args: slugInput((fx) => ({ ids: [fx.otherCompanyId], assigneeUserId: fx.userId })) },
  "app/(app)/[agency]/clients/import/actions.ts#previewClientImportAction": { args: (fx) => [fx.slug, null], attack: importAttack, runs: 6 },
  "app/(app)/[agency]/clients/import/actions.ts#importClientsAction": { args: (fx) => [fx.slug, null], attack: importAttack, runs: 6 },
  "app/(app)/[agency]/clients/new/actions.ts#createCompanyAction": { args: slugInput(companyForm) },
  "app/(app)/[agency]/documents/actions.ts#createDocumentRequestAction": {
    args: slugIdInput((fx) => fx.companyId, (fx) => ({ kinds: ["business_licence"], registrationId: fx.registrationId, dueOn: "2026-12-31", message: "请上传" })),
  },
  "app/(app)/[agency]/documents/actions.ts#cancelDocumentRequestAction": { args: slugId(() => uuid) },
  "app/(app)/[agency]/documents/actions.ts#listRequestCommentsAction": { args: slugId((fx) => fx.row("document_requests")) },
  "app/(app)/[agency]/documents/actions.ts#addRequestCommentAction": { args: slugIdInput((fx) => fx.row("document_requests"), () => ({ body: "请重新扫描" })) },
  "app/(app)/[agency]/documents/actions.ts#createStaffUploadIntentAction": {
    args: (fx) => [fx.slug, upload(fx), "fuzz-staff-upload"],
  },
  "app/(app)/[agency]/documents/actions.ts#completeStaffUploadAction": { args: slugId((fx) => fx.row("upload_intents")), runs: 6 },
  "app/(app)/[agency]/documents/actions.ts#reviewVersionAction": {
    args: slugIdInput((fx) => fx.row("document_versions"), () => ({ decision: "reject", reason: "模糊", signed: true, chopped: false, colourScan: true, expiresOn: "2027-01-01", version: 1 })),
  },
  "app/(app)/[agency]/documents/actions.ts#moveOfferedCardAction": { args: slugInput((fx) => ({ registrationId: fx.registrationId, to: "documents", version: 99 })) },
  "app/(app)/[agency]/notifications/actions.ts#markNotificationReadAction": { args: slugId((fx) => fx.row("notifications")) },
  "app/(app)/[agency]/notifications/actions.ts#markAllNotificationsReadAction": { args: slugInput(() => ({ upTo: "2026-12-01T00:00:00Z" })) },
  "app/(app)/[agency]/people/actions.ts#findPersonByIdNumberAction": { args: slugInput(() => ({ idNumber: "11010519491231002X" })) },
  "app/(app)/[agency]/people/actions.ts#revealIdNumberAction": { args: slugInput(() => ({ personId: uuid })) },
  "app/(app)/[agency]/people/actions.ts#exportPersonAction": { args: slugInput(() => ({ personId: uuid })) },
  "app/(app)/[agency]/people/actions.ts#createPersonAction": {
    args: slugInput((fx) => ({ name: "李四", idType: "prc_resident_id", idNumber: "11010519491231002X", mobile: "13800138000", clientCompanyId: fx.companyId, role: "operator" })),
  },
  "app/(app)/[agency]/people/actions.ts#recordExternalAccountAction": { args: slugInput((fx) => ({ personId: fx.personId, name: "外部号", wechatId: "outside_1" })) },
  // Never the person's real name: a successful erasure would take the fixture's person away from the rest.
  "app/(app)/[agency]/people/actions.ts#erasePersonAction": { args: slugInput((fx) => ({ personId: fx.personId, confirmName: "不是这个人", reason: "other" })) },
  "app/(app)/[agency]/people/actions.ts#updatePersonAction": {
    args: slugIdInput((fx) => fx.personId, () => ({ name: "张三", mobile: "13800138000", email: "p@example.com", version: 1 })),
  },
  "app/(app)/[agency]/registrations/actions.ts#moveCardAction": { args: slugInput((fx) => ({ id: fx.registrationId, to: "documents", version: 1, note: "备注" })) },
  "app/(app)/[agency]/registrations/actions.ts#loadColumnAction": { args: slugInput(() => ({ query: "pipeline=oa_cn_org&q=%E5%85%AC", stage: "intake", after: null })) },
  "app/(app)/[agency]/registrations/actions.ts#loadCardAction": { args: slugId((fx) => fx.registrationId) },
  "app/(app)/[agency]/registrations/actions.ts#addCardNoteAction": { args: slugIdInput((fx) => fx.registrationId, () => ({ body: "卡片备注" })) },
  "app/(app)/[agency]/registrations/actions.ts#setWaitingAction": { args: slugInput((fx) => ({ id: fx.registrationId, waiting: "client", version: 1 })) },
  "app/(app)/[agency]/registrations/actions.ts#bulkCardsAction": {
    args: slugInput((fx) => ({ action: "waiting", cards: [{ id: fx.registrationId, version: 1 }], waiting: "wechat" })),
  },
  // Never the agency's slug: a successful deletion would end the fixture.
  "app/(app)/[agency]/settings/actions.ts#deleteAgencyAction": { args: slugInput(() => ({ confirmation: "not-this-agency" })) },
  "app/(app)/[agency]/settings/actions.ts#updateStaffRestrictionAction": { args: slugInput(() => ({ restrictStaffToAssigned: false })) },
  "app/(app)/[agency]/settings/holidays/actions.ts#addHolidayAction": { args: slugInput(() => ({ date: "2026-11-11", kind: "holiday", name: "光棍节" })) },
  "app/(app)/[agency]/settings/holidays/actions.ts#updateHolidayAction": {
    args: slugIdInput(() => "2026-10-01", () => ({ date: "2026-10-01", kind: "holiday", name: "国庆节" })),
  },
  "app/(app)/[agency]/settings/holidays/actions.ts#deleteHolidayAction": { args: slugId(() => "2026-10-03") },
  "app/(app)/[agency]/settings/holidays/actions.ts#addNationalYearAction": { args: slugInput(() => ({ year: 2026 })), runs: 6 },
  "app/(app)/[agency]/settings/holidays/actions.ts#updateFollowUpDaysAction": { args: slugInput(() => ({ overseasFollowUpDays: 10 })) },
  "app/(app)/[agency]/settings/holidays/actions.ts#updateStaleAfterDaysAction": { args: slugInput(() => ({ staleAfterDays: 14 })) },
  "app/(app)/[agency]/settings/holidays/documents-actions.ts#updateAdvanceOnDocumentsAction": { args: slugInput(() => ({ advanceOnDocuments: false })) },
  "app/(app)/[agency]/settings/members/actions.ts#inviteMemberAction": {
    args: slugInput((fx) => ({ email: `invite-${fx.slug}@example.com`, role: "staff", clientCompanyId: null, locale: "zh-CN" })),
  },
  "app/(app)/[agency]/settings/members/actions.ts#resendInvitationAction": { args: slugInput(() => ({ invitationId: uuid, locale: "en" })) },
  "app/(app)/[agency]/settings/members/actions.ts#revokeInvitationAction": { args: slugInput(() => ({ invitationId: uuid })) },
  "app/(app)/[agency]/settings/members/actions.ts#changeRoleAction": { args: slugInput(() => ({ membershipId: uuid, role: "manager", clientCompanyId: null, reassignTo: null })) },
  "app/(app)/[agency]/settings/members/actions.ts#disableMemberAction": { args: slugInput(() => ({ membershipId: uuid, reassignTo: null })) },
  "app/(app)/[agency]/settings/members/actions.ts#enableMemberAction": { args: slugInput(() => ({ membershipId: uuid })) },
  "app/(app)/[agency]/settings/members/actions.ts#removeMemberAction": { args: slugInput(() => ({ membershipId: uuid, reassignTo: null })) },
  "app/(app)/[agency]/settings/members/actions.ts#transferOwnershipAction": { args: slugInput(() => ({ membershipId: uuid })) },
  "app/(app)/[agency]/settings/robot-actions.ts#updateRobotWebhookAction": {
    args: slugInput(() => ({ webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000" })),
  },
  "app/(app)/[agency]/settings/robot-actions.ts#sendRobotTestAction": { args: (fx) => [fx.slug] },
  "app/(app)/[agency]/settings/security-actions.ts#updateSecuritySettingsAction": { args: slugInput(() => ({ requireTotpForAdmins: false })) },
  "app/(app)/[agency]/settings/storage/actions.ts#runReconciliationAction": { args: slugInput(() => ({ run: false })), runs: 6 },
  "app/(app)/[agency]/views/actions.ts#saveViewAction": { args: slugInput(() => ({ list: "clients", name: "我的视图", query: "kind=cn_org", isDefault: false })) },
  "app/(app)/[agency]/views/actions.ts#updateViewAction": { args: slugInput(() => ({ id: uuid, name: "改名", query: "kind=overseas", isDefault: true })) },
  "app/(app)/[agency]/views/actions.ts#deleteViewAction": { args: slugInput(() => ({ id: uuid })) },
  "app/(auth)/forgot-password/actions.ts#requestPasswordResetAction": { as: "anonymous", args: inputOnly((fx) => ({ email: fx.ownerEmail })), runs: 6 },
  "app/(auth)/invitations/[token]/actions.ts#acceptInvitationAction": { as: "spare", args: () => ["not-a-token"] },
  "app/(auth)/invitations/[token]/actions.ts#createAccountAndAcceptAction": {
    as: "anonymous",
    args: inputOnly(() => ({ token: "not-a-token", name: "新人", password: "correct horse battery staple" })),
    runs: 6,
  },
  "app/(auth)/reset-password/[token]/actions.ts#resetPasswordAction": {
    as: "anonymous",
    args: () => ["not-a-token", { password: "correct horse battery staple", confirm: "correct horse battery staple" }],
    runs: 6,
  },
  "app/(auth)/sign-in-link/actions.ts#requestSignInLinkAction": { as: "anonymous", args: inputOnly((fx) => ({ email: fx.ownerEmail })), runs: 6 },
  "app/(auth)/sign-in-link/actions.ts#signInWithLinkAction": { as: "anonymous", args: () => ["not-a-token"], runs: 6 },
  "app/(auth)/sign-up/actions.ts#signUpAction": {
    as: "anonymous",
    args: inputOnly((fx) => ({
      name: "新老板",
      email: `signup-${fx.slug}@example.com`,
      password: "correct horse battery staple",
      agencyName: "新代理",
      slug: `new-${fx.slug}`,
      defaultLocale: "zh-CN",
      timeZone: "Asia/Shanghai",
    })),
    runs: 6,
  },
  "app/(auth)/verify-email/actions.ts#resendVerificationAction": { as: "spare", args: none, runs: 2 },
  "app/(auth)/verify-email/actions.ts#confirmEmailAction": { as: "anonymous", args: () => ["not-a-token"] },
  "app/account/preferences/actions.ts#saveNotificationPreferencesAction": {
    args: slugInput(() => ({ preferences: [{ topic: "weekly_digest", inApp: true, email: false }] })),
  },
  "app/account/security/actions.ts#changePasswordAction": {
    as: "spare",
    args: inputOnly(() => ({ currentPassword: "not the password", newPassword: "correct horse battery staple" })),
    runs: 6,
  },
  "app/account/security/actions.ts#startTotpEnrolmentAction": { as: "spare", args: none, runs: 2 },
  "app/account/security/actions.ts#enableTotpAction": { as: "spare", args: inputOnly(() => ({ enrolment: "sealed", code: "123456" })) },
  "app/account/security/actions.ts#finishTotpEnrolmentAction": { as: "spare", args: () => ["sealed"] },
  "app/account/security/actions.ts#disableTotpAction": { as: "spare", args: inputOnly(() => ({ password: "not the password" })), runs: 6 },
  "app/actions/locale.ts#setLocale": { as: "anonymous", args: () => ["zh-CN"] },
  "app/portal/[agency]/notifications/read-actions.ts#markPortalNotificationReadAction": { as: "client", args: slugId(() => uuid) },
  "app/portal/[agency]/notifications/read-actions.ts#markAllPortalNotificationsReadAction": { as: "client", args: slugInput(() => ({ upTo: "2026-12-01T00:00:00Z" })) },
  "app/portal/[agency]/requests/[id]/actions.ts#createUploadIntentAction": {
    as: "client",
    args: (fx) => [fx.slug, upload(fx), "fuzz-portal-upload"],
  },
  "app/portal/[agency]/requests/[id]/actions.ts#completeUploadAction": { as: "client", args: slugId((fx) => fx.row("upload_intents")), runs: 6 },
  "app/portal/[agency]/requests/[id]/actions.ts#addRequestCommentAction": {
    as: "client",
    args: slugIdInput((fx) => fx.row("document_requests"), () => ({ body: "已上传" })),
  },
};

let admin: pg.Client;
let fx: FuzzFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  fx = await makeFuzzFixture(admin);
});

afterAll(async () => {
  await admin?.end();
  await resetAppState();
});

/** The POST a browser makes for an action, with the caller's cookie. */
function actionRequest(as: Caller): Request {
  const headers = new Headers({ origin: APP_URL, "next-action": "fuzz", "accept-language": "zh-CN,zh;q=0.9" });
  const cookie = { owner: fx.ownerCookie, client: fx.clientCookie, spare: fx.spareCookie, anonymous: null }[as];
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${APP_URL}/`, { method: "POST", headers });
}

const CODES = new Set(Object.keys(appErrorCodes));

/**
 * What an action may answer: nothing (a void action), or `{ ok: true, … }`, or a refusal
 * with a known code that is not the server's fault, a message key and field keys.
 */
function checkResult(key: string, result: unknown) {
  if (result === undefined) return;
  expect(result, `${key} answered something that is no result`).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const answer = result as { ok: boolean; code?: unknown; message?: unknown; fields?: unknown };
  if (answer.ok) return;
  expect(CODES.has(String(answer.code)), `${key} refused with code ${String(answer.code)}`).toBe(true);
  expect(answer.code, `${key} failed on the server's side`).not.toMatch(/^(INTERNAL|UNAVAILABLE)$/);
  expect(answer.message, `${key} refused without a message key`).toEqual(expect.stringMatching(/^\w[\w.-]*$/));
  if (answer.fields !== undefined) {
    expect(Object.values(answer.fields as Record<string, unknown>).every((field) => typeof field === "string")).toBe(true);
  }
}

describe("server actions under fuzzing", () => {
  const targets = listActionTargets();

  it("every server action has an entry here, and every entry a server action", () => {
    expect(targets.length).toBeGreaterThan(0);
    expect(coverageGaps(targets.map((target) => target.key), Object.keys(actions))).toEqual({ missing: [], stale: [] });
  });

  for (const target of targets) {
    const entry = actions[target.key];
    if (!entry) continue;
    it(`${target.key} (seed ${FUZZ_SEED})`, async () => {
      const action = await load(target);
      const valid = entry.args(fx);
      await fuzz(
        entry.attack?.(fx) ?? attackOn(valid),
        async (args) => {
          const before = await tenantChecksum(admin, fx);
          let result: unknown;
          let thrown: unknown;
          try {
            result = await inRequestScope(actionRequest(entry.as ?? "owner"), "/page", () => action(...args));
          } catch (error) {
            thrown = error;
          }
          const flow = thrown === undefined ? null : controlFlowStatus(thrown);
          try {
            expect(thrown === undefined || flow !== null, `${target.key} threw`).toBe(true);
            // A redirect may be the success of an action; anything else must leave the tenant as it was.
            if (flow && flow.status < 400) return;
            if (!flow) checkResult(target.key, result);
            if (flow || (result as { ok?: boolean } | undefined)?.ok === false) {
              expect(changedTables(before, await tenantChecksum(admin, fx)), `${target.key} refused but wrote`).toEqual([]);
            }
          } catch (error) {
            throw new Error(
              `${(error as Error).message}\nargs: ${describeInput(args)}\nresult: ${describeInput(result)}${thrown ? `\nthrown: ${(thrown as Error).stack}` : ""}`,
            );
          }
        },
        entry.runs ?? FUZZ_RUNS,
        entry.attack ? [] : examplesOf(valid),
      );
    });
  }
});

async function load(target: ActionTarget): Promise<(...args: unknown[]) => Promise<unknown>> {
  const loaded = (await import(/* @vite-ignore */ `@/${target.file}`)) as Record<string, unknown>;
  return loaded[target.exportedName] as (...args: unknown[]) => Promise<unknown>;
}
