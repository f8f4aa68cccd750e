/**
 * `npm run ingest -- PATH... [options]`: the newsroom's bulk loader. Ingests article files, folders (recursively,
 * `*.txt`) and quoted glob patterns into the configured database (DATABASE_URL, else the embedded one).
 *
 * - Output: on a terminal, a progress bar (cli-progress, on stderr); otherwise (cron, CI, a pipe) one plain line
 *   per file on stdout. `--progress bar|lines` forces either. Then a summary: counts per outcome, and every failed
 *   file with its reason.
 * - `--dry-run`: decode, parse and extract only (no database is opened); prints what each file would give.
 * - Memory: files are listed lazily and processed one at a time, so a folder of any size runs in bounded memory
 *   (the progress bar's total comes from a first, counting-only walk).
 * - Exit code: 0 when every file was ingested, updated or unchanged (or parsed, with --dry-run); 1 when any file
 *   failed or the database could not be used; 2 on bad usage or configuration.
 */
import "reflect-metadata";
import fs from "node:fs/promises";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { SingleBar } from "cli-progress";
import { ConfigError, loadConfig, type Config } from "../config";
import { openCommandDatabase } from "./command-database";
import { ArticleInputError, decodeArticle } from "../ingest/decode";
import { extractEntities } from "../ingest/extract";
import { ingestFile, sourceKeyOf, walkArticleFiles, type FileResult, type IngestOptions } from "../ingest/ingest";
import { parseArticle } from "../ingest/parse";

/** The outcome of one file in a dry run. */
type DryRunResult =
  | { file: string; sourceKey: string; status: "parsed"; headline: string; entityCount: number }
  | { file: string; sourceKey: string; status: "failed"; reason: string };

type AnyResult = FileResult | DryRunResult;

/** Failed files kept for the summary; beyond this many only their count is shown (bounded memory). */
const MAX_LISTED_FAILURES = 1000;

interface CliOptions {
  source?: string;
  section?: string;
  sectionFromDir?: boolean;
  publishedAt?: Date;
  dryRun?: boolean;
  progress: "auto" | "bar" | "lines";
}

function parseDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected an ISO 8601 date such as 2005-03-14, got ${JSON.stringify(value)}`);
  return d;
}

function nonEmpty(name: string) {
  return (value: string): string => {
    if (!value.trim()) throw new InvalidArgumentError(`${name} must not be empty`);
    return value.trim();
  };
}

/** One plain output line for a file. */
function line(r: AnyResult): string {
  switch (r.status) {
    case "failed":
      return `failed     ${r.sourceKey}: ${r.reason}`;
    case "parsed":
      return `parsed     ${r.sourceKey}: ${JSON.stringify(r.headline)}, ${r.entityCount} entities`;
    default:
      return `${r.status.padEnd(10)} ${r.sourceKey} → ${r.slug}`;
  }
}

/** Decodes, parses and extracts one file without a database (the `--dry-run` step). */
async function inspectFile(file: string, root: string, maxBytes: number): Promise<DryRunResult> {
  const sourceKey = sourceKeyOf(file, root);
  try {
    const text = decodeArticle(await fs.readFile(file), undefined, maxBytes);
    const parsed = parseArticle(text);
    const extraction = extractEntities(parsed);
    return { file, sourceKey, status: "parsed", headline: parsed.headline, entityCount: extraction.entities.length };
  } catch (err) {
    if (err instanceof ArticleInputError) return { file, sourceKey, status: "failed", reason: err.message };
    if ((err as NodeJS.ErrnoException).syscall) return { file, sourceKey, status: "failed", reason: `cannot read the file: ${(err as Error).message}` };
    throw err;
  }
}

/** Counts the files `paths` name, without keeping them (for the progress bar's total). */
async function countFiles(paths: string[]): Promise<number> {
  let n = 0;
  for await (const _ of walkArticleFiles(paths)) n++;
  return n;
}

/** Runs `step` over every file, reporting as configured, and prints the summary. Returns the exit code. */
async function run(paths: string[], opts: CliOptions, step: (file: string, root: string) => Promise<AnyResult>): Promise<number> {
  const useBar = opts.progress === "bar" || (opts.progress === "auto" && process.stderr.isTTY === true);
  const counts: Record<string, number> = opts.dryRun ? { parsed: 0, failed: 0 } : { ingested: 0, updated: 0, unchanged: 0, failed: 0 };
  const failures: string[] = [];
  const started = Date.now();
  let bar: SingleBar | null = null;
  if (useBar) {
    bar = new SingleBar({
      format: `${opts.dryRun ? "checking" : "ingesting"} [{bar}] {percentage}% | {value}/{total} files | {failed} failed | {file}`,
      stream: process.stderr,
      // Redraw on a terminal; when forced onto a pipe, still draw (useful in logs of `--progress bar`).
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(await countFiles(paths), 0, { failed: 0, file: "" });
  }
  let total = 0;
  for await (const [file, root] of walkArticleFiles(paths)) {
    const result = await step(file, root);
    total++;
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    if (result.status === "failed" && failures.length < MAX_LISTED_FAILURES) failures.push(`  ${result.sourceKey}: ${result.reason}`);
    if (bar) bar.increment(1, { failed: counts.failed, file: result.sourceKey });
    else console.log(line(result));
  }
  bar?.stop();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const parts = Object.entries(counts).map(([status, n]) => `${n} ${status}`);
  console.log(`done${opts.dryRun ? " (dry run, nothing written)" : ""}: ${parts.join(", ")} (${total} files in ${seconds} s)`);
  if (counts.failed > 0) {
    console.log(`failed files:\n${failures.join("\n")}`);
    if (counts.failed > failures.length) console.log(`  … and ${counts.failed - failures.length} more`);
  }
  return counts.failed > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("npm run ingest --")
    .description("Ingest plain-text news articles: files, folders (searched recursively for *.txt) or quoted glob patterns.")
    .argument("<paths...>", "article files, folders, or glob patterns such as 'corpus/**/*.txt'")
    .option("--source <name>", "publisher name for every article (overrides source lines)", nonEmpty("--source"))
    .option("--section <name>", "section for every article", nonEmpty("--section"))
    .option("--section-from-dir", "use each file's folder name as its section")
    .option("--published-at <date>", "publication date for articles without a dateline (ISO 8601)", parseDate)
    .option("--dry-run", "decode, parse and extract only; open no database and write nothing")
    .addOption(new Option("--progress <mode>", "progress display: a bar on a terminal, plain lines otherwise").choices(["auto", "bar", "lines"]).default("auto"))
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const opts = program.opts<CliOptions>();
  if (opts.section && opts.sectionFromDir) {
    console.error("error: give either --section or --section-from-dir, not both");
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  for (const p of program.args) {
    // Fail before any work on a mistyped path (globs are checked when expanded).
    if (!(await fs.stat(path.resolve(p)).catch(() => null)) && !/[*?[\]{}]/.test(p)) {
      console.error(`error: no such file or folder: ${p}`);
      return 2;
    }
  }
  const maxBytes = config.limits.maxArticleBytes;
  if (opts.dryRun) return run(program.args, opts, (file, root) => inspectFile(file, root, maxBytes));

  const db = await openCommandDatabase(config, "ingest");
  if (!db) return 1;
  try {
    const options: IngestOptions = {
      source: opts.source ?? null,
      section: opts.section ?? null,
      sectionFromDir: opts.sectionFromDir ?? false,
      publishedAt: opts.publishedAt ?? null,
      maxBytes,
    };
    return await run(program.args, opts, (file, root) => ingestFile(db, file, root, options));
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
