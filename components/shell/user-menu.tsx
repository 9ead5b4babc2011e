import { BellRing, KeyRound, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { initials } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { Popover } from "@/components/ui/popover";
import { ACCOUNT_SECURITY_PATH, NOTIFICATION_PREFERENCES_PATH } from "@/lib/auth/paths";
import type { Role } from "@/lib/rbac/roles";

export type UserMenuProps = {
  user: { name: string; email: string };
  /** The user's role in the agency they are looking at, and its name. */
  role: Role;
  agencyName: string;
  /** The member's API tokens page, for staff-side roles (none in the portal). */
  apiTokensHref?: string;
};

/**
 * The initials are drawn by CSS (attr()), not as text: the menu button is named "User
 * menu", and initials like "OO" as text would not be part of that name (WCAG 2.5.3).
 */
function UserAvatar({ name, className }: { name: string; className: string }) {
  return (
    <span
      aria-hidden="true"
      data-initials={initials(name)}
      className={cn(
        "inline-grid shrink-0 place-items-center rounded-full bg-muted leading-none font-semibold text-foreground ring-1 ring-border select-none before:content-[attr(data-initials)]",
        className,
      )}
    />
  );
}

const menuLinkClass = "mb-1 flex h-8 w-full items-center gap-2 rounded-md px-2 hover:bg-accent hover:text-accent-foreground";

/** Who is signed in, in which role here, their account security and notification settings, and the way out. */
export function UserMenu({ user, role, agencyName, apiTokensHref }: UserMenuProps) {
  const t = useTranslations("userMenu");
  const tRoles = useTranslations("roles");
  return (
    <Popover
      align="end"
      triggerLabel={t("trigger")}
      triggerClassName="grid size-8 place-items-center rounded-full"
      trigger={<UserAvatar name={user.name} className="size-7 text-[11px]" />}
    >
      <div className="flex items-start gap-3">
        <UserAvatar name={user.name} className="size-9 text-sm" />
        <div className="min-w-0">
          <p className="truncate font-medium">{user.name}</p>
          <p className="truncate text-muted-foreground">{user.email}</p>
          <p className="mt-2 flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
            <span className="shrink-0 rounded bg-muted px-1.5 py-0.5 font-medium text-foreground">{tRoles(role)}</span>
            <span aria-hidden="true">·</span>
            <span className="truncate">{agencyName}</span>
          </p>
        </div>
      </div>
      <div role="separator" className="-mx-3 my-3 h-px bg-border" />
      <Link
        href={ACCOUNT_SECURITY_PATH}
        className={menuLinkClass}
      >
        <ShieldCheck aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        {t("accountSecurity")}
      </Link>
      <Link
        href={NOTIFICATION_PREFERENCES_PATH}
        className={menuLinkClass}
      >
        <BellRing aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        {t("notificationPreferences")}
      </Link>
      {apiTokensHref && (
        <Link
          href={apiTokensHref}
          className={menuLinkClass}
        >
          <KeyRound aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          {t("apiTokens")}
        </Link>
      )}
      <SignOutForm className="h-8 w-full rounded-md px-2 text-left hover:bg-accent hover:text-accent-foreground" />
    </Popover>
  );
}
