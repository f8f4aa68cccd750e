/**
 * `npm run eval:related -- --corpus DIR [--seed FILE] [--rebuild] [--min-precision N] [--max-seed-score N]
 * [--min-shared-share N] [--verbose]`: ingests a corpus (section from each file's folder) and the seed article
 * into a fresh in-memory database, with the incremental related-story updates every ingest runs, and prints:
 *
 * (a) each duplicate pair the corpus's SOURCE.md lists, and whether it was detected;
 * (b) precision@5 of related stories by section, micro-averaged over the politics and business stories;
 * (c) the share of related edges with at least one SHARED_* reason;
 * (d) the seed's best related score among the corpus stories (it should share no story with them);
 * (e) where Gordon Brown stands in Tony Blair's `coMentioned`, asked through the GraphQL schema;
 * and how long the ingest took.
 *
 * `--rebuild` then runs `related:rebuild` and prints (a)–(d) again. Exits 1 when an identical pair is not
 * detected, when a threshold given is not met, or when Gordon Brown is not in Tony Blair's top 5.
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { graphql } from "graphql";
import { openDatabase, type Database } from "../db/data-source";
import { runMigrations } from "../db/migrate";
import { ingestPaths } from "../ingest/ingest";
import { createContext } from "../context";
import { createSchema } from "../server/schema";
import { rebuildRelated } from "../related/rebuild";
import {
  allDuplicates,
  detectedDuplicates,
  parseKnownDuplicates,
  precisionBySection,
  relatedAmong,
  sharedReasonShare,
  type KnownDuplicate,
} from "../related/quality";

/** Repository root: this file runs from `dist/src/cli/` (compiled) or `src/cli/` (tests). */
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
/** The sections precision is averaged over (the others have one story each). */
const PRECISION_SECTIONS = ["politics", "business"];
const K = 5;

interface Options {
  corpus: string;
  seed: string;
  rebuild: boolean;
  verbose: boolean;
  minPrecision?: number;
  maxSeedScore?: number;
  minSharedShare?: number;
}

/** Prints figures (a)–(d); returns the names of the checks that failed. */
async function figures(db: Database, opts: Options, known: KnownDuplicate[], corpusPrefix: string, seedKey: string): Promise<string[]> {
  const q = db.dataSource;
  const failures: string[] = [];

  const found = await detectedDuplicates(q, known);
  console.log(`(a) duplicate pairs (${known.length} listed in SOURCE.md)`);
  known.forEach((p, i) => {
    const mark = found[i] === null ? "missing" : found[i] ? "detected" : "NOT detected";
    console.log(`    ${p.a} = ${p.b}  ${p.identical ? "identical " : "edited    "}  ${mark}`);
    if (p.identical && found[i] !== true) failures.push(`identical pair ${p.a} = ${p.b} not detected`);
  });
  const identical = known.filter((p) => p.identical);
  const listed = new Set(known.map((p) => `${p.a} ${p.b}`));
  const others = (await allDuplicates(q)).filter((d) => !listed.has(`${d.a} ${d.b}`) && !listed.has(`${d.b} ${d.a}`));
  console.log(`    other pairs detected as duplicates: ${others.length}`);
  for (const d of others) console.log(`    ${d.a} = ${d.b}  similarity ${d.similarity.toFixed(2)}  "${d.headlineA}"${d.headlineA === d.headlineB ? "" : ` / "${d.headlineB}"`}`);
  console.log(`    identical detected: ${identical.filter((p) => found[known.indexOf(p)]).length}/${identical.length}; edited detected: ${known.filter((p, i) => !p.identical && found[i]).length}/${known.length - identical.length}`);

  const perSection = await precisionBySection(q, PRECISION_SECTIONS, K);
  const retrieved = perSection.reduce((s, r) => s + r.retrieved, 0);
  const hits = perSection.reduce((s, r) => s + r.hits, 0);
  const precision = retrieved ? hits / retrieved : 0;
  console.log(`(b) precision@${K} by section: ${precision.toFixed(3)} (micro-averaged, ${hits}/${retrieved} edges)`);
  for (const r of perSection) {
    console.log(`    ${r.section.padEnd(10)} ${r.stories} stories  ${(r.retrieved ? r.hits / r.retrieved : 0).toFixed(3)} (${r.hits}/${r.retrieved})`);
  }
  if (opts.minPrecision !== undefined && precision < opts.minPrecision) failures.push(`precision@${K} ${precision.toFixed(3)} < ${opts.minPrecision}`);

  const shared = await sharedReasonShare(q);
  const share = shared.edges ? shared.withShared / shared.edges : 0;
  console.log(`(c) related edges with a SHARED_* reason: ${share.toFixed(3)} (${shared.withShared}/${shared.edges})`);
  if (opts.minSharedShare !== undefined && share < opts.minSharedShare) failures.push(`shared-reason share ${share.toFixed(3)} < ${opts.minSharedShare}`);

  const seedRelated = await relatedAmong(q, seedKey, corpusPrefix);
  const best = seedRelated[0]?.score ?? 0;
  console.log(`(d) seed ${seedKey}: best related score among the corpus ${best.toFixed(3)}${seedRelated[0] ? ` (${seedRelated[0].sourceKey} "${seedRelated[0].headline}")` : ""}`);
  if (opts.verbose) for (const r of seedRelated.slice(0, 5)) console.log(`    ${r.score.toFixed(3)} ${r.sourceKey} ${r.headline}`);
  if (opts.maxSeedScore !== undefined && best > opts.maxSeedScore) failures.push(`seed's best related score ${best.toFixed(3)} > ${opts.maxSeedScore}`);
  return failures;
}

/** Checks, through the GraphQL schema, that Gordon Brown is in Tony Blair's top 5 co-mentioned people. */
async function coMentionCheck(db: Database): Promise<string[]> {
  const schema = await createSchema();
  const result = await graphql({
    schema,
    source: `{ person(slug: "tony-blair") { name coMentioned(first: 10, kind: PERSON) { edges { count node { name } } } } }`,
    contextValue: createContext(db),
  });
  if (result.errors?.length) return [`coMentioned query failed: ${result.errors[0].message}`];
  const person = (result.data as any)?.person;
  if (!person) return ["no person with slug tony-blair"];
  const edges: { count: number; node: { name: string } }[] = person.coMentioned.edges;
  console.log(`(e) Tony Blair coMentioned (PERSON): ${edges.slice(0, 5).map((e) => `${e.node.name} ${e.count}`).join(", ")}`);
  const rank = edges.findIndex((e) => e.node.name === "Gordon Brown");
  console.log(`    Gordon Brown: ${rank < 0 ? "not in the top 10" : `#${rank + 1} with ${edges[rank].count} stories in common`}`);
  return rank >= 0 && rank < 5 ? [] : ["Gordon Brown is not in Tony Blair's top 5 coMentioned people"];
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("eval:related")
    .description("ingest a corpus and print the quality figures of related stories")
    .requiredOption("--corpus <dir>", "corpus folder with one sub-folder per section and a SOURCE.md (e.g. ../shared/corpus/bbc-news)")
    .option("--seed <file>", "an unrelated article whose related stories among the corpus are checked", path.join(REPO_ROOT, "seeds/000_0ccf3f5374bbbccc.txt"))
    .option("--rebuild", "also run related:rebuild and print the figures again", false)
    .option("--verbose", "list the seed's best matches", false)
    .option("--min-precision <n>", "fail when precision@5 by section is below this", parseFloat)
    .option("--max-seed-score <n>", "fail when the seed relates to a corpus story above this score", parseFloat)
    .option("--min-shared-share <n>", "fail when fewer related edges than this have a SHARED_* reason", parseFloat)
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode ?? 2;
  }
  const opts = program.opts<Options>();
  const corpus = path.resolve(opts.corpus);
  const corpusPrefix = `${path.basename(corpus)}/`;
  const sourceMd = path.join(corpus, "SOURCE.md");
  const known = fs.existsSync(sourceMd) ? parseKnownDuplicates(fs.readFileSync(sourceMd, "utf8"), corpusPrefix) : [];
  const seedKey = `${path.basename(path.dirname(path.resolve(opts.seed)))}/${path.basename(opts.seed)}`;

  const db = await openDatabase({ dataDir: "memory://" });
  try {
    await runMigrations(db.dataSource);
    const started = performance.now();
    const counts = await ingestPaths(db, [corpus], { sectionFromDir: true });
    const seconds = (performance.now() - started) / 1000;
    await ingestPaths(db, [opts.seed]);
    const files = counts.ingested + counts.updated + counts.unchanged;
    console.log(`ingested ${files} files (${counts.failed} failed) with incremental related updates in ${seconds.toFixed(1)} s (${(seconds * 1000 / Math.max(1, files)).toFixed(0)} ms per article, ${db.kind})`);

    const failures = await figures(db, opts, known, corpusPrefix, seedKey);
    failures.push(...(await coMentionCheck(db)));
    if (opts.rebuild) {
      const t = performance.now();
      const r = await rebuildRelated(db);
      console.log(`related:rebuild: ${r.articles} articles, ${r.related} related pairs, ${r.duplicates} duplicate pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      failures.push(...(await figures(db, opts, known, corpusPrefix, seedKey)).map((f) => `after rebuild: ${f}`));
    }
    for (const f of failures) console.error(`eval:related: ${f}`);
    return failures.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`eval:related failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
