import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({
  Icon,
  title,
  body,
  children,
}: {
  Icon: LucideIcon;
  title: string;
  body: string;
  /** The next step, when there is one to take. */
  children?: ReactNode;
}) {
  return (
    <section className="flex flex-col items-center rounded-xl border border-dashed px-6 py-14 text-center">
      <span className="grid size-10 place-items-center rounded-lg border bg-muted text-muted-foreground">
        <Icon aria-hidden="true" className="size-5" />
      </span>
      <h2 className="mt-4 text-sm font-semibold">{title}</h2>
      <p className="mt-1 max-w-sm text-sm text-muted-foreground">{body}</p>
      {children && <div className="mt-5">{children}</div>}
    </section>
  );
}
