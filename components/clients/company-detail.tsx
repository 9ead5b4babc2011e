/**
 * The client page's parts (issue 6 §8): the header with the company's names, kind,
 * credit code and assignee; the tabs; and one section per tab. Server components: the
 * page reads once (lib/clients/detail.ts) and each part shows its slice.
 */
import {
  Archive,
  ArrowLeft,
  Clock,
  MessageSquareText,
  MessagesSquare,
  Pencil,
  UserRound,
  UsersRound,
} from "lucide-react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { isAuditAction, isAuditTargetType } from "@/lib/audit/filters";
import type { CompanyAccount, CompanyDetail } from "@/lib/clients/detail";
import { companyScales } from "@/lib/clients/schemas";
import type { Company } from "@/lib/clients/service";
import { allStages, type Stage } from "@/lib/registration/pipelines";
import { companyDisplayName, companyTabs, kindBadgeClass, type CompanyTab } from "./company-detail-labels";
import { NoteForm } from "./company-detail-notes";

const badgeClass = "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium";
const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "px-3 py-2.5 align-top";

/** Short facts on one line, separated by middle dots. */
function joinDot(parts: readonly (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(" · ");
}

function isStage(value: string | null): value is Stage {
  return value !== null && (allStages as readonly string[]).includes(value);
}

export async function CompanyHeader({
  company,
  agencySlug,
  canEdit,
}: {
  company: Company;
  agencySlug: string;
  canEdit: boolean;
}) {
  const t = await getTranslations("clientPage");
  const name = companyDisplayName(company);
  const secondName = company.legalNameZh && company.nameEn ? company.nameEn : null;
  return (
    <header className="mb-5">
      <Link
        href={`/${agencySlug}/clients`}
        className="mb-4 inline-flex items-center gap-1.5 rounded-sm text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("back")}
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-balance" lang={company.legalNameZh ? "zh-CN" : undefined}>
            {name}
          </h1>
          {secondName && <p className="mt-0.5 text-sm text-muted-foreground">{secondName}</p>}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <span className={cn(badgeClass, kindBadgeClass[company.kind])}>{t(`kinds.${company.kind}`)}</span>
            {company.archivedAt && (
              <span className={cn(badgeClass, "border-border bg-muted text-muted-foreground")}>
                <Archive aria-hidden="true" className="size-3.5" />
                {t("archived")}
              </span>
            )}
          </div>
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {company.uscc && (
              <div className="flex gap-1.5">
                <dt className="text-muted-foreground">{t("facts.uscc")}</dt>
                <dd className="font-mono">{company.uscc}</dd>
              </div>
            )}
            {company.kind === "overseas" && company.country && (
              <div className="flex gap-1.5">
                <dt className="text-muted-foreground">{t("facts.country")}</dt>
                <dd>
                  <CountryName code={company.country} />
                </dd>
              </div>
            )}
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">{t("facts.assignee")}</dt>
              <dd>{company.assignee?.name ?? <span className="text-muted-foreground">{t("unassigned")}</span>}</dd>
            </div>
          </dl>
        </div>
        {canEdit && (
          <Link href={`/${agencySlug}/clients/${company.id}/edit`} className={cn(buttonClass.secondary, "self-start")}>
            <Pencil aria-hidden="true" className="size-4" />
            {t("edit")}
          </Link>
        )}
      </div>
    </header>
  );
}

/** A country by name in the reader's language, with its code. */
async function CountryName({ code }: { code: string }) {
  const locale = await getLocale();
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(code);
  } catch {
    name = undefined;
  }
  return (
    <>
      {name && name !== code ? `${name} ` : ""}
      <span className="font-mono text-muted-foreground">{code}</span>
    </>
  );
}

export async function CompanyTabs({
  agencySlug,
  companyId,
  current,
  counts,
}: {
  agencySlug: string;
  companyId: string;
  current: CompanyTab;
  counts: Partial<Record<CompanyTab, number>>;
}) {
  const t = await getTranslations("clientPage");
  const base = `/${agencySlug}/clients/${companyId}`;
  return (
    <nav aria-label={t("tabs.label")} className="mb-6 overflow-x-auto border-b">
      <ul className="-mb-px flex gap-1">
        {companyTabs.map((tab) => (
          <li key={tab}>
            <Link
              href={tab === "overview" ? base : `${base}?tab=${tab}`}
              aria-current={tab === current ? "page" : undefined}
              className="inline-flex h-9 items-center gap-1.5 border-b-2 border-transparent px-3 text-sm whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground aria-[current=page]:border-primary aria-[current=page]:font-medium aria-[current=page]:text-foreground"
            >
              {t(`tabs.${tab}`)}
              {counts[tab] !== undefined && counts[tab] > 0 && (
                <span className="rounded-full bg-muted px-1.5 text-xs tabular-nums text-muted-foreground">{counts[tab]}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-3 sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export async function OverviewSection({ detail, timeZone }: { detail: CompanyDetail; timeZone: string }) {
  const t = await getTranslations("clientPage");
  const tForm = await getTranslations("clientForm");
  const format = await getFormatter();
  const { company } = detail;
  const none = <span className="text-muted-foreground">{t("overview.none")}</span>;
  const text = (value: string | null, mono = false) => (value ? <span className={mono ? "font-mono" : undefined}>{value}</span> : none);
  const isOrg = company.kind === "cn_org";
  const isOverseas = company.kind === "overseas";
  const openRequests = detail.documentRequests.filter((request) => request.status === "open").length;

  return (
    <section aria-labelledby="overview-heading" className="flex flex-col gap-6">
      <h2 id="overview-heading" className="sr-only">
        {t("tabs.overview")}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-3">
        <SummaryCard label={t("overview.people")} value={detail.people.length} />
        <SummaryCard label={t("overview.accounts")} value={detail.accounts.length} />
        <SummaryCard label={t("overview.openRequests")} value={openRequests} />
      </dl>
      <dl className="divide-y rounded-xl border text-sm">
        {isOrg && <Row label={t("fields.subjectType")}>{tForm(`subjectTypes.${company.subjectType}`)}</Row>}
        <Row label={t(`fields.legalNameZh.${company.kind}`)}>{text(company.legalNameZh)}</Row>
        <Row label={t(`fields.nameEn.${company.kind}`)}>{text(company.nameEn)}</Row>
        {isOrg && <Row label={t("fields.uscc")}>{text(company.uscc, true)}</Row>}
        {isOrg && company.usccOverrideReason && (
          <Row label={t("overview.usccOverrideReason")}>{company.usccOverrideReason}</Row>
        )}
        {isOrg && <Row label={t("fields.orgCode")}>{text(company.legacyOrgCode, true)}</Row>}
        {isOrg && <Row label={t("fields.registrationNumber")}>{text(company.registrationNumber, true)}</Row>}
        {isOverseas && (
          <Row label={t("fields.country")}>{company.country ? <CountryName code={company.country} /> : none}</Row>
        )}
        {isOverseas && <Row label={t("fields.foreignRegistrationNumber")}>{text(company.foreignRegistrationNumber, true)}</Row>}
        {company.kind !== "cn_individual" && <Row label={t("fields.industry")}>{text(company.industry)}</Row>}
        {company.kind !== "cn_individual" && (
          <Row label={t("fields.scale")}>
            {company.scale
              ? (companyScales as readonly string[]).includes(company.scale)
                ? tForm(`scales.${company.scale as (typeof companyScales)[number]}`)
                : company.scale
              : none}
          </Row>
        )}
        <Row label={t("fields.address")}>{text(company.address)}</Row>
        <Row label={t("fields.assignee")}>{company.assignee?.name ?? none}</Row>
        <Row label={t("overview.createdAt")}>
          {format.dateTime(company.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
        </Row>
        <Row label={t("overview.updatedAt")}>
          {format.dateTime(company.updatedAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
        </Row>
      </dl>
    </section>
  );
}

function SummaryCard({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-xl border px-4 py-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function TableFrame({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[40rem] border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export async function PeopleSection({
  detail,
  agencySlug,
  actions,
}: {
  detail: CompanyDetail;
  agencySlug: string;
  /** "Add person", for roles that may. */
  actions?: ReactNode;
}) {
  const t = await getTranslations("clientPage");
  const format = await getFormatter();
  if (detail.people.length === 0) {
    return (
      <EmptyState Icon={UsersRound} title={t("people.emptyTitle")} body={t("people.emptyBody")}>
        {actions}
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="people-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="people-heading" className="text-sm font-semibold">
          {t("tabs.people")}
        </h2>
        {actions}
      </div>
      <TableFrame caption={t("people.caption")}>
        <thead className="bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>{t("people.name")}</th>
            <th scope="col" className={headClass}>{t("people.roles")}</th>
            <th scope="col" className={headClass}>{t("people.id")}</th>
            <th scope="col" className={headClass}>{t("people.contact")}</th>
          </tr>
        </thead>
        <tbody>
          {detail.people.map((person) => (
            <tr key={person.id} className="[&:not(:last-child)>td]:border-b [&:not(:last-child)>th]:border-b">
              <th scope="row" className={cn(cellClass, "text-left font-medium")}>
                <Link href={`/${agencySlug}/people/${person.id}`} prefetch={false} className="underline-offset-4 hover:underline">
                  {person.name}
                </Link>
              </th>
              <td className={cellClass}>{format.list(person.roles.map((role) => t(`personRoles.${role}`)))}</td>
              <td className={cellClass}>
                {person.erased ? (
                  <span className="text-muted-foreground">{t("people.erased")}</span>
                ) : (
                  <>
                    <span className="block text-xs text-muted-foreground">{t(`idTypes.${person.idType}`)}</span>
                    <span className="font-mono" aria-label={t("people.maskedId", { mask: person.idMask ?? "" })}>
                      {person.idMask}
                    </span>
                  </>
                )}
              </td>
              <td className={cellClass}>
                {person.mobile || person.email ? (
                  <>
                    {person.mobile && <span className="block tabular-nums">{person.mobile}</span>}
                    {person.email && <span className="block break-all text-muted-foreground">{person.email}</span>}
                  </>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </section>
  );
}

export async function AccountsSection({
  detail,
  timeZone,
  actions,
  rowDetail,
  rowActions,
}: {
  detail: CompanyDetail;
  timeZone: string;
  /** "New Official Account", "New WeCom corp", for roles that may. */
  actions?: ReactNode;
  /** More about one account under its name (its operator or administrator). */
  rowDetail?: (account: CompanyAccount) => ReactNode;
  /** What may be done to one account (change its operator), with the column's label. */
  rowActions?: { label: string; render: (account: CompanyAccount) => ReactNode };
}) {
  const t = await getTranslations("clientPage");
  const tStages = await getTranslations("portal.stages");
  const tCatalogue = await getTranslations("catalogue");
  const format = await getFormatter();
  if (detail.accounts.length === 0) {
    return (
      <EmptyState Icon={MessagesSquare} title={t("accounts.emptyTitle")} body={t("accounts.emptyBody")}>
        {actions}
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="accounts-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="accounts-heading" className="text-sm font-semibold">
          {t("tabs.accounts")}
        </h2>
        {actions}
      </div>
      <TableFrame caption={t("accounts.caption")}>
        <thead className="bg-muted">
          <tr className="[&>th]:border-b">
            <th scope="col" className={headClass}>{t("accounts.account")}</th>
            <th scope="col" className={headClass}>{t("accounts.pipeline")}</th>
            <th scope="col" className={headClass}>{t("accounts.stage")}</th>
            <th scope="col" className={headClass}>{t("accounts.due")}</th>
            <th scope="col" className={headClass}>{t("accounts.verification")}</th>
            {rowActions && (
              <th scope="col" className={headClass}>
                <span className="sr-only">{rowActions.label}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {detail.accounts.map((account) => (
            <tr key={account.registrationId} className="[&:not(:last-child)>td]:border-b [&:not(:last-child)>th]:border-b">
              <th scope="row" className={cn(cellClass, "text-left font-normal")}>
                <span className="block font-medium">{account.name ?? <span className="text-muted-foreground">{t("accounts.unnamed")}</span>}</span>
                <span className="block text-xs text-muted-foreground">
                  {joinDot([
                    tCatalogue(`products.${account.product}`),
                    account.accountType ? t(`accountTypes.${account.accountType}`) : null,
                    account.wechatId,
                  ])}
                </span>
                {rowDetail?.(account)}
              </th>
              <td className={cellClass}>{t(`pipelines.${account.pipeline}`)}</td>
              <td className={cellClass}>
                <span className={cn(badgeClass, "border-border bg-muted/60")}>{tStages(account.stage)}</span>
                {account.waiting !== "none" && (
                  <span className="mt-1 flex items-center gap-1 text-xs text-muted-foreground">
                    <Clock aria-hidden="true" className="size-3.5" />
                    {t(`waiting.${account.waiting}`)}
                  </span>
                )}
                <span className="mt-1 block text-xs text-muted-foreground">
                  {t("accounts.since", { date: format.dateTime(account.stageEnteredAt, { dateStyle: "medium", timeZone }) })}
                </span>
              </td>
              <td className={cn(cellClass, "whitespace-nowrap tabular-nums")}>
                {account.dueAt ? format.dateTime(account.dueAt, { dateStyle: "medium", timeZone }) : <span className="text-muted-foreground">—</span>}
              </td>
              <td className={cellClass}>
                {account.verificationStatus ? t(`verification.${account.verificationStatus}`) : "—"}
                {account.verificationExpiresAt && (
                  <span className="block text-xs text-muted-foreground">
                    {t("accounts.until", { date: format.dateTime(account.verificationExpiresAt, { dateStyle: "medium", timeZone }) })}
                  </span>
                )}
              </td>
              {rowActions && <td className={cn(cellClass, "text-right whitespace-nowrap")}>{rowActions.render(account)}</td>}
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </section>
  );
}

export async function NotesSection({
  detail,
  agencySlug,
  canWrite,
  timeZone,
}: {
  detail: CompanyDetail;
  agencySlug: string;
  canWrite: boolean;
  timeZone: string;
}) {
  const t = await getTranslations("clientPage");
  const format = await getFormatter();
  return (
    <section aria-labelledby="notes-heading" className="flex max-w-3xl flex-col gap-5">
      <div>
        <h2 id="notes-heading" className="text-sm font-semibold">
          {t("notes.heading")}
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">{t("notes.staffOnly")}</p>
      </div>
      {canWrite ? (
        <NoteForm agencySlug={agencySlug} companyId={detail.company.id} />
      ) : (
        <p className="rounded-lg border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">{t("notes.readOnly")}</p>
      )}
      {detail.notes.length === 0 ? (
        <EmptyState Icon={MessageSquareText} title={t("notes.emptyTitle")} body={t("notes.emptyBody")} headingLevel={3} />
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("notes.listLabel")}>
          {detail.notes.map((note) => (
            <li key={note.id} className="rounded-xl border px-4 py-3 text-sm">
              <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">{note.author ?? t("timeline.former")}</span>
                <time dateTime={note.createdAt.toISOString()}>
                  {format.dateTime(note.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
                </time>
              </p>
              <p className="mt-1.5 break-words whitespace-pre-wrap">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export async function TimelineSection({ detail, timeZone }: { detail: CompanyDetail; timeZone: string }) {
  const t = await getTranslations("clientPage");
  const tAudit = await getTranslations("audit");
  const tStages = await getTranslations("portal.stages");
  const format = await getFormatter();
  if (detail.timeline.length === 0) {
    return <EmptyState Icon={Clock} title={t("timeline.emptyTitle")} body={t("timeline.emptyBody")} />;
  }
  return (
    <section aria-labelledby="timeline-heading" className="max-w-3xl">
      <h2 id="timeline-heading" className="mb-3 text-sm font-semibold">
        {t("tabs.timeline")}
      </h2>
      <ol className="relative flex flex-col gap-4 border-l pl-5">
        {detail.timeline.map((event) => (
          <li key={event.id} className="relative text-sm">
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-background bg-primary" />
            <p className="font-medium">
              {isAuditAction(event.action) ? tAudit(`actions.${event.action}`) : event.action}
              {event.targetType && event.targetType !== "client_company" && isAuditTargetType(event.targetType) && (
                <span className="ml-1.5 font-normal text-muted-foreground">· {tAudit(`targets.${event.targetType}`)}</span>
              )}
            </p>
            {isStage(event.from) && isStage(event.to) && (
              <p className="text-muted-foreground">{t("timeline.moved", { from: tStages(event.from), to: tStages(event.to) })}</p>
            )}
            <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted-foreground">
              <span className="inline-flex items-center gap-1">
                <UserRound aria-hidden="true" className="size-3.5" />
                {event.actor.kind === "user"
                  ? event.actor.name
                  : event.actor.kind === "system"
                    ? t("timeline.system")
                    : t("timeline.former")}
              </span>
              <time dateTime={event.at.toISOString()}>
                {format.dateTime(event.at, { dateStyle: "medium", timeStyle: "short", timeZone })}
              </time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
