"use client";

import { Columns3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-styles";
import { Popover } from "@/components/ui/popover";
import { type ClientColumn, hideableColumns } from "./clients-view";

/** Which columns show: a checkbox per column that may hide (the name always shows). */
export function ColumnsMenu({
  labels,
  hidden,
  onChange,
}: {
  labels: Record<ClientColumn, string>;
  hidden: readonly ClientColumn[];
  onChange: (hidden: ClientColumn[]) => void;
}) {
  const t = useTranslations("clientsList.columns");
  return (
    <Popover
      align="end"
      triggerLabel={t("trigger")}
      triggerClassName={buttonClass.secondary}
      trigger={
        <>
          <Columns3 aria-hidden="true" className="size-4" />
          {t("trigger")}
        </>
      }
    >
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-muted-foreground">
          {t("label")}
        </legend>
        <div className="flex flex-col gap-0.5">
          {hideableColumns.map((column) => (
            <label key={column} className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1.5 hover:bg-accent">
              <input
                type="checkbox"
                checked={!hidden.includes(column)}
                onChange={(event) =>
                  onChange(event.target.checked ? hidden.filter((c) => c !== column) : [...hidden, column])
                }
                className="size-4 accent-primary"
              />
              {labels[column]}
            </label>
          ))}
        </div>
      </fieldset>
    </Popover>
  );
}
