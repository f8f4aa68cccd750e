/**
 * `npm run --silent eval:corpus -- [--corpus DIR]`: the cross-article resolution check of issue 3 on a real
 * corpus. Ingests every `*.txt` under DIR (default `../shared/corpus/bbc-news` beside the repository) into a fresh
 * in-memory PGlite (nothing else is touched), then checks:
 *
 * - exactly one Person is named "Tony Blair", and no Person is named by the bare surname "Blair" (every
 *   "Mr Blair" story resolved to him);
 * - "Gordon Brown" is one Person, and no other full-named Brown ("Nick Brown", "Des Brown") was merged into him:
 *   none of his aliases is another first name with his surname, and "Nick Brown", when the corpus names him, is
 *   a Person of his own.
 *
 * Prints the numbers behind each check, how long ingestion took, and any file ingestion refused (reported, not
 * failed: refusing a bad file is ingestion's documented behaviour). Exit code 0 when every check passes, 1 when
 * one fails, 2 on bad usage.
 */
import "reflect-metadata";
import path from "node:path";
import { Command } from "commander";
import { openDatabase, type Database } from "../db/data-source";
import { runMigrations } from "../db/migrate";
import { ingestPaths } from "../ingest/ingest";

/** Repository root: this file runs from `dist/src/cli/` (compiled) or `src/cli/` (tests). */
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");

/** One check's outcome. */
interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The stored people with exactly this name, each with how many articles link it and how many of those by surname only. */
async function peopleNamed(db: Database, name: string): Promise<{ id: string; articles: number; bySurname: number }[]> {
  return db.dataSource.query(
    `SELECT e.id::text, count(ae.article_id)::int AS articles, count(ae.resolved_from)::int AS "bySurname"
       FROM entity e LEFT JOIN article_entity ae ON ae.entity_id = e.id
      WHERE e.kind = 'PERSON' AND e.name = $1 GROUP BY e.id ORDER BY e.id`,
    [name],
  );
}

/** Runs the checks on an ingested corpus. */
export async function corpusChecks(db: Database): Promise<Check[]> {
  const blair = await peopleNamed(db, "Tony Blair");
  const bareBlair = await peopleNamed(db, "Blair");
  const gordon = await peopleNamed(db, "Gordon Brown");
  const nick = await peopleNamed(db, "Nick Brown");
  const browns = (await db.dataSource.query(
    `SELECT name FROM entity WHERE kind = 'PERSON' AND surname_key = 'brown' AND name <> 'Gordon Brown' ORDER BY name`,
  )) as { name: string }[];
  const otherBrowns = gordon.length
    ? ((await db.dataSource.query(
        `SELECT alias FROM entity_alias WHERE entity_id = $1 AND alias ~ '\\s' AND alias ~* 'brown$' AND alias !~* '^gordon' ORDER BY alias`,
        [gordon[0].id],
      )) as { alias: string }[]).map((r) => r.alias)
    : [];
  const describe = (rows: { articles: number; bySurname: number }[]) =>
    rows.map((r) => `${r.articles} articles (${r.bySurname} by surname only)`).join("; ") || "none";
  return [
    { name: 'exactly one Person "Tony Blair"', ok: blair.length === 1, detail: `${blair.length} found: ${describe(blair)}` },
    { name: 'no Person named only "Blair"', ok: bareBlair.length === 0, detail: `${bareBlair.length} found: ${describe(bareBlair)}` },
    {
      name: '"Gordon Brown" stays apart from the other Browns',
      ok: gordon.length === 1 && nick.every((n) => n.id !== gordon[0].id) && otherBrowns.length === 0,
      detail:
        `Gordon Brown: ${describe(gordon)}; Nick Brown: ${nick.length ? describe(nick) : "not named in this corpus"}; ` +
        `other full-named Browns: ${browns.map((b) => b.name).join(", ") || "none"}; other Browns among Gordon Brown's aliases: ${otherBrowns.join(", ") || "none"}`,
    },
  ];
}

/**
 * Ingests `corpus` into a throwaway in-memory database and prints the cross-article resolution checks.
 *
 * @returns 0 when every check holds, 1 otherwise
 */
export async function runResolutionCheck(corpus: string): Promise<number> {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    await runMigrations(db.dataSource);
    const started = Date.now();
    const failures: string[] = [];
    const counts = await ingestPaths(db, [corpus], { sectionFromDir: true }, (r) => {
      if (r.status === "failed") failures.push(`${r.sourceKey}: ${r.reason}`);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const [{ people, organisations, places }] = await db.dataSource.query(
      `SELECT count(*) FILTER (WHERE kind = 'PERSON')::int AS people, count(*) FILTER (WHERE kind = 'ORGANISATION')::int AS organisations,
              count(*) FILTER (WHERE kind = 'PLACE')::int AS places FROM entity`,
    );
    console.log(`corpus: ${corpus}`);
    console.log(`ingested ${counts.ingested} articles in ${seconds} s (${counts.failed} failed); ${people} people, ${organisations} organisations, ${places} places`);
    for (const f of failures) console.log(`  failed: ${f}`);
    const checks = await corpusChecks(db);
    for (const c of checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("eval:corpus")
    .description("ingest a corpus into a throwaway database and check cross-article entity resolution")
    .option("--corpus <dir>", "folder of article *.txt files", path.resolve(REPO_ROOT, "../shared/corpus/bbc-news"))
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  return runResolutionCheck(program.opts<{ corpus: string }>().corpus);
}

if (require.main === module) main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`eval:corpus failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
