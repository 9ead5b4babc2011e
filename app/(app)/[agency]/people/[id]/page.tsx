import { ArrowLeft, IdCard } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ExternalAccountButton } from "@/components/people/external-account-dialog";
import { PersonIdControls } from "@/components/people/person-id-controls";
import { AppError } from "@/lib/errors";
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
 */
export default async function PersonPage({ params }: { params: Promise<{ agency: string; id: string }> }) {
  const { agency, id } = await params;
  const membership = await requireSection(agency, "people");
  let person: PersonDetail;
  try {
    person = await getPersonDetail(membership, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const t = await getTranslations("peoplePages");
  const tStages = await getTranslations("portal.stages");
  const tIdTypes = await getTranslations("clientPage.idTypes");
  const slug = membership.agency.slug;
  const stageLabel = (stage: string) => ((allStages as string[]).includes(stage) ? tStages(stage as Stage) : stage);

  return (
    <>
      <Link href={`/${slug}/people`} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("person.back")}
      </Link>
      <header className="mb-6 border-b pb-5">
        <h1 className="text-xl font-semibold tracking-tight">{person.name}</h1>
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
    </>
  );
}
