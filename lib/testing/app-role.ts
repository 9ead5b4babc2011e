/**
 * The integration tests' weidesk_app: a connection as the app role to this worker's database,
 * and a committed transaction on it in one agency's tenant, entered as the app enters
 * (weidesk_enter_tenant: the owner or admin of the fixtures is unrestricted).
 */
import pg from "pg";
import { urlForRole } from "@/db/roles";
import { workerDatabaseUrl } from "./setup-integration";

export async function connectAsApp(): Promise<pg.Client> {
  const app = new pg.Client({ connectionString: urlForRole(workerDatabaseUrl(), "weidesk_app", process.env.DATABASE_ROLE_PASSWORD) });
  await app.connect();
  return app;
}

/** Runs `work` on `app` in the agency's tenant as `userId` and commits; rolls back if it throws. */
export async function committedInTenant<T>(app: pg.ClientBase, agencyId: string, userId: string, work: () => Promise<T>): Promise<T> {
  await app.query("begin");
  try {
    await app.query("select weidesk_enter_tenant($1, $2, '')", [agencyId, userId]);
    const result = await work();
    await app.query("commit");
    return result;
  } catch (error) {
    await app.query("rollback");
    throw error;
  }
}
