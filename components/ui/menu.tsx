"use client";

import { Check } from "lucide-react";
import Link from "next/link";
import {
  type KeyboardEvent,
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { buttonClass } from "./button-styles";
import { cn } from "./cn";
import { useOutsidePointerDown } from "./use-outside-pointer-down";

// A menu button after the WAI-ARIA Authoring Practices pattern: Enter, Space or the arrows open
// it, the arrows, Home, End and typing a letter move through it, Escape closes it and returns
// focus to the button, Tab closes it and moves on.

const itemSelector = '[role="menuitem"], [role="menuitemradio"]';

type MenuContextValue = { close: () => void };

const MenuContext = createContext<MenuContextValue | null>(null);

function useMenuContext(): MenuContextValue {
  const context = useContext(MenuContext);
  if (!context) throw new Error("Menu items must be rendered inside <Menu>.");
  return context;
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>(itemSelector)) : [];
}

export function Menu({
  trigger,
  triggerLabel,
  triggerClassName,
  align = "start",
  className,
  children,
}: {
  trigger: ReactNode;
  /** The button's accessible name when its content is an icon or says less than the menu does. */
  triggerLabel?: string;
  triggerClassName?: string;
  align?: "start" | "end";
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [focusOnOpen, setFocusOnOpen] = useState<"first" | "last">("first");
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const triggerId = useId();
  const menuId = useId();

  const close = useCallback(() => {
    setOpen(false);
    triggerRef.current?.focus();
  }, []);
  const dismiss = useCallback(() => setOpen(false), []);
  useOutsidePointerDown(rootRef, open, dismiss);

  useEffect(() => {
    if (!open) return;
    const items = menuItems(menuRef.current);
    const checked = items.find((item) => item.getAttribute("aria-checked") === "true");
    const target = focusOnOpen === "last" ? items.at(-1) : (checked ?? items[0]);
    target?.focus();
  }, [open, focusOnOpen]);

  function openAt(position: "first" | "last") {
    setFocusOnOpen(position);
    setOpen(true);
  }

  function onTriggerKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openAt(event.key === "ArrowUp" ? "last" : "first");
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = menuItems(menuRef.current);
    if (items.length === 0) return;
    const current = items.findIndex((item) => item === document.activeElement);
    const focusAt = (index: number) => items[(index + items.length) % items.length]?.focus();

    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusAt(current + 1);
        return;
      case "ArrowUp":
        event.preventDefault();
        focusAt(current - 1);
        return;
      case "Home":
        event.preventDefault();
        focusAt(0);
        return;
      case "End":
        event.preventDefault();
        focusAt(items.length - 1);
        return;
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      case "Tab":
        setOpen(false);
        return;
    }

    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const key = event.key.toLocaleLowerCase();
      const ordered = [...items.slice(current + 1), ...items.slice(0, current + 1)];
      ordered.find((item) => item.textContent?.trim().toLocaleLowerCase().startsWith(key))?.focus();
    }
  }

  return (
    <div ref={rootRef} className={cn("relative", className)}>
      <button
        ref={triggerRef}
        id={triggerId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={triggerLabel}
        onClick={() => (open ? setOpen(false) : openAt("first"))}
        onKeyDown={onTriggerKeyDown}
        className={triggerClassName ?? buttonClass.ghost}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={triggerId}
          onKeyDown={onMenuKeyDown}
          className={cn(
            "absolute top-full z-50 mt-1 max-h-[min(28rem,calc(100dvh-5rem))] w-max max-w-[calc(100vw-1.5rem)] min-w-48 overflow-y-auto rounded-lg border bg-popover p-1 text-sm text-popover-foreground shadow-[0_8px_24px_var(--shadow-color)]",
            align === "end" ? "right-0" : "left-0",
          )}
        >
          <MenuContext value={{ close }}>{children}</MenuContext>
        </div>
      )}
    </div>
  );
}

const itemClass =
  "flex w-full cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none select-none focus:bg-accent focus:text-accent-foreground";

/** Pointer and keyboard share one highlight: hovering an item focuses it. */
function focusOnHover(event: { currentTarget: HTMLElement }) {
  if (document.activeElement !== event.currentTarget) event.currentTarget.focus();
}

export function MenuLink({
  href,
  current = false,
  children,
}: {
  href: string;
  /** Marks where the user already is, e.g. the agency they are working in. */
  current?: boolean;
  children: ReactNode;
}) {
  const { close } = useMenuContext();
  return (
    <Link
      href={href}
      role="menuitem"
      tabIndex={-1}
      aria-current={current || undefined}
      onClick={close}
      onPointerMove={focusOnHover}
      className={itemClass}
    >
      {children}
      {current && <Check aria-hidden="true" className="ml-auto size-4 shrink-0 text-primary" />}
    </Link>
  );
}

export function MenuRadioItem({
  checked,
  onSelect,
  lang,
  children,
}: {
  checked: boolean;
  onSelect: () => void;
  /** Set when the label is in another language, so it is read and rendered as that language. */
  lang?: string;
  children: ReactNode;
}) {
  const { close } = useMenuContext();
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      tabIndex={-1}
      lang={lang}
      onClick={() => {
        onSelect();
        close();
      }}
      onPointerMove={focusOnHover}
      className={itemClass}
    >
      {children}
      {checked && <Check aria-hidden="true" className="ml-auto size-4 shrink-0 text-primary" />}
    </button>
  );
}

export function MenuGroup({ label, children }: { label: string; children: ReactNode }) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId}>
      <div id={labelId} className="px-2 pt-1.5 pb-1 text-xs font-medium text-muted-foreground">
        {label}
      </div>
      {children}
    </div>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="-mx-1 my-1 h-px bg-border" />;
}

/**
 * An action: closes the menu (focus back on its button), then runs `onSelect`, so a
 * dialog it opens returns focus to the menu's button when it closes.
 */
export function MenuItem({ onSelect, children }: { onSelect: () => void; children: ReactNode }) {
  const { close } = useMenuContext();
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={() => {
        close();
        onSelect();
      }}
      onPointerMove={focusOnHover}
      className={itemClass}
    >
      {children}
    </button>
  );
}
