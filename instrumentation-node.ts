/**
 * Boot of a Node server process: the environment is validated here, so a missing or
 * malformed variable stops `next start` at once, naming it; then the background
 * worker starts beside the app (design.md §2) unless WORKER_ENABLED=0.
 */
import { env, EnvError } from "@/lib/env";
import { logger } from "@/lib/logger";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (env().WORKER_ENABLED) {
  // Imported late: the database modules read the validated environment.
  const [{ connectionStringFor, workerPool }, { startWorker }, { jobs }, mail] = await Promise.all([
    import("@/db/client"),
    import("@/lib/jobs/worker"),
    import("@/lib/jobs/registry"),
    import("@/lib/mail/deliver"),
  ]);
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    mail.startMailDelivery(workerPool(), mail.createTransport(SMTP_URL), MAIL_FROM, (error) =>
      logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "mail delivery failed"),
    );
  }
  // A worker that cannot start (database down) must not take the web server with it.
  startWorker(connectionStringFor("weidesk_worker"), jobs()).catch((error: unknown) =>
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "worker did not start"),
  );
}
