"use client";

import { Menu, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Logo, productName } from "@/components/brand";
import { buttonClass } from "@/components/ui/button-styles";
import type { NavigationKey } from "@/lib/rbac/navigation";
import { NavList } from "./nav-list";

/**
 * The sidebar as a slide-over on small screens. A modal <dialog> gives the focus trap, Escape
 * and focus return from the browser itself, and makes the page behind it inert.
 */
export function MobileNav({ agencySlug, navigation }: { agencySlug: string; navigation: NavigationKey[] }) {
  const t = useTranslations("shell");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const dialogId = useId();

  const close = () => dialogRef.current?.close();

  // Past the md breakpoint the drawer is hidden, but a modal dialog would still make the page
  // inert; close it when the screen grows (a rotated tablet, a resized window).
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 48rem)");
    const onChange = () => {
      if (wide.matches) dialogRef.current?.close();
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);

  return (
    <>
      <button
        type="button"
        aria-label={t("openNavigation")}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={dialogId}
        onClick={() => {
          dialogRef.current?.showModal();
          setOpen(true);
        }}
        className={`${buttonClass.icon} -ml-1 md:hidden`}
      >
        <Menu aria-hidden="true" className="size-5" />
      </button>
      <dialog
        ref={dialogRef}
        id={dialogId}
        aria-label={t("mainNavigation")}
        onClose={() => setOpen(false)}
        // A click on the dialog itself, not the panel inside it, is a click on the backdrop.
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
        className="m-0 h-dvh max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-black/50 md:hidden"
      >
        <div className="flex h-full w-72 max-w-[85vw] flex-col border-r bg-sidebar text-sidebar-foreground shadow-xl transition-transform duration-200 ease-out starting:-translate-x-full motion-reduce:transition-none">
          <div className="flex h-12 shrink-0 items-center justify-between px-4">
            <Link
              href={`/${agencySlug}`}
              aria-label={t("productHome", { product: productName })}
              onClick={close}
              className="rounded-md"
            >
              <Logo />
            </Link>
            <button
              type="button"
              aria-label={t("closeNavigation")}
              onClick={close}
              className={`${buttonClass.icon} -mr-2`}
            >
              <X aria-hidden="true" className="size-5" />
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {/* Only while open: every page would otherwise render the navigation twice. */}
            {open && <NavList agencySlug={agencySlug} navigation={navigation} onNavigate={close} />}
          </div>
        </div>
      </dialog>
    </>
  );
}
