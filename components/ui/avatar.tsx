import type { ReactNode } from "react";
import { cn } from "./cn";

const cjk = /\p{Script=Han}/u;

/** "Demo Agency" → "DA"; a Chinese name keeps its first character, as Chinese apps do. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (cjk.test(trimmed)) return Array.from(trimmed)[0] ?? "";
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toUpperCase() ?? "")
    .join("");
}

export function Avatar({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-grid size-6 shrink-0 place-items-center rounded-md text-[11px] font-semibold leading-none select-none",
        className,
      )}
    >
      {children}
    </span>
  );
}
