import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { PersonEditForm } from "@/components/people/person-edit-form";
import { requireStaffPermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { EditablePerson } from "@/lib/people/schemas";
import { birthDateFromNumber, getEditablePerson } from "@/lib/people/service";

type Params = Promise<{ agency: string; id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("personEditForm");
  return { title: t("title") };
}

/**
 * Editing a person (issue 6): owners, admins and staff (person:write). The ID number is
 * shown masked and cannot change here. The form carries the version it was opened at,
 * so a save that someone else's overtook is shown, never applied blindly. An erased
 * person has nothing left to edit: 404.
 */
export default async function EditPersonPage({ params }: { params: Params }) {
  const { agency: slug, id } = await params;
  const context = await requireStaffPermission(slug, "person:write");
  let person: EditablePerson;
  try {
    person = await getEditablePerson(context, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (person.erasedAt) notFound();
  const t = await getTranslations("personEditForm");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { name: person.name })} />
      <PersonEditForm
        agencySlug={context.agency.slug}
        person={person}
        birthDateFromNumber={birthDateFromNumber(person.idType)}
        timeZone={context.agency.timeZone}
      />
    </>
  );
}
