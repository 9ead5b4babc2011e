import { CircleCheck, Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { TwoFactor } from "@/components/account/two-factor";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { requireUser } from "@/lib/auth/session";
import { RECOVERY_CODE_COUNT, totpStatus } from "@/lib/auth/totp";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountSecurity");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const changes = { password: "password", "totp-on": "totpOn", "totp-off": "totpOff" } as const;

/**
 * The signed-in user's password and two-factor authentication. `?required=1` comes from
 * an agency that requires a second factor of its owners and admins (lib/auth/session.ts
 * sends them here); `?done=…` says what the last change was.
 */
export default async function AccountSecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const [user, params, t, format] = await Promise.all([
    requireUser(),
    searchParams,
    getTranslations("accountSecurity"),
    getFormatter(),
  ]);
  const status = await totpStatus(user.id);
  const done = typeof params.done === "string" && params.done in changes ? changes[params.done as keyof typeof changes] : null;
  const required = params.required === "1" && !status.enabled;

  return (
    <>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1.5 text-muted-foreground">{t("description", { email: user.email })}</p>
      </header>
      {done && (
        <div role="status" className="mb-6 flex items-start gap-2 rounded-lg border border-emerald-600/40 bg-emerald-600/5 px-3 py-2.5 text-sm">
          <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
          <div>
            <p>{t(`done.${done}`)}</p>
            {done === "totpOn" && (
              <Link href="/" className={cn(buttonClass.secondary, "mt-2 h-8")}>
                {t("continue")}
              </Link>
            )}
          </div>
        </div>
      )}
      {required && (
        <div role="alert" className="mb-6 flex items-start gap-2 rounded-lg border border-amber-600/40 bg-amber-500/10 px-3 py-2.5 text-sm">
          <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" />
          <p>{t("required")}</p>
        </div>
      )}
      <section aria-labelledby="two-factor" className="mb-10">
        <h2 id="two-factor" className="text-lg font-semibold">
          {t("totp.heading")}
        </h2>
        <p className="mt-1 mb-4 max-w-2xl text-sm text-muted-foreground">{t("totp.description")}</p>
        <TwoFactor
          enabled={status.enabled}
          enabledOn={status.enabledAt ? format.dateTime(status.enabledAt, { dateStyle: "medium" }) : null}
          recoveryCodesLeft={status.recoveryCodesLeft}
          recoveryCodeCount={RECOVERY_CODE_COUNT}
          startOpen={required}
        />
      </section>
      <section aria-labelledby="password">
        <h2 id="password" className="text-lg font-semibold">
          {t("password.heading")}
        </h2>
        <p className="mt-1 mb-4 max-w-2xl text-sm text-muted-foreground">{t("password.description")}</p>
        <ChangePasswordForm />
      </section>
    </>
  );
}
