import { CalendarClock, ChevronRight, FileText, FileUp, History, SquareKanban } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { requirePortalMembership } from "@/lib/auth/session";
import { getPortalOverview } from "@/lib/portal/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal");
  return { title: t("title") };
}

/** The company's names, the one in the reader's language first (each marked with its language). */
function companyNames(company: { legalNameZh: string | null; nameEn: string | null }, locale: string) {
  const zh = company.legalNameZh ? { text: company.legalNameZh, lang: "zh-CN" } : null;
  const en = company.nameEn ? { text: company.nameEn, lang: "en" } : null;
  const [primary, secondary] = locale === "zh-CN" ? [zh ?? en, zh ? en : null] : [en ?? zh, en ? zh : null];
  return { primary: primary!, secondary };
}

export default async function PortalHomePage({ params }: { params: Promise<{ agency: string }> }) {
  const { agency, user, clientCompany } = await requirePortalMembership((await params).agency);
  const [t, catalogue, format, locale, overview] = await Promise.all([
    getTranslations("portal"),
    getTranslations("catalogue"),
    getFormatter(),
    getLocale(),
    getPortalOverview({ agencyId: agency.id, userId: user.id, clientCompanyId: clientCompany!.id }),
  ]);
  const { primary, secondary } = companyNames(clientCompany!, locale);
  // A due date is a calendar date in the agency's time zone: format that day itself,
  // anchored at UTC midnight, so no zone offset can move it to the day before or after.
  const dueDate = (dueOn: string) => format.dateTime(new Date(`${dueOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });

  return (
    <>
      <header className="mb-8">
        <h1 lang={primary.lang} className="text-2xl font-semibold tracking-tight text-balance">
          {primary.text}
        </h1>
        {secondary && (
          <p lang={secondary.lang} className="mt-1 text-sm text-muted-foreground">
            {secondary.text}
          </p>
        )}
        <p className="mt-4 leading-7 text-muted-foreground">{t("intro")}</p>
      </header>

      <section aria-labelledby="portal-needs" className="mb-10">
        <h2 id="portal-needs" className="mb-3 text-lg font-semibold">
          {t("needs.heading")}
        </h2>
        {overview.requests.length === 0 ? (
          <EmptyState Icon={FileUp} headingLevel={3} title={t("needs.emptyTitle")} body={t("needs.emptyBody")} />
        ) : (
          <ul className="flex flex-col gap-3">
            {overview.requests.map((request) => (
              <li key={request.id}>
                <Link
                  href={`/portal/${agency.slug}/requests/${request.id}`}
                  className="block rounded-xl border bg-background p-4 transition-colors hover:bg-accent/50 sm:p-5"
                >
                <ul className="flex flex-col gap-2">
                  {request.kinds.map((kind) => (
                    <li key={kind} className="flex items-start gap-3 font-medium">
                      <FileText aria-hidden="true" className="mt-1 size-4 shrink-0 text-muted-foreground" />
                      <span>{catalogue(`documentKinds.${kind}`)}</span>
                    </li>
                  ))}
                </ul>
                {request.dueOn && (
                  <p className="mt-3 flex items-center gap-2 text-sm text-muted-foreground">
                    <CalendarClock aria-hidden="true" className="size-4 shrink-0" />
                    {t("needs.due", { date: dueDate(request.dueOn) })}
                  </p>
                )}
                {request.message && (
                  <p className="mt-3 border-l-2 pl-3 text-sm leading-6 whitespace-pre-line">{request.message}</p>
                )}
                <span className="mt-4 inline-flex min-h-11 items-center gap-1.5 rounded-lg bg-primary px-4 text-sm font-medium text-primary-foreground">
                  {t("needs.open")}
                  <ChevronRight aria-hidden="true" className="size-4" />
                </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Link
        href={`/portal/${agency.slug}/history`}
        className="-mt-6 mb-10 inline-flex min-h-11 items-center gap-1.5 rounded-md text-sm font-medium text-primary underline-offset-4 hover:underline"
      >
        <History aria-hidden="true" className="size-4" />
        {t("history.link")}
      </Link>

      <section aria-labelledby="portal-registrations">
        <h2 id="portal-registrations" className="mb-3 text-lg font-semibold">
          {t("registrations.heading")}
        </h2>
        {overview.registrations.length === 0 ? (
          <EmptyState
            Icon={SquareKanban}
            headingLevel={3}
            title={t("registrations.emptyTitle")}
            body={t("registrations.emptyBody")}
          />
        ) : (
          <ul className="divide-y rounded-xl border">
            {overview.registrations.map((registration) => {
              const product = catalogue(`products.${registration.product}`);
              return (
                <li key={registration.id} className="flex flex-col gap-1 px-4 py-4 sm:px-5">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <Link
                      href={`/portal/${agency.slug}/registrations/${registration.id}`}
                      className="rounded-sm font-semibold underline-offset-4 hover:underline"
                    >
                      {registration.name ?? product}
                    </Link>
                    {registration.name && <span className="text-sm text-muted-foreground">{product}</span>}
                  </div>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
                    <span className="text-muted-foreground">{t(`stages.${registration.stage}`)}</span>
                    {registration.waiting === "client" && (
                      <span className="rounded-full bg-primary/10 px-2.5 py-0.5 text-xs font-medium text-primary">
                        {t("registrations.waitingForYou")}
                      </span>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
