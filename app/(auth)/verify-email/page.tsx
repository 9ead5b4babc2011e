import { CircleCheck, MailCheck, Wrench } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PendingSubmitButton } from "@/components/auth/pending-submit-button";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { signInPath, VERIFY_EMAIL_PATH } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { EMAIL_VERIFICATION_HOURS } from "@/lib/members/accounts";
import { emailSchema } from "@/lib/members/schemas";
import { resendVerificationAction } from "./actions";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The address sign-up sent the link to (?sent=), when it is one: the page never echoes other text. */
function sentTo(params: Record<string, string | string[] | undefined>): string | null {
  const parsed = emailSchema.safeParse(params.sent);
  return parsed.success ? parsed.data : null;
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("verifyEmail");
  return { title: sentTo(await searchParams) ? t("checkInbox") : t("title"), robots: { index: false } };
}

const bold = (chunks: ReactNode) => <strong className="font-medium break-all text-foreground">{chunks}</strong>;
const linkClass = "font-medium text-foreground underline underline-offset-4 hover:text-primary";
const cardClass = "mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";

/**
 * After sign-up (?sent=<email>, signed out: no session is made at sign-up), and for an
 * owner who signed in before following the link (requireUser sends them here): where
 * the link went, and a way to get a new one. A verified user has nothing to do here.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await getCurrentUser();
  if (user?.emailVerified) redirect("/");

  const t = await getTranslations("verifyEmail");
  const hours = EMAIL_VERIFICATION_HOURS;
  const sent = user ? null : sentTo(params);
  const outboxHint = env().MAIL_OUTBOX && (user || sent) && (
    <p className="mt-6 flex items-start gap-2 rounded-lg border border-dashed px-3 py-2.5 text-sm text-muted-foreground">
      <Wrench aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>
        {t.rich("devOutbox", {
          link: (chunks) => (
            <Link href="/dev/outbox" className={linkClass}>
              {chunks}
            </Link>
          ),
        })}
      </span>
    </p>
  );

  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0"
    >
      <div className="w-full max-w-sm">
        {user ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            {params.resent === "1" && (
              <p role="status" className="mt-5 flex items-start gap-2 rounded-lg border bg-muted px-3 py-2.5">
                <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                <span className="min-w-0 break-words">{t("resent", { email: user.email })}</span>
              </p>
            )}
            <div className={cardClass}>
              <MailCheck aria-hidden="true" className="size-6 text-muted-foreground" />
              <p className="mt-3 text-muted-foreground">{t.rich("pending", { email: user.email, hours, b: bold })}</p>
              <form action={resendVerificationAction} className="mt-5">
                <PendingSubmitButton
                  label={t("resend")}
                  pendingLabel={t("resending")}
                  className={cn(buttonClass.primary, "h-10 w-full")}
                />
              </form>
            </div>
            {outboxHint}
            <div className="mt-6 flex flex-wrap items-center justify-between gap-2 text-muted-foreground">
              <span className="min-w-0 truncate">{t("signedInAs", { email: user.email })}</span>
              <SignOutForm className={buttonClass.ghost} />
            </div>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{sent ? t("checkInbox") : t("title")}</h1>
            <div className={cardClass}>
              <MailCheck aria-hidden="true" className="size-6 text-muted-foreground" />
              {sent ? (
                <>
                  <p className="mt-3 text-muted-foreground">{t.rich("sent", { email: sent, hours, b: bold })}</p>
                  <p className="mt-3 text-sm text-muted-foreground">{t("notArrived")}</p>
                </>
              ) : (
                <p className="mt-3 text-muted-foreground">{t("genericBody")}</p>
              )}
              <Link
                href={signInPath({ next: VERIFY_EMAIL_PATH })}
                className={cn(sent ? buttonClass.secondary : buttonClass.primary, "mt-5 h-10 w-full")}
              >
                {sent ? t("signInToResend") : t("signIn")}
              </Link>
            </div>
            {outboxHint}
          </>
        )}
      </div>
    </main>
  );
}
