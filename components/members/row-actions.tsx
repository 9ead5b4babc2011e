"use client";

import { Crown, MoreHorizontal, Power, PowerOff, UserCog, UserMinus } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MouseEvent, ReactNode } from "react";
import { Menu, MenuSeparator } from "@/components/ui/menu";
import { cn } from "@/components/ui/cn";
import { canReceiveOwnership, isManageable, type MemberRow, type Viewer } from "./types";

export type MemberActionKind = "changeRole" | "disable" | "enable" | "remove" | "transfer";

const itemClass =
  "flex w-full cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none select-none focus:bg-accent focus:text-accent-foreground";

/**
 * A plain action in a <Menu> (menu.tsx offers links and radio items). It closes the menu
 * the way the menu closes itself on Escape, so focus is back on the menu's button when
 * the dialog it opens takes it, and returns there when that dialog closes.
 */
function MenuAction({
  onSelect,
  destructive = false,
  icon,
  children,
}: {
  onSelect: () => void;
  destructive?: boolean;
  icon: ReactNode;
  children: ReactNode;
}) {
  function onClick(event: MouseEvent<HTMLButtonElement>) {
    event.currentTarget.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    onSelect();
  }
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={onClick}
      onPointerMove={(event) => {
        if (document.activeElement !== event.currentTarget) event.currentTarget.focus();
      }}
      className={cn(itemClass, destructive && "text-destructive focus:text-destructive")}
    >
      {icon}
      {children}
    </button>
  );
}

/** The row's menu; owners' rows and the viewer's own have none (the service refuses them anyway). */
export function MemberRowActions({
  member,
  viewer,
  onAction,
}: {
  member: MemberRow;
  viewer: Viewer;
  onAction: (kind: MemberActionKind, member: MemberRow) => void;
}) {
  const t = useTranslations("members");
  const manageable = isManageable(member, viewer);
  const transferable = canReceiveOwnership(member, viewer);
  if (!manageable && !transferable) {
    return <span className="sr-only">{t("table.noActions")}</span>;
  }
  const iconClass = "size-4 shrink-0";
  return (
    <Menu
      align="end"
      trigger={<MoreHorizontal aria-hidden="true" className="size-4" />}
      triggerLabel={t("table.rowActions", { name: member.name })}
      triggerClassName="inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground aria-expanded:bg-accent aria-expanded:text-accent-foreground"
    >
      {manageable && (
        <>
          <MenuAction icon={<UserCog aria-hidden="true" className={iconClass} />} onSelect={() => onAction("changeRole", member)}>
            {t("actions.changeRole")}
          </MenuAction>
          {member.status === "active" ? (
            <MenuAction icon={<PowerOff aria-hidden="true" className={iconClass} />} onSelect={() => onAction("disable", member)}>
              {t("actions.disable")}
            </MenuAction>
          ) : (
            <MenuAction icon={<Power aria-hidden="true" className={iconClass} />} onSelect={() => onAction("enable", member)}>
              {t("actions.enable")}
            </MenuAction>
          )}
          <MenuAction
            destructive
            icon={<UserMinus aria-hidden="true" className={iconClass} />}
            onSelect={() => onAction("remove", member)}
          >
            {t("actions.remove")}
          </MenuAction>
        </>
      )}
      {transferable && (
        <>
          {manageable && <MenuSeparator />}
          <MenuAction icon={<Crown aria-hidden="true" className={iconClass} />} onSelect={() => onAction("transfer", member)}>
            {t("actions.transfer")}
          </MenuAction>
        </>
      )}
    </Menu>
  );
}
