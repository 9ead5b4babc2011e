"use client";

import { Bookmark, BookmarkPlus, ChevronDown, ListRestart, Settings2 } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { buttonClass } from "@/components/ui/button-styles";
import { Menu, MenuGroup, MenuItem, MenuLink, MenuSeparator } from "@/components/ui/menu";
import { ALL_VIEW_PARAM, ALL_VIEW_VALUE, savedViewHref, type SavedView, type SavedViewList } from "@/lib/saved-views/constants";

// The dialogs load when one first opens: they are not part of the list's first load
// (design.md §8, docs/decisions/0022-first-load-js.md).
const dialogs = () => import("./saved-view-dialogs");
const SaveViewDialog = dynamic(() => dialogs().then((m) => m.SaveViewDialog));
const ManageViewsDialog = dynamic(() => dialogs().then((m) => m.ManageViewsDialog));
const RenameViewDialog = dynamic(() => dialogs().then((m) => m.RenameViewDialog));
const DeleteViewDialog = dynamic(() => dialogs().then((m) => m.DeleteViewDialog));

type Open = { kind: "save" } | { kind: "manage" } | { kind: "rename"; view: SavedView } | { kind: "delete"; view: SavedView };

/**
 * "Views" in a staff list's toolbar (issue 6 §4): the member's own saved views of `list`,
 * the one on screen marked; the list with no filter ("All clients"); saving the view on
 * screen; renaming, deleting and choosing the default. A view is a link to its URL, so
 * applying one is navigating to it. `views` and `currentQuery` (the canonical query of
 * the URL on screen, lib/saved-views/schemas.ts) come from the list's page, which reads
 * them again after every change (the actions revalidate it).
 */
export function SavedViewsMenu({
  agencySlug,
  list,
  views,
  currentQuery,
}: {
  agencySlug: string;
  list: SavedViewList;
  views: SavedView[];
  currentQuery: string;
}) {
  const t = useTranslations("savedViews");
  const [open, setOpen] = useState<Open | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);
  const active = views.find((view) => view.query === currentQuery);

  const close = () => setOpen(null);
  const toastOf = (text: string) => setToast({ id: Date.now(), text, tone: "success" });
  const done = (text: string) => {
    toastOf(text);
    setOpen(null);
  };
  // Rename and delete are asked from the manage dialog, and go back to it.
  const backToManage = () => setOpen({ kind: "manage" });
  const doneToManage = (text: string) => {
    toastOf(text);
    setOpen({ kind: "manage" });
  };

  return (
    <>
      <Menu
        triggerClassName={buttonClass.secondary}
        trigger={
          <>
            <Bookmark aria-hidden="true" className="size-4" />
            <span className="max-w-48 truncate">{active ? t("triggerActive", { name: active.name }) : t("trigger")}</span>
            <ChevronDown aria-hidden="true" className="size-3.5 text-muted-foreground" />
          </>
        }
      >
        <MenuGroup label={t("yourViews")}>
          {views.map((view) => (
            <MenuLink key={view.id} href={savedViewHref(agencySlug, list, view.query)} current={view.id === active?.id}>
              <span className="max-w-64 truncate">{view.name}</span>
              {view.isDefault && (
                <span className="shrink-0 rounded border bg-muted px-1.5 text-xs text-muted-foreground">{t("default")}</span>
              )}
            </MenuLink>
          ))}
          {views.length === 0 && <p className="max-w-64 px-2 pb-1.5 text-xs text-muted-foreground">{t("noViews")}</p>}
        </MenuGroup>
        <MenuSeparator />
        <MenuLink href={`/${agencySlug}/${list}?${ALL_VIEW_PARAM}=${ALL_VIEW_VALUE}`} current={!active && currentQuery === ""}>
          <ListRestart aria-hidden="true" className="size-4 text-muted-foreground" />
          {t(`all.${list}`)}
        </MenuLink>
        <MenuSeparator />
        <MenuItem onSelect={() => setOpen({ kind: "save" })}>
          <BookmarkPlus aria-hidden="true" className="size-4 text-muted-foreground" />
          {t("save")}
        </MenuItem>
        {views.length > 0 && (
          <MenuItem onSelect={() => setOpen({ kind: "manage" })}>
            <Settings2 aria-hidden="true" className="size-4 text-muted-foreground" />
            {t("manage")}
          </MenuItem>
        )}
      </Menu>

      {open?.kind === "save" && (
        <SaveViewDialog agencySlug={agencySlug} list={list} query={currentQuery} onClose={close} onDone={done} />
      )}
      {open?.kind === "manage" && (
        <ManageViewsDialog
          agencySlug={agencySlug}
          views={views}
          onClose={close}
          onDone={toastOf}
          onRename={(view) => setOpen({ kind: "rename", view })}
          onDelete={(view) => setOpen({ kind: "delete", view })}
        />
      )}
      {open?.kind === "rename" && (
        <RenameViewDialog agencySlug={agencySlug} view={open.view} onClose={backToManage} onDone={doneToManage} />
      )}
      {open?.kind === "delete" && (
        <DeleteViewDialog agencySlug={agencySlug} view={open.view} onClose={backToManage} onDone={doneToManage} />
      )}
      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
