/**
 * TypeScript types of the API, generated with openapi-typescript from the document
 * lib/api/openapi.ts builds: what the e2e client (openapi-fetch) is typed with, kept
 * in e2e/support/api-types.ts. Development only (openapi-typescript is a devDependency):
 * the CLI writes the file, lib/api/openapi.test.ts regenerates and compares it. The
 * app never imports this module.
 */
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";
import { buildOpenApiDocument } from "./openapi";

/** Where the committed types live, relative to the project root. */
export const API_TYPES_FILE = "e2e/support/api-types.ts";

/** The command that rewrites API_TYPES_FILE. */
export const API_TYPES_COMMAND = `npm run cli -- openapi --types ${API_TYPES_FILE}`;

/** The types' source text. The server does not appear in types, so any APP_URL gives the same text. */
export async function generateApiTypes(): Promise<string> {
  const document = buildOpenApiDocument("http://localhost:3000");
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as OpenAPI3, { silent: true, alphabetize: true });
  return `${COMMENT_HEADER}// Regenerate with \`${API_TYPES_COMMAND}\`; lib/api/openapi.test.ts fails while it is stale.\n\n${astToString(ast)}`;
}
