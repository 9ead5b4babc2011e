"use client";

import { Search } from "lucide-react";
import { useEffect, useRef } from "react";

/**
 * A list's one search box (name="q"), labelled for screen readers, with the `/` hint:
 * `/` anywhere outside a field or dialog focuses it (ux.md's keyboard).
 */
export function ListSearchBox({
  id,
  defaultValue,
  label,
  placeholder,
  hint,
}: {
  id: string;
  defaultValue: string;
  label: string;
  placeholder: string;
  hint: string;
}) {
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog")) return;
      event.preventDefault();
      ref.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="relative min-w-0 flex-1 basis-64">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        ref={ref}
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        className="block h-9 w-full rounded-md border border-input bg-background pr-9 pl-8 text-base shadow-xs transition-colors sm:text-sm"
      />
      <kbd
        id={`${id}-hint`}
        title={hint}
        className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border bg-muted px-1.5 font-mono text-xs text-muted-foreground sm:block"
      >
        <span aria-hidden="true">/</span>
        <span className="sr-only">{hint}</span>
      </kbd>
    </div>
  );
}
