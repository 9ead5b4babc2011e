import { Building2, ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { EmptyState } from "@/components/empty-state";
import { Avatar, initials } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-styles";
import { homePathFor } from "@/lib/auth/paths";
import { getUserAgencies, requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.picker");
  return { title: t("title") };
}

/** For members of several agencies, after sign-in; also explains having none. */
export default async function AgencyPickerPage() {
  const user = await requireUser();
  const agencies = await getUserAgencies();
  const t = await getTranslations("auth.picker");
  const tRoles = await getTranslations("roles");

  return (
    <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:pt-16">
      <div className="w-full max-w-lg">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        {agencies.length > 0 ? (
          <>
            <p className="mt-1.5 text-muted-foreground">{t("description")}</p>
            <ul aria-label={t("listLabel")} className="mt-6 divide-y overflow-hidden rounded-xl border">
              {agencies.map((agency) => {
                const path = homePathFor(agency.slug, agency.role);
                return (
                  <li key={agency.agencyId}>
                    <Link
                      href={path}
                      className="group flex min-h-16 items-center gap-3 px-4 py-3 outline-offset-[-2px] hover:bg-accent"
                    >
                      <Avatar size="lg" className="bg-primary text-primary-foreground">
                        {initials(agency.name)}
                      </Avatar>
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium">{agency.name}</span>
                        <span className="mt-0.5 block truncate text-xs text-muted-foreground">
                          {tRoles(agency.role)} · {path}
                        </span>
                      </span>
                      <ChevronRight
                        aria-hidden="true"
                        className="size-4 shrink-0 text-muted-foreground group-hover:text-foreground"
                      />
                    </Link>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <div className="mt-6">
            <EmptyState Icon={Building2} title={t("emptyTitle")} body={t("emptyBody")} />
          </div>
        )}
        <div className="mt-6 flex flex-wrap items-center justify-between gap-2 text-muted-foreground">
          <span className="min-w-0 truncate">{t("signedInAs", { email: user.email })}</span>
          <SignOutForm className={buttonClass.ghost} />
        </div>
      </div>
    </main>
  );
}
