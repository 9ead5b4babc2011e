import { ArrowLeft } from "lucide-react";
import Link from "next/link";

/** The portal pages' way back to the agency's portal home, above the page heading. */
export function PortalBackLink({ agencySlug, label }: { agencySlug: string; label: string }) {
  return (
    <Link
      href={`/portal/${agencySlug}`}
      className="mb-6 inline-flex min-h-10 items-center gap-1.5 rounded-sm text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {label}
    </Link>
  );
}
