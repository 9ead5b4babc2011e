"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { ListSearchBox } from "./list-search-box";

/**
 * A list's search box and filters as a GET form: without JavaScript it loads the list
 * with the fields (the view's other state in hidden inputs); with it, `hrefOf` turns the
 * fields into the list's URL without the blank ones. Applying starts again at the first
 * page; sort, page size and columns stay. `children` are the filter fields.
 */
export function ListFilterForm({
  idPrefix,
  action,
  kept,
  hrefOf,
  heading,
  search,
  applyLabel,
  clearHref,
  clearLabel,
  children,
}: {
  idPrefix: string;
  action: string;
  /** The view's state that is not a filter, as the form sends it without JavaScript. */
  kept: URLSearchParams;
  hrefOf: (fields: Record<string, string>) => string;
  heading: string;
  search: { value: string; label: string; placeholder: string; hint: string };
  applyLabel: string;
  /** Shown when a filter is set. */
  clearHref: string | null;
  clearLabel: string;
  children: ReactNode;
}) {
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === "string") fields[name] = value;
    router.push(hrefOf(fields));
  }

  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="mb-4">
      <h2 id={`${idPrefix}-heading`} className="sr-only">
        {heading}
      </h2>
      <form action={action} method="get" role="search" onSubmit={onSubmit} className="flex flex-col gap-3">
        {[...kept].map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="flex flex-wrap items-center gap-2">
          <ListSearchBox id={`${idPrefix}-q`} defaultValue={search.value} label={search.label} placeholder={search.placeholder} hint={search.hint} />
          <button type="submit" className={cn(buttonClass.primary, "h-9")}>
            {applyLabel}
          </button>
          {clearHref && (
            <Link href={clearHref} className={cn(buttonClass.ghost, "h-9")}>
              {clearLabel}
            </Link>
          )}
        </div>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">{children}</div>
      </form>
    </section>
  );
}

/**
 * One labelled select of a filter form; its first option ("any", with `anyLabel`) has the
 * value "". `onChange` follows the choice for fields that depend on it.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  /** Absent: the filter has no "any" (a value is always chosen). */
  anyLabel?: string;
  options: readonly { value: string; label: string }[];
  onChange?: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-muted-foreground">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        onChange={onChange && ((event) => onChange(event.target.value))}
        className="block h-9 w-full rounded-md border border-input bg-background px-2.5 text-base shadow-xs transition-colors sm:h-8 sm:text-sm"
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
