/**
 * The client page's accounts tab (issue 6 §3): the company's Official Accounts and WeCom
 * corps in one table, each with its operator or administrator; for roles that may,
 * "New Official Account", "New WeCom corp" and, on each Official Account, "Edit" (its
 * profile, name history and WeChat's calendar rules), "Change operator", and "Abandon"
 * or "Restore" — moves of its card that the board's stage machine checks
 * (lib/registration/transitions.ts), so Abandon is offered only where it allows it: not
 * on a registered account, which is final. A server component: it reads the choices the
 * dialogs need.
 */
import { getTranslations } from "next-intl/server";
import { AccountsSection } from "@/components/clients/company-detail";
import { accountMoveOf } from "@/components/accounts/account-move";
import { ChangeOperatorButton } from "@/components/accounts/change-operator-dialog";
import { EditAccountButton } from "@/components/accounts/edit-account-dialog";
import { MoveAccountButton } from "@/components/accounts/move-account-dialog";
import { NewAccountButton } from "@/components/accounts/new-account-dialog";
import { NewWecomButton } from "@/components/accounts/new-wecom-dialog";
import type { MembershipContext } from "@/lib/auth/session";
import type { CompanyAccount, CompanyDetail } from "@/lib/clients/detail";
import { clock } from "@/lib/clock";
import { listOperatorChoices } from "@/lib/people/queries";
import { can } from "@/lib/rbac/permissions";
import { listWecomAdminChoices } from "@/lib/wecom/queries";

/** Side states in which an account holds no ID slot (design.md §4.2). */
const slotless = new Set(["abandoned", "rejected"]);

export async function AccountsTab({ context, detail }: { context: MembershipContext; detail: CompanyDetail }) {
  const { agency, role } = context;
  const company = detail.company;
  const t = await getTranslations("operatorChange");
  const tEdit = await getTranslations("accountEdit");
  const tWecom = await getTranslations("wecomForm");
  const tPage = await getTranslations("clientPage");
  const writes = can(role, "account:write");
  const moves = { canMove: can(role, "registration:move"), actorUserId: context.user.id, now: clock.now() };
  const [operators, admins] = writes
    ? await Promise.all([listOperatorChoices(context, company.id), listWecomAdminChoices(context, company.id)])
    : [[], []];

  const rowDetail = (account: CompanyAccount) => {
    const facts =
      account.product === "wecom"
        ? [
            account.shortName,
            account.corpId ? tWecom("row.corpId", { corpId: account.corpId }) : null,
            account.person ? tWecom("row.admin", { name: account.person.name }) : tWecom("row.noAdmin"),
          ]
        : [account.person ? t("row.operator", { name: account.person.name }) : t("row.noOperator")];
    return <span className="block text-xs text-muted-foreground">{facts.filter(Boolean).join(" · ")}</span>;
  };

  return (
    <AccountsSection
      detail={detail}
      timeZone={agency.timeZone}
      rowDetail={rowDetail}
      rowActions={
        writes
          ? {
              label: tEdit("rowActions"),
              render: (account) => {
                if (!account.officialAccountId) return null;
                const move = accountMoveOf(account, moves);
                return (
                  <div className="inline-flex flex-wrap justify-end gap-1">
                    <EditAccountButton
                      agencySlug={agency.slug}
                      officialAccountId={account.officialAccountId}
                      name={account.name ?? tPage("accounts.unnamed")}
                      timeZone={agency.timeZone}
                    />
                    <ChangeOperatorButton
                      agencySlug={agency.slug}
                      account={{
                        officialAccountId: account.officialAccountId,
                        name: account.name ?? tPage("accounts.unnamed"),
                        version: account.version,
                        holdsSlot: !slotless.has(account.stage),
                        operator: account.person,
                      }}
                      choices={operators}
                    />
                    {move && (
                      <MoveAccountButton
                        agencySlug={agency.slug}
                        move={move}
                        account={{
                          officialAccountId: account.officialAccountId,
                          name: account.name ?? tPage("accounts.unnamed"),
                          version: account.version,
                          operatorHref: account.person ? `/${agency.slug}/people/${account.person.id}` : undefined,
                        }}
                      />
                    )}
                  </div>
                );
              },
            }
          : undefined
      }
      actions={
        writes && (
          // text-left: with no accounts yet, the buttons (and their dialogs) sit in the centred empty state.
          <div className="flex flex-wrap justify-center gap-2 text-left">
            <NewAccountButton agencySlug={agency.slug} clientCompanyId={company.id} companyKind={company.kind} operators={operators} />
            <NewWecomButton
              agencySlug={agency.slug}
              clientCompanyId={company.id}
              companyKind={company.kind}
              companyNames={[company.legalNameZh, company.nameEn]}
              industry={company.industry}
              hasVerifiedOfficialAccount={detail.accounts.some((a) => a.product === "official_account" && a.verificationStatus === "verified")}
              admins={admins}
            />
          </div>
        )
      }
    />
  );
}
