"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { ListColumnsMenu } from "./columns-menu";

/** `useTranslations("<list>.columns")`: the columns menu's button and legend. */
export type ColumnsMessages = (key: "trigger" | "label") => string;

/**
 * The hidden columns of a list, starting from its view's. The columns are part of the
 * view: on a change the URL (and every link the server renders) follows, without a scroll.
 */
export function useHiddenColumns<C extends string>(initial: readonly C[], hrefWith: (hidden: C[]) => string) {
  const router = useRouter();
  const [hidden, setHidden] = useState<C[]>(() => [...initial]);

  function change(next: C[]) {
    setHidden(next);
    router.replace(hrefWith(next), { scroll: false });
  }

  return [hidden, change] as const;
}

/**
 * A list's toolbar: the total ("1,234 people", "10,000+ people"), announced as it changes,
 * then the columns menu (when the page has rows) and the list's own actions (`children`).
 */
export function ListToolbar<C extends string>({
  totalLabel,
  showColumns,
  columns,
  labels,
  hidden,
  onColumnsChange,
  t,
  children,
}: {
  totalLabel: string;
  showColumns: boolean;
  /** The columns that may hide, in table order. */
  columns: readonly C[];
  labels: Record<C, string>;
  hidden: readonly C[];
  onColumnsChange: (hidden: C[]) => void;
  t: ColumnsMessages;
  children?: ReactNode;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <p role="status" className="mr-auto text-sm text-muted-foreground tabular-nums">
        {totalLabel}
      </p>
      {showColumns && (
        <ListColumnsMenu columns={columns} labels={labels} hidden={hidden} onChange={onColumnsChange} trigger={t("trigger")} legend={t("label")} />
      )}
      {children}
    </div>
  );
}
