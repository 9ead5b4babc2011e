import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  /** Facts about the page's subject, shown under the description. */
  children?: ReactNode;
}) {
  return (
    <header className="mb-6 border-b pb-5">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 max-w-3xl text-sm text-muted-foreground">{description}</p>
      {children}
    </header>
  );
}
