/** The catalogues in the database are the ones the code knows (lib/registration, lib/documents). */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredDocuments } from "@/lib/documents/kinds";
import { pipelineStages, sideStages } from "@/lib/registration/pipelines";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

describe("catalogues", () => {
  it("has every pipeline's stages in board order, then the side states", async () => {
    const { rows } = await client.query<{ pipeline: string; stages: string[] }>(
      `select pipeline::text, array_agg(stage::text order by position) as stages from pipeline_stages group by pipeline`,
    );
    const expected = Object.fromEntries(
      Object.entries(pipelineStages).map(([pipeline, stages]) => [pipeline, [...stages, ...sideStages]]),
    );
    expect(Object.fromEntries(rows.map((r) => [r.pipeline, r.stages]))).toEqual(expected);
  });

  it("has the required documents of design.md §6", async () => {
    const { rows } = await client.query<{ pipeline: string; kinds: string[] }>(
      `select pipeline::text, array_agg(kind::text order by kind::text collate "C") as kinds from pipeline_required_documents group by pipeline`,
    );
    const expected = Object.fromEntries(
      Object.entries(requiredDocuments).map(([pipeline, kinds]) => [pipeline, [...kinds].sort()]),
    );
    expect(Object.fromEntries(rows.map((r) => [r.pipeline, r.kinds]))).toEqual(expected);
  });

  it("refuses a card in a stage its pipeline does not have", async () => {
    await expect(
      client.query(
        `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
         values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'wecom', 'wecom', 'under_review', now(), now(), now())`,
      ),
    ).rejects.toMatchObject({ code: "23503", constraint: "registrations_stage_fk" });
  });
});
