/**
 * npm run bench's statement counter, preloaded into `next start` (NODE_OPTIONS=--import)
 * and only there: every statement the server sends through pg (Client#query, which
 * Pool#query and drizzle end in) is counted, pg-boss's own polling left out, transaction
 * control (BEGIN / COMMIT / ROLLBACK) counted apart. Each process writes its counts to
 * $BENCH_SQL_COUNT_DIR/<pid>.json when they change; the bench reads them before and after
 * a few requests. Without BENCH_SQL_COUNT_DIR it does nothing.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.env.BENCH_SQL_COUNT_DIR;

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
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === "string" ? config : config && typeof config.text === "string" ? config.text : "";
    if (/^\s*(begin|commit|rollback|start transaction)\b/i.test(text)) counts.control++;
    else if (!/pgboss/i.test(text)) counts.statements++;
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
