import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { TokensManager } from "@/components/tokens/tokens-manager";
import { API_BASE_PATH } from "@/lib/api/openapi";
import { listApiTokens } from "@/lib/api/tokens";
import { env } from "@/lib/env";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiTokens.page");
  return { title: t("title") };
}

/**
 * API tokens (issue 5 §5): every staff-side role manages its own ("api-token:manage");
 * owners and admins also see and revoke everyone else's. Not under /settings, which
 * needs settings:manage as a whole.
 */
export default async function ApiTokensPage({ params }: { params: Promise<{ agency: string }> }) {
  const membership = await requireSection((await params).agency, "api-tokens");
  const { agency } = membership;
  const tokens = await listApiTokens(membership);
  const t = await getTranslations("apiTokens.page");
  const api = new URL(API_BASE_PATH, env().APP_URL).toString();

  return (
    <>
      <PageHeader title={t("title")} description={t("description", { agency: agency.name })}>
        <p className="mt-1 text-xs text-muted-foreground">{t("timeZone", { timeZone: agency.timeZone })}</p>
      </PageHeader>
      <TokensManager
        agencySlug={agency.slug}
        own={tokens.filter((token) => token.mine)}
        others={can(membership.role, "member:manage") ? tokens.filter((token) => !token.mine) : null}
        timeZone={agency.timeZone}
        usage={{
          documentUrl: `${API_BASE_PATH}/openapi.json`,
          example: `curl -H "Authorization: Bearer wdk_…" ${api}/members`,
        }}
      />
    </>
  );
}
