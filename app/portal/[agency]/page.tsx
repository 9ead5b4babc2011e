import { FileUp, SquareKanban } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { requirePortalMembership } from "@/lib/auth/session";

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
  const { clientCompany } = await requirePortalMembership((await params).agency);
  const t = await getTranslations("portal");
  const { primary, secondary } = companyNames(clientCompany!, await getLocale());

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
        <EmptyState Icon={FileUp} headingLevel={3} title={t("needs.emptyTitle")} body={t("needs.emptyBody")} />
      </section>

      <section aria-labelledby="portal-registrations">
        <h2 id="portal-registrations" className="mb-3 text-lg font-semibold">
          {t("registrations.heading")}
        </h2>
        <EmptyState
          Icon={SquareKanban}
          headingLevel={3}
          title={t("registrations.emptyTitle")}
          body={t("registrations.emptyBody")}
        />
      </section>
    </>
  );
}
