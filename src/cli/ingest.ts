/**
 * `npm run ingest -- PATH... [options]`: ingests article files and folders (recursively, `*.txt`) into the
 * configured database (DATABASE_URL, else the embedded one), one line per file, then a summary.
 * Exit code: 0 when every file was ingested, updated or unchanged; 1 when any failed; 2 on bad usage.
 */
import "reflect-metadata";
import { Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../config";
import { openDatabase } from "../db/data-source";
import { DataDirLockedError } from "../db/embedded-lock";
import { runMigrations, withStartupLock } from "../db/migrate";
import { ingestPaths, type FileResult } from "../ingest/ingest";

function parseDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected an ISO 8601 date such as 2005-03-14, got ${JSON.stringify(value)}`);
  return d;
}

function line(r: FileResult): string {
  return r.status === "failed" ? `failed     ${r.sourceKey}: ${r.reason}` : `${r.status.padEnd(10)} ${r.sourceKey} → ${r.slug}`;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("npm run ingest --")
    .description("Ingest plain-text news articles (files, or folders searched recursively for *.txt).")
    .argument("<paths...>", "article files or folders")
    .option("--source <name>", "publisher name for every article (overrides source lines)")
    .option("--section <name>", "section for every article")
    .option("--section-from-dir", "use each file's folder name as its section")
    .option("--published-at <date>", "publication date for articles without a dateline (ISO 8601)", parseDate)
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const opts = program.opts<{ source?: string; section?: string; sectionFromDir?: boolean; publishedAt?: Date }>();
  const config = loadConfig();
  let db;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: "ingest" });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  try {
    await withStartupLock(db, () => runMigrations(db.dataSource));
    const counts = await ingestPaths(db, program.args, opts, (r) => console.log(line(r)));
    console.log(`done: ${counts.ingested} ingested, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`);
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`ingest failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
