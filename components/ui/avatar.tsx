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

const sizes = {
  sm: "size-6 rounded-md text-[11px]",
  lg: "size-9 rounded-lg text-sm",
} as const;

export function Avatar({
  className,
  size = "sm",
  children,
}: {
  /** Colours; the size comes from `size` (two size classes would fight over the same property). */
  className?: string;
  size?: keyof typeof sizes;
  children: ReactNode;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-grid shrink-0 place-items-center font-semibold leading-none select-none",
        sizes[size],
        className,
      )}
    >
      {children}
    </span>
  );
}
