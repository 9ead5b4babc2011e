import { ArrowLeft, IdCard, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ErasePersonSection } from "@/components/people/erase-person-section";
import { ExternalAccountButton } from "@/components/people/external-account-dialog";
import { PersonIdControls } from "@/components/people/person-id-controls";
import { PersonSavedNotice } from "@/components/people/person-edit-form";
import { buttonClass } from "@/components/ui/button-styles";
import { AppError } from "@/lib/errors";
import { getErasure, listErasureBlockers } from "@/lib/people/erase";
import { getPersonDetail, type PersonDetail } from "@/lib/people/queries";
import { can } from "@/lib/rbac/permissions";
import { allStages, type Stage } from "@/lib/registration/pipelines";
import { requireSection } from "../../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("peoplePages.person");
  return { title: t("title") };
}

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-top";

/**
 * One person: the masked ID (reveal and export for those allowed, both audited), the
 * companies they are linked to and in which roles, and the Official Accounts their ID
 * operates — in Weidesk and outside it — with the two slots and how many are free.
 * Owners and admins may erase the person (the danger zone); an erased person's page
 * says when and by whom, and shows no personal data and no reveal or export.
 */
export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string; id: string }>;
  searchParams: Promise<{ saved?: string | string[] }>;
}) {
  const { agency, id } = await params;
  const saved = (await searchParams).saved === "updated";
  const membership = await requireSection(agency, "people");
  let person: PersonDetail;
  try {
    person = await getPersonDetail(membership, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const erased = person.erasedAt !== null;
  const mayErase = !erased && can(membership.role, "person:erase");
  const [t, tErase, format, erasure, blockers] = await Promise.all([
    getTranslations("peoplePages"),
    getTranslations("personErase"),
    getFormatter(),
    erased ? getErasure(membership, person.id) : null,
    mayErase ? listErasureBlockers(membership, person.id) : [],
  ]);
  const tStages = await getTranslations("portal.stages");
  const tIdTypes = await getTranslations("clientPage.idTypes");
  const tEdit = await getTranslations("personEditForm");
  const erasedOn = person.erasedAt
    ? format.dateTime(new Date(erasure?.at ?? person.erasedAt), { dateStyle: "long", timeStyle: "short", timeZone: membership.agency.timeZone })
    : "";
  const slug = membership.agency.slug;
  const stageLabel = (stage: string) => ((allStages as string[]).includes(stage) ? tStages(stage as Stage) : stage);

  return (
    <>
      <Link href={`/${slug}/people`} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("person.back")}
      </Link>
      <header className="mb-6 border-b pb-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-xl font-semibold tracking-tight">{erased ? tErase("erasedName") : person.name}</h1>
          {/* An erased person has nothing left to edit. */}
          {!erased && can(membership.role, "person:write") && (
            <Link href={`/${slug}/people/${person.id}/edit`} className={buttonClass.secondary}>
              <Pencil aria-hidden="true" className="size-4" />
              {tEdit("edit")}
            </Link>
          )}
        </div>
        {erased ? (
          <p className="mt-3 max-w-2xl rounded-lg border bg-muted/50 p-3 text-sm" data-testid="person-erased">
            <span className="block font-medium">
              {erasure?.erasedBy ? tErase("erased.byWhom", { date: erasedOn, name: erasure.erasedBy.name }) : tErase("erased.noWhom", { date: erasedOn })}
            </span>
            <span className="mt-1 block text-muted-foreground">{tErase("erased.body")}</span>
          </p>
        ) : (
          <dl className="mt-3 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">{t("person.idNumber")}</dt>
            <dd>
              <span className="mb-1 block text-xs text-muted-foreground">{tIdTypes(person.idType)}</span>
              <PersonIdControls
                agencySlug={slug}
                personId={person.id}
                mask={person.idMask}
                canReveal={can(membership.role, "person:reveal-id")}
              />
            </dd>
            {person.mobile && (
              <>
                <dt className="text-muted-foreground">{t("person.mobile")}</dt>
                <dd className="font-mono">{person.mobile}</dd>
              </>
            )}
            {(["fixedLine", "email", "idExpiresOn"] as const).map(
              (field) =>
                person[field] && (
                  <div key={field} className="contents">
                    <dt className="text-muted-foreground">{tEdit(`fields.${field}`)}</dt>
                    <dd className={field === "idExpiresOn" ? undefined : "font-mono"}>{person[field]}</dd>
                  </div>
                ),
            )}
            {person.idType === "prc_resident_id" && !person.erasedAt && (
              <>
                <dt className="text-muted-foreground">{t("person.slots")}</dt>
                <dd>
                  <span data-testid="person-slots">{t("person.slotsValue", { used: person.slots.used, free: person.slots.free })}</span>
                  <p className="mt-0.5 text-xs text-muted-foreground">{t("person.slotsHint")}</p>
                </dd>
              </>
            )}
          </dl>
        )}
      </header>

      <section aria-labelledby="person-accounts" className="mb-8">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="person-accounts" className="text-base font-semibold">
            {t("person.accounts")}
          </h2>
          {can(membership.role, "account:write") && person.idType === "prc_resident_id" && !person.erasedAt && (
            <ExternalAccountButton agencySlug={slug} personId={person.id} disabled={person.slots.free === 0} />
          )}
        </div>
        {person.accounts.length === 0 ? (
          <EmptyState Icon={IdCard} headingLevel={3} title={t("person.noAccountsTitle")} body={t("person.noAccountsBody")} />
        ) : (
          <div role="region" aria-labelledby="person-accounts" tabIndex={0} className="overflow-auto rounded-lg border">
            <table className="w-full min-w-[40rem] border-separate border-spacing-0 text-sm">
              <thead className="bg-muted">
                <tr className="[&>th]:border-b">
                  <th scope="col" className={headClass}>{t("person.accountName")}</th>
                  <th scope="col" className={headClass}>{t("person.where")}</th>
                  <th scope="col" className={headClass}>{t("person.stage")}</th>
                  <th scope="col" className={headClass}>{t("person.slot")}</th>
                </tr>
              </thead>
              <tbody>
                {person.accounts.map((account) => (
                  <tr key={account.id} className="[&:not(:last-child)>td]:border-b">
                    <td className={cellClass}>
                      <span className="font-medium">{account.name ?? t("person.unnamed")}</span>
                      {account.wechatId && <span className="ml-2 font-mono text-xs text-muted-foreground">{account.wechatId}</span>}
                    </td>
                    <td className={cellClass}>
                      {account.company ? (
                        <Link href={`/${slug}/clients/${account.company.id}`} className="underline-offset-4 hover:underline">
                          {account.company.name}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">{t("person.external")}</span>
                      )}
                    </td>
                    <td className={cellClass}>{account.registration ? stageLabel(account.registration.stage) : "—"}</td>
                    <td className={cellClass}>{account.holdsSlot ? t("person.holdsSlot") : t("person.noSlot")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* An erasure removes the person's links to companies: nothing to list. */}
      {!erased && (
        <section aria-labelledby="person-companies">
          <h2 id="person-companies" className="mb-3 text-base font-semibold">
            {t("person.companies")}
          </h2>
          {person.companies.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("person.noCompanies")}</p>
          ) : (
            <ul className="divide-y rounded-lg border text-sm">
              {person.companies.map((company) => (
                <li key={company.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <Link href={`/${slug}/clients/${company.id}`} className="font-medium underline-offset-4 hover:underline">
                    {company.name}
                  </Link>
                  <span className="text-muted-foreground">{company.roles.map((role) => t(`roles.${role}`)).join(" · ")}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {saved && <PersonSavedNotice />}
      {mayErase && <ErasePersonSection agencySlug={slug} personId={person.id} personName={person.name} blockers={blockers} />}
    </>
  );
}
