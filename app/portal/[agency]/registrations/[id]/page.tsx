import { ArrowLeft, Check, Circle, CircleDot } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "@/lib/validation/zod";
import { cn } from "@/components/ui/cn";
import { requirePortalMembership } from "@/lib/auth/session";
import { getPortalRegistration } from "@/lib/portal/queries";
import { pipelineStages, sideStages, type Stage } from "@/lib/registration/pipelines";

type Params = Promise<{ agency: string; id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal.registration");
  return { title: t("title") };
}

/**
 * One registration of the client administrator's company, in plain words: where it
 * stands in its pipeline, step by step. Another company's registration, another
 * agency's, or an id that is not one: the same 404 (the database hides the others).
 */
export default async function PortalRegistrationPage({ params }: { params: Params }) {
  const { agency: slug, id } = await params;
  const { agency, user, clientCompany } = await requirePortalMembership(slug);
  if (!z.uuid().safeParse(id).success) notFound();
  const registration = await getPortalRegistration({
    agencyId: agency.id,
    userId: user.id,
    clientCompanyId: clientCompany!.id,
    registrationId: id,
  });
  if (!registration) notFound();
  const [t, tPortal, catalogue, format] = await Promise.all([
    getTranslations("portal.registration"),
    getTranslations("portal"),
    getTranslations("catalogue"),
    getFormatter(),
  ]);

  const steps: readonly Stage[] = pipelineStages[registration.pipeline];
  const isSide = (sideStages as readonly Stage[]).includes(registration.stage);
  // On hold, rejected or abandoned: the steps show where it stopped.
  const reached = isSide ? registration.resumeStage : registration.stage;
  const reachedIndex = reached ? steps.indexOf(reached) : -1;
  const product = catalogue(`products.${registration.product}`);

  return (
    <>
      <Link
        href={`/portal/${agency.slug}`}
        className="mb-6 inline-flex items-center gap-1.5 rounded-sm text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("back")}
      </Link>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{registration.name ?? product}</h1>
        {registration.name && <p className="mt-1 text-sm text-muted-foreground">{product}</p>}
        <p className="mt-4 text-lg">
          {t("now", { stage: tPortal(`stages.${registration.stage}`) })}
        </p>
        <p className="mt-1 text-sm text-muted-foreground">
          {t("since", { date: format.dateTime(registration.stageEnteredAt, { dateStyle: "long", timeZone: agency.timeZone }) })}
        </p>
        {registration.waiting === "client" && (
          <p className="mt-4 rounded-lg border border-primary/30 bg-primary/5 px-4 py-3 text-sm">{t("waitingForYou")}</p>
        )}
      </header>
      <section aria-labelledby="portal-steps">
        <h2 id="portal-steps" className="mb-3 text-lg font-semibold">
          {t("stepsHeading")}
        </h2>
        <ol className="flex flex-col gap-0.5">
          {steps.map((step, index) => {
            const state = index < reachedIndex ? "done" : index === reachedIndex && !isSide ? "current" : "upcoming";
            const Icon = state === "done" ? Check : state === "current" ? CircleDot : Circle;
            return (
              <li
                key={step}
                aria-current={state === "current" ? "step" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-lg px-3 py-2.5",
                  state === "current" && "bg-primary/10 font-semibold",
                  state === "upcoming" && "text-muted-foreground",
                )}
              >
                <Icon aria-hidden="true" className={cn("size-4 shrink-0", state !== "upcoming" && "text-primary")} />
                <span>{tPortal(`stages.${step}`)}</span>
                <span className="sr-only">{t(`stepState.${state}`)}</span>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
