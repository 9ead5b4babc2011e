/** The catalogues in the database are the ones the code knows (lib/registration, lib/documents). */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import {
  expectedPipelineStages,
  expectedRequiredDocuments,
  pipelineStagesInDatabase,
  requiredDocumentsInDatabase,
  strayStageInsert,
  STRAY_STAGE_REFUSAL,
} from "./catalogue-checks";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

describe("catalogues", () => {
  it("has every pipeline's stages in board order, then the side states", async () => {
    expect(await pipelineStagesInDatabase(client)).toEqual(expectedPipelineStages());
  });

  it("has the required documents of design.md §6", async () => {
    expect(await requiredDocumentsInDatabase(client)).toEqual(expectedRequiredDocuments());
  });

  it("refuses a card in a stage its pipeline does not have", async () => {
    const { text, values } = strayStageInsert();
    await expect(client.query(text, values)).rejects.toMatchObject(STRAY_STAGE_REFUSAL);
  });
});
