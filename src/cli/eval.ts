/**
 * `npm run eval -- --gold DIR [--corpus DIR] [--verbose] [--min-f1-people N] [--min-f1-organisations N]
 * [--min-f1-places N] [--min-precision N]`: runs extraction on every article that has a gold file and
 * scores it with the reference rules (see `src/ingest/extract/score.ts`).
 *
 * A gold `file` of `seeds/…` is read from this repository; any other (`bbc-news/politics/001.txt`) from
 * `--corpus` (default `../shared/corpus` beside the repository). Prints a table of P/R/F1 per kind and the
 * reference scorer's summary line; `--verbose` also lists every miss. Exits 1 when a threshold is not
 * met or an article is missing or unreadable.
 */
import fs from "node:fs";
import path from "node:path";
import { runResolutionCheck } from "./eval-corpus";
import { Command } from "commander";
import { extractFile, type ExtractOutput } from "./extract";
import { prf, scoreExtraction, SCORED_KINDS, type GoldArticle } from "../ingest/extract/score";
import { EXTRACTOR_NAME, EXTRACTOR_VERSION } from "../ingest/extract";

/** Repository root: this file runs from `dist/src/cli/` (compiled) or `src/cli/` (tests). */
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");

/** Finds the article text file a gold annotation refers to, or null. */
export function articlePathFor(goldFile: string, corpusDir: string): string | null {
  const candidates = goldFile.startsWith("seeds/")
    ? [path.join(REPO_ROOT, goldFile), path.join(corpusDir, goldFile)]
    : [path.join(corpusDir, goldFile), path.join(REPO_ROOT, goldFile)];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("eval")
    .description("score entity extraction against gold annotations")
    .requiredOption("--gold <dir>", "directory of gold *.json files (searched recursively)")
    .option("--corpus <dir>", "corpus directory holding bbc-news/…", path.resolve(REPO_ROOT, "../shared/corpus"))
    .option("--verbose", "list every miss", false)
    .option("--min-f1-people <n>", "fail below this people F1", parseFloat)
    .option("--min-f1-organisations <n>", "fail below this organisations F1", parseFloat)
    .option("--min-f1-places <n>", "fail below this places F1", parseFloat)
    .option("--min-precision <n>", "fail when any kind's precision is below this", parseFloat)
    .option("--no-resolution", "skip the cross-article resolution check on <corpus>/bbc-news (it ingests the corpus: ~1–2 min)")
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode ?? 2;
  }
  const opts = program.opts<{ gold: string; corpus: string; verbose: boolean; resolution: boolean; minF1People?: number; minF1Organisations?: number; minF1Places?: number; minPrecision?: number }>();

  const golds: GoldArticle[] = (fs.readdirSync(opts.gold, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(opts.gold, f), "utf8")) as GoldArticle);
  const outputs: ExtractOutput[] = [];
  let failed = false;
  for (const g of golds) {
    const file = articlePathFor(g.file, opts.corpus);
    if (!file) { process.stderr.write(`eval: no article for gold file ${g.file} (corpus ${opts.corpus})\n`); failed = true; continue; }
    const r = extractFile(file);
    if ("error" in r) { process.stderr.write(`eval: ${r.error.message}\n`); failed = true; continue; }
    outputs.push({ ...r, file: g.file });
  }
  const report = scoreExtraction(golds, outputs);
  if (opts.verbose) for (const m of report.misses) console.log(m);
  console.log(`${EXTRACTOR_NAME} ${EXTRACTOR_VERSION}, ${report.scored}/${golds.length} articles`);
  console.log("kind           TP   FP  gold   P     R     F1");
  const stats = Object.fromEntries(SCORED_KINDS.map((k) => [k, prf(report.totals[k])]));
  for (const k of SCORED_KINDS) {
    const t = report.totals[k], s = stats[k];
    console.log(`${k.padEnd(13)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.gold).padStart(5)}  ${s.p.toFixed(2)}  ${s.r.toFixed(2)}  ${s.f.toFixed(2)}`);
  }
  console.log(`files=${report.scored}/${golds.length} ` + SCORED_KINDS.map((k) => `${k} P=${stats[k].p.toFixed(2)} R=${stats[k].r.toFixed(2)} F1=${stats[k].f.toFixed(2)}`).join(" | "));

  const checks: Array<[string, number | undefined, number]> = [
    ["people F1", opts.minF1People, stats.people.f],
    ["organisations F1", opts.minF1Organisations, stats.organisations.f],
    ["places F1", opts.minF1Places, stats.places.f],
    ...SCORED_KINDS.map((k) => [`${k} precision`, opts.minPrecision, stats[k].p] as [string, number | undefined, number]),
  ];
  for (const [label, min, value] of checks) {
    if (min !== undefined && value < min) { console.error(`eval: ${label} ${value.toFixed(3)} is below the minimum ${min}`); failed = true; }
  }

  // Cross-article resolution on the whole corpus: one Tony Blair however many stories say "Mr Blair",
  // and other Browns kept apart from Gordon Brown (src/cli/eval-corpus.ts).
  const bbc = path.join(opts.corpus, "bbc-news");
  if (opts.resolution && fs.existsSync(bbc)) {
    console.log("\ncross-article resolution:");
    if ((await runResolutionCheck(bbc)) !== 0) failed = true;
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
