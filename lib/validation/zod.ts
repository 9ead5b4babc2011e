/**
 * zod, configured once for the whole app: no JIT. zod 4 compiles object parsers with
 * `new Function` when it may; the browser's Content-Security-Policy (no 'unsafe-eval',
 * lib/security/headers.ts) refuses that and reports a violation. Every module that builds
 * schemas imports z from here, so the setting is made before any schema exists.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
