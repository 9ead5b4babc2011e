import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AcceptInvitationButton, CreateAccountForm } from "@/components/auth/accept-invitation-form";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { Avatar, initials } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { signInPath } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { accountExists, findInvitation, type InvitationState } from "@/lib/members/accounts";

type Params = Promise<{ token: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitations.page");
  // The token is in the URL: no index, and no Referer that carries it elsewhere.
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

const refusalKeys = {
  accepted: "used",
  revoked: "revoked",
  expired: "expired",
} as const satisfies Record<Exclude<InvitationState, "pending">, string>;

const bold = (chunks: ReactNode) => <strong className="font-semibold text-foreground">{chunks}</strong>;
const cardClass = "mt-6 rounded-xl border bg-background p-5 shadow-[0_1px_3px_var(--shadow-color)] sm:p-6";

function Shell({ children }: { children: ReactNode }) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex flex-1 justify-center px-4 pt-8 pb-20 outline-none sm:items-center sm:pt-0"
    >
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}

/**
 * An invitation link. A link that was never ours gets a friendly page (200), as do used,
 * withdrawn and expired ones, each with its own words. A pending one names the agency
 * and the role, then asks for what is missing: nothing (accept), another session (sign
 * out), a sign-in (the account exists), or a name and password (a new account).
 */
export default async function InvitationPage({ params }: { params: Params }) {
  const { token } = await params;
  const [invitation, user, t, tErrors, tRoles, format] = await Promise.all([
    findInvitation(token),
    getCurrentUser(),
    getTranslations("invitations.page"),
    getTranslations("invitations.errors"),
    getTranslations("roles"),
    getFormatter(),
  ]);

  if (!invitation || invitation.state !== "pending") {
    const key = invitation && invitation.state !== "pending" ? refusalKeys[invitation.state] : "unknown";
    // A used link usually means the person joined already: signing in takes them there.
    const signIn = key === "used" && !user;
    return (
      <Shell>
        <h1 className="text-2xl font-semibold tracking-tight">{t("invalidTitle")}</h1>
        <div className={cardClass}>
          <p className="flex items-start gap-2">
            <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
            <span>{tErrors(key)}</span>
          </p>
          <Link href={signIn ? signInPath() : "/"} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
            {signIn ? t("signIn") : user ? t("continue") : t("home")}
          </Link>
        </div>
      </Shell>
    );
  }

  const invitationPath = `/invitations/${token}`;
  const sameUser = user !== null && user.email.toLowerCase() === invitation.email.toLowerCase();
  const exists = user ? true : await accountExists(invitation.email);

  return (
    <Shell>
      <h1 className="text-2xl font-semibold tracking-tight break-words">{t("heading", { agency: invitation.agencyName })}</h1>
      <div className={cardClass}>
        <div className="flex items-start gap-3">
          <Avatar size="lg" className="bg-primary text-primary-foreground">
            {initials(invitation.agencyName)}
          </Avatar>
          <div className="min-w-0">
            <p className="break-words">
              {t.rich("invited", { agency: invitation.agencyName, role: tRoles(invitation.role), b: bold })}
            </p>
            <p className="mt-1 text-sm break-all text-muted-foreground">{t("invitedEmail", { email: invitation.email })}</p>
            <p className="mt-0.5 text-sm text-muted-foreground">
              {t("validUntil", { date: format.dateTime(invitation.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}
            </p>
          </div>
        </div>

        <div className="mt-5 border-t pt-5">
          {user && sameUser ? (
            <>
              <AcceptInvitationButton token={token} />
              <p className="mt-3 truncate text-center text-sm text-muted-foreground">
                {t("signedInAs", { email: user.email })}
              </p>
            </>
          ) : user ? (
            <>
              <div className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2.5 text-sm text-destructive">
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span className="min-w-0 break-words">
                  {t("otherAccountSignedIn", { email: user.email })} {tErrors("otherAccount")}
                </span>
              </div>
              <SignOutForm className={cn(buttonClass.secondary, "mt-4 h-10 w-full justify-center")} />
            </>
          ) : exists ? (
            <>
              <p className="text-muted-foreground">{t("signInHint", { email: invitation.email })}</p>
              <Link href={signInPath({ next: invitationPath })} className={cn(buttonClass.primary, "mt-5 h-10 w-full")}>
                {t("signInToAccept")}
              </Link>
            </>
          ) : (
            <>
              <h2 className="font-semibold">{t("createAccount")}</h2>
              <p className="mt-1 mb-5 text-sm text-muted-foreground">{t("createAccountHint")}</p>
              <CreateAccountForm token={token} email={invitation.email} />
            </>
          )}
        </div>
      </div>
    </Shell>
  );
}
