import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { TokensTable } from "./tokens-table";
import type { ApiTokenRow } from "./types";

const base: ApiTokenRow = {
  id: "00000000-0000-7000-8000-000000000001",
  name: "Monthly report",
  owner: { userId: "00000000-0000-7000-8000-0000000000aa", name: "Adam Admin", email: "adam@example.com" },
  mine: true,
  status: "active",
  createdAt: new Date("2026-03-01T02:00:00Z"),
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};
const revoked: ApiTokenRow = { ...base, id: "00000000-0000-7000-8000-000000000002", name: "Old script", status: "revoked", revokedAt: new Date("2026-03-05T00:00:00Z") };
const former: ApiTokenRow = { ...base, id: "00000000-0000-7000-8000-000000000003", name: "Left", mine: false, owner: { userId: base.owner.userId, name: null, email: null } };

function render(tokens: ApiTokenRow[], showOwner = false, locale: "en" | "zh-CN" = "en") {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === "en" ? en : zh} timeZone="Asia/Shanghai">
      <TokensTable tokens={tokens} caption="Tokens" showOwner={showOwner} timeZone="Asia/Shanghai" onRevoke={() => {}} />
    </NextIntlClientProvider>,
  );
}

describe("TokensTable", () => {
  it("shows dates in the agency's time zone, no expiry and no use in words, and never a secret", () => {
    const html = render([base]);
    expect(html).toContain("Monthly report");
    expect(html).toContain("Mar 1, 2026, 10:00");
    expect(html).toContain(en.apiTokens.table.noExpiry);
    expect(html).toContain(en.apiTokens.table.neverUsed);
    expect(html).toContain(en.apiTokens.status.active);
    expect(html).not.toContain(en.apiTokens.table.owner);
    expect(html).not.toContain("wdk_");
  });

  it("offers Revoke only for tokens not yet revoked", () => {
    const html = render([base, revoked]);
    expect(html.match(/aria-label="Revoke the token/g)).toHaveLength(1);
    expect(html).toContain(en.apiTokens.status.revoked);
  });

  it("names the owner for administrators, and a former member as such", () => {
    const html = render([{ ...base, mine: false }, former], true);
    expect(html).toContain(en.apiTokens.table.owner);
    expect(html).toContain("adam@example.com");
    expect(html).toContain(en.apiTokens.table.formerMember);
  });

  it("speaks Chinese", () => {
    const html = render([base], false, "zh-CN");
    expect(html).toContain(zh.apiTokens.table.noExpiry);
    expect(html).toContain(zh.apiTokens.table.revoke);
  });
});
