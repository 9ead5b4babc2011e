import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

// Its server is APP_URL, read at run time.
export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1. Public: it describes the API, it opens nothing. */
export async function GET() {
  return Response.json(buildOpenApiDocument(env().APP_URL), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
