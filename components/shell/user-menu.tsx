import { User } from "lucide-react";
import { useTranslations } from "next-intl";
import { Popover } from "@/components/ui/popover";

function AnonymousAvatar({ className }: { className: string }) {
  return (
    <span
      aria-hidden="true"
      className={`grid shrink-0 place-items-center rounded-full border border-dashed border-input bg-muted text-muted-foreground ${className}`}
    >
      <User className="size-4" />
    </span>
  );
}

/** Sign-in does not exist yet, so the menu says so instead of pretending there is a user. */
export function UserMenu() {
  const t = useTranslations("userMenu");
  return (
    <Popover
      align="end"
      triggerLabel={t("trigger")}
      triggerClassName="grid size-8 place-items-center rounded-full"
      trigger={<AnonymousAvatar className="size-7" />}
    >
      <div className="flex items-start gap-3">
        <AnonymousAvatar className="size-9" />
        <div className="min-w-0">
          <p className="font-medium">{t("notSignedIn")}</p>
          <p className="mt-1 text-muted-foreground">{t("notSignedInHint")}</p>
        </div>
      </div>
    </Popover>
  );
}
