/**
 * `npm run related:rebuild`: recomputes every article's related stories, duplicates and publisher links with the
 * corpus statistics as they are now (see src/related/rebuild.ts), on the configured database (DATABASE_URL, else
 * the embedded one). Shows a progress bar on a terminal, a line per 10% otherwise, then a summary.
 * Exit code: 0 on success, 1 on failure (nothing changed: the rebuild is one transaction).
 */
import "reflect-metadata";
import cliProgress from "cli-progress";
import { loadConfig } from "../config";
import { openCommandDatabase } from "./command-database";
import { rebuildRelated } from "../related/rebuild";

/** A progress callback: a bar on a TTY, else a line at every tenth of the way. */
function progressReporter(): { update: (done: number, total: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "related:rebuild [{bar}] {percentage}% | {value}/{total} articles | ETA {eta_formatted}", stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        console.error(`related:rebuild ${done}/${total} articles`);
      }
    },
    stop: () => undefined,
  };
}

async function main(): Promise<number> {
  const config = loadConfig();
  const db = await openCommandDatabase(config, "related:rebuild");
  if (!db) return 1;
  try {
    const progress = progressReporter();
    const started = performance.now();
    try {
      const result = await rebuildRelated(db, progress.update);
      progress.stop();
      console.log(
        `rebuilt related stories of ${result.articles} articles: ${result.related} related pairs, ${result.duplicates} duplicate pairs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      progress.stop();
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`related:rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
