/**
 * An Official Account's profile after creation (issue 6 §3, design.md §4.3): read it
 * with its name history and what WeChat's calendar rules allow next, and edit it with
 * optimistic concurrency on the account's own `version` (not its card's, so a move on
 * the board does not clash with an edit). The rules — the introduction once per
 * calendar month after registration (B9), a Chinese individual's two renames per
 * calendar year after registration (B8) — are checked here first for clear messages
 * and held by the database's trigger (0004, 0019), whose refusals map to the same
 * field errors. Each edit is one transaction: the row, its version, the name history
 * and the audit event.
 */
import "server-only";
import { and, desc, eq, gt, gte, lt, sql } from "drizzle-orm";
import { officialAccountNames, officialAccounts, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import {
  INDIVIDUAL_RENAMES_PER_YEAR,
  PROFILE_MESSAGES,
  profileFields,
  updateOfficialAccountSchema,
  type OfficialAccountProfile,
  type ProfileField,
  type ProfileWarning,
  type UpdatedOfficialAccount,
} from "./profile-schemas";
import { localDate, localYearBounds, sameLocalMonth, startOfLocalDate, startOfNextMonth } from "./zoned-time";

export type ProfileActor = Pick<MembershipContext, "user" | "agency" | "role">;

type AccountRow = typeof officialAccounts.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refusals of the rules that name when the field may change again (ISO instants, per field). */
export type NextAllowed = Partial<Record<"name" | "introduction", string>>;

function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `no official account ${id}`);
}

function validation(fields: Record<string, string>, nextAllowedAt?: NextAllowed): AppError {
  return new AppError("VALIDATION", `invalid official account profile: ${Object.keys(fields).join(", ")}`, {
    fields,
    ...(nextAllowedAt && Object.keys(nextAllowedAt).length > 0 ? { nextAllowedAt } : {}),
  });
}

/** The pg error behind a drizzle one (drizzle wraps driver errors in `cause`). */
function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e?.code ? e : ((e?.cause ?? {}) as { code?: string; constraint?: string });
}

/** How often the account was renamed after registration in `now`'s calendar year (agency zone). */
async function renamesThisYear(
  tx: Tx,
  agencyId: string,
  account: Pick<AccountRow, "id" | "registeredAt">,
  now: Date,
  timeZone: string,
): Promise<number> {
  if (!account.registeredAt) return 0;
  const year = localYearBounds(now, timeZone);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(officialAccountNames)
    .where(
      and(
        eq(officialAccountNames.agencyId, agencyId),
        eq(officialAccountNames.officialAccountId, account.id),
        gt(officialAccountNames.changedAt, account.registeredAt),
        gte(officialAccountNames.changedAt, year.start),
        lt(officialAccountNames.changedAt, year.end),
      ),
    );
  return row?.n ?? 0;
}

/** When the introduction may change again (null: now), as the trigger counts: by intro_changed_at's month. */
function introNextChangeAt(account: AccountRow, now: Date, timeZone: string): Date | null {
  if (!account.registeredAt || !account.introChangedAt) return null;
  return sameLocalMonth(account.introChangedAt, now, timeZone) ? startOfNextMonth(now, timeZone) : null;
}

/** Whether renames count against the yearly limit: a Chinese individual's registered account. */
function renameLimited(account: AccountRow): boolean {
  return account.subjectKind === "cn_individual" && account.registeredAt !== null;
}

/** The profile DTO of `account` (read inside `tx`), at `now`. */
async function profileOf(tx: Tx, agencyId: string, account: AccountRow, now: Date, timeZone: string): Promise<OfficialAccountProfile> {
  const history = await tx
    .select({ name: officialAccountNames.name, changedAt: officialAccountNames.changedAt, byId: officialAccountNames.changedBy, byName: users.name })
    .from(officialAccountNames)
    .leftJoin(users, eq(users.id, officialAccountNames.changedBy))
    .where(and(eq(officialAccountNames.agencyId, agencyId), eq(officialAccountNames.officialAccountId, account.id)))
    .orderBy(desc(officialAccountNames.changedAt), desc(officialAccountNames.id));
  const limited = renameLimited(account);
  const renamesLeft = limited ? Math.max(0, INDIVIDUAL_RENAMES_PER_YEAR - (await renamesThisYear(tx, agencyId, account, now, timeZone))) : null;
  const introNext = introNextChangeAt(account, now, timeZone);
  return {
    id: account.id,
    clientCompanyId: account.clientCompanyId,
    subjectKind: account.subjectKind,
    accountType: account.accountType,
    name: account.name,
    introduction: account.introduction,
    loginEmail: account.loginEmail,
    wechatId: account.wechatId,
    originalId: account.originalId,
    registeredAt: account.registeredAt ? localDate(account.registeredAt, timeZone) : null,
    introChangedAt: account.introChangedAt?.toISOString() ?? null,
    introNextChangeAt: introNext?.toISOString() ?? null,
    renamesLeftThisYear: renamesLeft,
    nameNextChangeAt: renamesLeft === 0 ? localYearBounds(now, timeZone).end.toISOString() : null,
    names: history.map((row) => ({
      name: row.name,
      changedAt: row.changedAt.toISOString(),
      // A user no longer of the agency is not visible: their name reads "".
      changedBy: row.byId ? { id: row.byId, name: row.byName ?? "" } : null,
    })),
    version: account.version,
    updatedAt: account.updatedAt.toISOString(),
  };
}

async function readAccount(tx: Tx, agencyId: string, id: string, lock: boolean): Promise<AccountRow | null> {
  const query = tx
    .select()
    .from(officialAccounts)
    .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/**
 * One Official Account's profile, with its name history (newest first, who and when),
 * when its introduction may next change and, for a registered Chinese individual, the
 * renames left this year. Needs `account:read`. Another agency's id, one that is not a
 * UUID, or (for staff restricted to their clients) an account of a client they do not
 * see: NOT_FOUND.
 */
export async function getOfficialAccountProfile(actor: ProfileActor, id: string): Promise<OfficialAccountProfile> {
  assertCan(actor.role, "account:read");
  if (!UUID.test(id)) throw notFound(id);
  const agencyId = actor.agency.id;
  return withTenant({ agencyId, userId: actor.user.id, readOnly: true }, async (tx) => {
    const account = await readAccount(tx, agencyId, id, false);
    if (!account) throw notFound(id);
    return profileOf(tx, agencyId, account, clock.now(), actor.agency.timeZone);
  });
}

/** Who changed the profile last and when: the "changed by X at T" of a stale edit. */
async function lastProfileChange(tx: Tx, agencyId: string, id: string): Promise<{ by: string | null; at: string | null }> {
  const result = await tx.execute<{ name: string | null; at: Date | string | null }>(sql`
    select u.name, a.at from audit_events a left join users u on u.id = a.actor_user_id
    where a.agency_id = ${agencyId} and a.target_type = 'official_account' and a.target_id = ${id}
      and a.action in ('official_account.create', 'official_account.update', 'official_account.rename')
    order by a.at desc, a.id desc limit 1`);
  const row = result.rows[0];
  return { by: row?.name ?? null, at: row?.at ? new Date(row.at).toISOString() : null };
}

/**
 * The edit's issues as field → message key, leaving out a value sent back unchanged:
 * an account recorded before these checks (a four-letter WeChat ID, say) stays
 * editable in its other fields.
 */
function fieldIssues(input: unknown, account: AccountRow, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "form");
    if ((profileFields as readonly string[]).includes(field) && field !== "registeredAt") {
      const stored = account[field as Exclude<ProfileField, "registeredAt">];
      if (typeof raw[field] === "string" && stored !== null && (raw[field] as string).trim() === stored) continue;
    }
    fields[field] ??= issue.message;
  }
  return fields;
}

/**
 * Saves an edit of an Official Account's profile made from `version` (account:write).
 * Fields left out are kept; null or blank clears one (not a name once given, nor a
 * registration date once set). After registration the introduction may change once per
 * calendar month (a change sets intro_changed_at), and a Chinese individual's account
 * may be renamed twice per calendar year, both in the agency's time zone; a refusal is
 * VALIDATION on the field with `details.nextAllowedAt` saying when it may change. Every
 * new name joins the history (changed_by: the actor). An organisation renamed after
 * registration gets the warning `org_rename_at_verification`. A newer version in the
 * database is STALE_VERSION with the current profile, who changed it and when. The audit
 * event names the fields changed, never their values. Errors: FORBIDDEN, NOT_FOUND,
 * VALIDATION, STALE_VERSION.
 */
export async function updateOfficialAccount(
  actor: ProfileActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<UpdatedOfficialAccount> {
  assertCan(actor.role, "account:write");
  if (!UUID.test(id)) throw notFound(id);
  const agencyId = actor.agency.id;
  const timeZone = actor.agency.timeZone;
  const now = clock.now();
  try {
    return await withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
      // Locked until the transaction ends, so the version compared is the one overwritten
      // and the rename count cannot race a concurrent rename.
      const account = await readAccount(tx, agencyId, id, true);
      if (!account) throw notFound(id);

      const parsed = updateOfficialAccountSchema.safeParse(input);
      const fields = parsed.success ? {} : fieldIssues(input, account, parsed.error.issues);
      if (!parsed.success && Object.keys(fields).length > 0) throw validation(fields);
      // Issues only on unchanged stored values: keep those fields as they are.
      const body = parsed.success ? parsed.data : updateOfficialAccountSchema.partial().parse(withoutKeys(input, parsed.error.issues));
      if (body.version === undefined) throw validation({ version: PROFILE_MESSAGES.invalidValue });

      const next = {
        name: body.name === undefined ? account.name : body.name,
        introduction: body.introduction === undefined ? account.introduction : body.introduction,
        loginEmail: body.loginEmail === undefined ? account.loginEmail : body.loginEmail,
        wechatId: body.wechatId === undefined ? account.wechatId : body.wechatId,
        originalId: body.originalId === undefined ? account.originalId : body.originalId,
      };
      const storedDate = account.registeredAt ? localDate(account.registeredAt, timeZone) : null;
      const nextDate = body.registeredAt === undefined ? storedDate : body.registeredAt;
      const inputErrors: Record<string, string> = {};
      if (account.name !== null && next.name === null) inputErrors.name = PROFILE_MESSAGES.nameRequired;
      if (storedDate !== null && nextDate === null) inputErrors.registeredAt = PROFILE_MESSAGES.registeredAtKept;
      if (nextDate !== null && nextDate !== storedDate && nextDate > localDate(now, timeZone)) inputErrors.registeredAt = PROFILE_MESSAGES.futureDate;
      if (Object.keys(inputErrors).length > 0) throw validation(inputErrors);

      if (account.version !== body.version) {
        const change = await lastProfileChange(tx, agencyId, id);
        throw new AppError("STALE_VERSION", `official account ${id} is at version ${account.version}, not ${body.version}`, {
          messageKey: PROFILE_MESSAGES.stale,
          current: await profileOf(tx, agencyId, account, now, timeZone),
          changedBy: change.by,
          changedAt: change.at,
        });
      }

      // The same day keeps the stored instant (a seeded time of day, say). Today is now: the
      // names and introductions recorded earlier today came before the registration did. An
      // earlier day starts at its midnight.
      const registeredAt =
        nextDate === storedDate
          ? account.registeredAt
          : nextDate === null
            ? null
            : nextDate === localDate(now, timeZone)
              ? now
              : startOfLocalDate(nextDate, timeZone);
      const changed: ProfileField[] = [
        ...(["name", "introduction", "loginEmail", "wechatId", "originalId"] as const).filter((field) => next[field] !== account[field]),
        ...(nextDate !== storedDate ? (["registeredAt"] as const) : []),
      ];
      if (changed.length === 0) return { ...(await profileOf(tx, agencyId, account, now, timeZone)), warnings: [] };

      // WeChat's calendar rules bind only after registration (as the trigger has it: registered before this edit).
      const registered = account.registeredAt !== null;
      const renamed = changed.includes("name");
      const introChanged = changed.includes("introduction");
      const ruleErrors: Record<string, string> = {};
      const nextAllowedAt: NextAllowed = {};
      if (registered && introChanged) {
        const introNext = introNextChangeAt(account, now, timeZone);
        if (introNext) {
          ruleErrors.introduction = PROFILE_MESSAGES.introductionOncePerMonth;
          nextAllowedAt.introduction = introNext.toISOString();
        }
      }
      // Counted from the registration date as it will stand, as the trigger counts them.
      if (renamed && renameLimited(account) && (await renamesThisYear(tx, agencyId, { id, registeredAt }, now, timeZone)) >= INDIVIDUAL_RENAMES_PER_YEAR) {
        ruleErrors.name = PROFILE_MESSAGES.renameLimit;
        nextAllowedAt.name = localYearBounds(now, timeZone).end.toISOString();
      }
      if (Object.keys(ruleErrors).length > 0) throw validation(ruleErrors, nextAllowedAt);

      const [updated] = await tx
        .update(officialAccounts)
        .set({
          ...next,
          registeredAt,
          ...(registered && introChanged ? { introChangedAt: now } : {}),
          version: sql`${officialAccounts.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, id)))
        .returning();
      // After the UPDATE: the trigger counts the renames before this one.
      if (renamed && next.name !== null) {
        await tx.insert(officialAccountNames).values({
          id: newId(),
          agencyId,
          clientCompanyId: account.clientCompanyId,
          officialAccountId: id,
          name: next.name,
          changedAt: now,
          changedBy: actor.user.id,
        });
      }
      await recordAudit(tx, {
        agencyId,
        actorUserId: actor.user.id,
        requestId: options.requestId ?? null,
        action: "official_account.update",
        targetType: "official_account",
        targetId: id,
        // Field names only: a login e-mail is personal data, and the name history keeps the names.
        data: { fields: changed, version: updated!.version },
      });
      const warnings: ProfileWarning[] = renamed && registered && account.subjectKind !== "cn_individual" ? ["org_rename_at_verification"] : [];
      return { ...(await profileOf(tx, agencyId, updated!, now, timeZone)), warnings };
    });
  } catch (error) {
    mapRuleError(error, now, timeZone);
  }
}

/** `input` without the fields its issues name (all of them unchanged stored values, see fieldIssues). */
function withoutKeys(input: unknown, issues: readonly { path: readonly PropertyKey[] }[]): Record<string, unknown> {
  const rest = { ...((input && typeof input === "object" ? input : {}) as Record<string, unknown>) };
  for (const issue of issues) delete rest[String(issue.path[0])];
  return rest;
}

/**
 * The database's refusals (0004/0019 trigger, the length CHECK) as the field errors the
 * code gives, should its own checks ever miss one (a race it could not see).
 */
function mapRuleError(error: unknown, now: Date, timeZone: string): never {
  const pg = pgErrorOf(error);
  if (pg.code === "23514") {
    switch (pg.constraint) {
      case "official_accounts_intro_once_a_month":
      case "official_accounts_intro_changed_at":
        throw validation(
          { introduction: PROFILE_MESSAGES.introductionOncePerMonth },
          { introduction: startOfNextMonth(now, timeZone).toISOString() },
        );
      case "official_accounts_rename_limit":
        throw validation({ name: PROFILE_MESSAGES.renameLimit }, { name: localYearBounds(now, timeZone).end.toISOString() });
      case "official_accounts_registered_at_kept":
        throw validation({ registeredAt: PROFILE_MESSAGES.registeredAtKept });
      case "official_accounts_intro_length":
        throw validation({ introduction: PROFILE_MESSAGES.introductionLength });
    }
  }
  throw error;
}
