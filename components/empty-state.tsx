import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({
  Icon,
  title,
  body,
  headingLevel = 2,
  children,
}: {
  Icon: LucideIcon;
  title: string;
  body: string;
  /** 3 when the empty state sits in a section that has its own h2. */
  headingLevel?: 2 | 3;
  /** The next step, when there is one to take. */
  children?: ReactNode;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section className="flex flex-col items-center rounded-xl border border-dashed px-6 py-14 text-center">
      <span className="grid size-10 place-items-center rounded-lg border bg-muted text-muted-foreground">
        <Icon aria-hidden="true" className="size-5" />
      </span>
      <Heading className="mt-4 text-sm font-semibold">{title}</Heading>
      <p className="mt-1 max-w-sm text-sm text-muted-foreground">{body}</p>
      {children && <div className="mt-5">{children}</div>}
    </section>
  );
}
