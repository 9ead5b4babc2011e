"use client";

import { Columns3 } from "lucide-react";
import { buttonClass } from "@/components/ui/button-styles";
import { Popover } from "@/components/ui/popover";

/** Which columns show: a checkbox per column that may hide (the one each row links by always shows). */
export function ListColumnsMenu<C extends string>({
  columns,
  labels,
  hidden,
  onChange,
  trigger,
  legend,
}: {
  /** The columns that may hide, in table order. */
  columns: readonly C[];
  labels: Record<C, string>;
  hidden: readonly C[];
  onChange: (hidden: C[]) => void;
  trigger: string;
  legend: string;
}) {
  return (
    <Popover
      align="end"
      triggerLabel={trigger}
      triggerClassName={buttonClass.secondary}
      trigger={
        <>
          <Columns3 aria-hidden="true" className="size-4" />
          {trigger}
        </>
      }
    >
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-muted-foreground">{legend}</legend>
        <div className="flex flex-col gap-0.5">
          {columns.map((column) => (
            <label key={column} className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1.5 hover:bg-accent">
              <input
                type="checkbox"
                checked={!hidden.includes(column)}
                onChange={(event) => onChange(event.target.checked ? hidden.filter((c) => c !== column) : [...hidden, column])}
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
