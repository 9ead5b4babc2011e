/**
 * Boot checks of a Node server process: the environment is validated here, so a
 * missing or malformed variable stops `next start` at once, naming it.
 */
import { env, EnvError } from "@/lib/env";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
