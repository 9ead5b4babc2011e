/**
 * The catalogues the code knows (lib/registration, lib/documents) read back from a
 * database, for db/catalogue.int.test.ts and for the restored database of
 * `npm run backup:check`: what the database holds, what the code expects, and the
 * foreign key that keeps a card out of a stage its pipeline does not have.
 */
import type pg from "pg";
import { requiredDocuments } from "@/lib/documents/kinds";
import { pipelineStages, sideStages } from "@/lib/registration/pipelines";

/** Each pipeline's stages in board order, as the database holds them. */
export async function pipelineStagesInDatabase(client: pg.ClientBase): Promise<Record<string, string[]>> {
  const { rows } = await client.query<{ pipeline: string; stages: string[] }>(
    `select pipeline::text, array_agg(stage::text order by position) as stages from pipeline_stages group by pipeline`,
  );
  return Object.fromEntries(rows.map((r) => [r.pipeline, r.stages]));
}

/** Each pipeline's stages in board order, then the side states. */
export function expectedPipelineStages(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(pipelineStages).map(([pipeline, stages]) => [pipeline, [...stages, ...sideStages]]),
  );
}

/** Each pipeline's required document kinds (design.md §6), sorted, as the database holds them. */
export async function requiredDocumentsInDatabase(client: pg.ClientBase): Promise<Record<string, string[]>> {
  const { rows } = await client.query<{ pipeline: string; kinds: string[] }>(
    `select pipeline::text, array_agg(kind::text order by kind::text collate "C") as kinds from pipeline_required_documents group by pipeline`,
  );
  return Object.fromEntries(rows.map((r) => [r.pipeline, r.kinds]));
}

export function expectedRequiredDocuments(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(requiredDocuments).map(([pipeline, kinds]) => [pipeline, [...kinds].sort()]),
  );
}

/**
 * The statement a stage catalogue must refuse: a WeCom card in an Official Account stage,
 * for `company` or for made-up ids. Only the stage's foreign key can refuse it for a real
 * company; with made-up ids the company's may fire first, depending on the order the
 * constraints were made in (a restore makes them in another).
 */
export function strayStageInsert(company?: { agencyId: string; clientCompanyId: string }): { text: string; values: unknown[] } {
  return {
    text: `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
      values (gen_random_uuid(), coalesce($1::uuid, gen_random_uuid()), coalesce($2::uuid, gen_random_uuid()),
              'wecom', 'wecom', 'under_review', now(), now(), now())`,
    values: [company?.agencyId ?? null, company?.clientCompanyId ?? null],
  };
}

/** The foreign key that must refuse strayStageInsert. */
export const STRAY_STAGE_REFUSAL = { code: "23503", constraint: "registrations_stage_fk" } as const;
