const base =
  "inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md text-sm font-medium whitespace-nowrap transition-colors disabled:pointer-events-none disabled:opacity-50";

const quiet =
  "text-muted-foreground hover:bg-accent hover:text-accent-foreground aria-expanded:bg-accent aria-expanded:text-accent-foreground";

export const buttonClass = {
  primary: `${base} h-8 px-3 bg-primary text-primary-foreground hover:bg-primary/90`,
  secondary: `${base} h-8 px-3 border bg-background text-foreground hover:bg-accent`,
  ghost: `${base} h-8 px-2 ${quiet}`,
  icon: `${base} size-8 ${quiet}`,
} as const;
