/**
 * `npm run --silent extract -- FILE_OR_DIR...`: prints the entities of article files as one JSON array,
 * touching no database.
 *
 * Each element: `{ file, headline, source, people, organisations, places }`, each list holding
 * `{ name, aliases, mentions, salience }` (mentions = count). A directory is searched recursively for
 * `*.txt`, in sorted order. A file that cannot be read as an article (empty, not UTF-8, binary, too large,
 * no headline) still gets an element, `{ file, error: { code, message } }`; its message also goes to
 * stderr and the process exits with code 1 after printing the whole array. A missing path exits with 2.
 */
import fs from "node:fs";
import path from "node:path";
import { ArticleInputError, decodeArticle } from "../ingest/decode";
import { extractEntities } from "../ingest/extract";
import { parseArticle } from "../ingest/parse";
import type { ExtractedEntity } from "../ingest/types";

/** One element of the printed array for an article that extracted. */
export interface ExtractOutput {
  file: string;
  headline: string;
  source: string | null;
  people: EntitySummary[];
  organisations: EntitySummary[];
  places: EntitySummary[];
}
/** One element of the printed array for a file that is not a readable article. */
export interface ExtractFailure {
  file: string;
  error: { code: string; message: string };
}
/** An entity as printed: canonical name, surface forms, mention count, salience (0–1). */
export interface EntitySummary { name: string; aliases: string[]; mentions: number; salience: number }

/** Expands files and directories (recursively, `*.txt`, sorted) into a list of file paths. */
export function expandPaths(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input);
    if (stat.isDirectory()) {
      const found = (fs.readdirSync(input, { recursive: true }) as string[])
        .filter((f) => f.endsWith(".txt")).sort().map((f) => path.join(input, f));
      out.push(...found);
    } else out.push(input);
  }
  return out;
}

const summary = (e: ExtractedEntity): EntitySummary => ({ name: e.name, aliases: e.aliases, mentions: e.mentions.length, salience: e.salience });

/**
 * Reads, decodes, parses and extracts one file.
 * @throws only for I/O errors; article problems come back as an {@link ExtractFailure}.
 */
export function extractFile(file: string): ExtractOutput | ExtractFailure {
  try {
    const article = parseArticle(decodeArticle(fs.readFileSync(file), file));
    const { entities } = extractEntities(article);
    return {
      file,
      headline: article.headline,
      source: article.source,
      people: entities.filter((e) => e.kind === "PERSON").map(summary),
      organisations: entities.filter((e) => e.kind === "ORGANISATION").map(summary),
      places: entities.filter((e) => e.kind === "PLACE").map(summary),
    };
  } catch (e) {
    if (e instanceof ArticleInputError) return { file, error: { code: e.code, message: e.message } };
    throw e;
  }
}

function main(argv: string[]): number {
  const inputs = argv.filter((a) => a !== "--");
  if (inputs.length === 0) {
    process.stderr.write("usage: npm run --silent extract -- FILE_OR_DIR...\n");
    return 2;
  }
  let files: string[];
  try {
    files = expandPaths(inputs);
  } catch (e) {
    process.stderr.write(`extract: ${(e as Error).message}\n`);
    return 2;
  }
  const results = files.map(extractFile);
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  let failed = 0;
  for (const r of results) if ("error" in r) { failed++; process.stderr.write(`extract: ${r.error.message}\n`); }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
