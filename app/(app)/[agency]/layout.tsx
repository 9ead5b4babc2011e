import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { Sidebar } from "@/components/shell/sidebar";
import { getAgency } from "./get-agency";

export default async function AgencyLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ agency: string }>;
}) {
  const agency = await getAgency((await params).agency);

  return (
    <div className="flex min-h-dvh">
      <Sidebar agencySlug={agency.slug} />
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader agency={agency} />
        <main
          id="main"
          tabIndex={-1}
          className="w-full max-w-6xl flex-1 px-4 py-6 outline-none md:px-8 md:py-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
