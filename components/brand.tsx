import { cn } from "@/components/ui/cn";

/** A name, not a word: the same in every language, so it stays out of the catalogues. */
export const productName = "Weidesk";

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-6 shrink-0 rounded-md bg-primary p-1 text-primary-foreground"
      >
        <path
          d="M3.5 6.5 7 17.5l5-9 5 9 3.5-11"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.4"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {productName}
    </span>
  );
}
