/**
 * npm run bench's statement counter, preloaded into `next start` (NODE_OPTIONS=--import)
 * and only there: every statement the server sends through pg (Client#query, which
 * Pool#query and drizzle end in) is counted, pg-boss's own polling left out, transaction
 * control (BEGIN / COMMIT / ROLLBACK) counted apart. Each process writes its counts to
 * $BENCH_SQL_COUNT_DIR/<pid>.json when they change; the bench reads them before and after
 * a few requests. With BENCH_SQL_LOG=1 it also appends each statement's text, one JSON
 * line ({ kind: "statement" | "control", text }; pg-boss's own left out), to $BENCH_SQL_COUNT_DIR/<pid>.log,
 * and the bench prints which statements one request of each route ran. Without
 * BENCH_SQL_COUNT_DIR it does nothing.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.env.BENCH_SQL_COUNT_DIR;
const logStatements = process.env.BENCH_SQL_LOG === "1";

function install() {
  // The CommonJS pg that next-server's external require("pg") loads: the same module, so the same Client.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  let pg;
  try {
    pg = require("pg");
  } catch {
    return;
  }
  const counts = { statements: 0, control: 0 };
  let written = "";
  const log = path.join(dir, `${process.pid}.log`);
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === "string" ? config : config && typeof config.text === "string" ? config.text : "";
    const kind = /^\s*(begin|commit|rollback|start transaction)\b/i.test(text) ? "control" : /pgboss/i.test(text) ? "pgboss" : "statement";
    if (kind === "control") counts.control++;
    else if (kind === "statement") counts.statements++;
    if (logStatements && kind !== "pgboss") fs.appendFileSync(log, `${JSON.stringify({ kind, text: text.replace(/\s+/g, " ").trim() })}\n`);
    return query.call(this, config, ...rest);
  };
  const file = path.join(dir, `${process.pid}.json`);
  setInterval(() => {
    const now = JSON.stringify(counts);
    if (now !== written) {
      fs.writeFileSync(file, now);
      written = now;
    }
  }, 25).unref();
}

if (dir) install();
