/**
 * A separate process that runs one reminder sweep, for the crash test in
 * lib/reminders/sweep.int.test.ts: `node --import tsx <this> <agencyId> <ISO now>` with the
 * test's environment, TEST_CLOCK=1 and REMINDERS_TEST_KILL=before-commit or after-commit, so
 * the sweep SIGKILLs this process inside its first reminder's transaction or right after
 * its commit (before the robot).
 * Exits 0 if it ever gets to the end.
 *
 * `server-only` throws outside React Server Components and the react-server condition
 * breaks next-intl's createTranslator, so a resolve hook maps it to nothing, as Vitest's
 * alias does (lib/testing/server-only-stub.ts); hence the dynamic imports after it.
 */
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(specifier, context, next) {
       if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
       return next(specifier, context);
     }`,
  )}`,
);

const [agencyId, at] = process.argv.slice(2);
if (!agencyId || !at) throw new Error("usage: reminders-sweep-child <agencyId> <ISO now>");
const { clock } = await import("@/lib/clock");
const { sweepReminders } = await import("@/lib/reminders/sweep");
clock.set(new Date(at));
await sweepReminders(agencyId, clock.now());
process.exit(0);
