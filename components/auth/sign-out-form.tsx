import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { SIGN_OUT_PATH } from "@/lib/auth/paths";

/**
 * Sign-out is a POST (a link could be followed by any page), answered with a redirect
 * to sign-in. A plain form, so it works before the page's JavaScript has loaded.
 */
export function SignOutForm({ className }: { className?: string }) {
  const t = useTranslations("userMenu");
  return (
    <form action={SIGN_OUT_PATH} method="post">
      <button type="submit" className={cn("inline-flex items-center gap-2", className)}>
        <LogOut aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        {t("signOut")}
      </button>
    </form>
  );
}
