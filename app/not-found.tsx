import { Compass } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex min-h-dvh items-center justify-center px-4 py-16 outline-none"
    >
      <div className="flex max-w-md flex-col items-center text-center">
        <span className="grid size-10 place-items-center rounded-lg border bg-muted text-muted-foreground">
          <Compass aria-hidden="true" className="size-5" />
        </span>
        <p className="mt-4 text-xs font-medium text-muted-foreground">{t("code")}</p>
        <h1 className="mt-1 text-lg font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{t("body")}</p>
        <Link href="/" className={`${buttonClass.primary} mt-6`}>
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
