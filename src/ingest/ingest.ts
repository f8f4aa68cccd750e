/**
 * The ingestion pipeline end to end: bytes → decode → parse → extract → link + persist (one transaction per
 * article). Files are processed one at a time, so a folder of any size is read in bounded memory.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Database } from "../db/data-source";
import { ArticleInputError, decodeArticle } from "./decode";
import { extractEntities } from "./extract";
import { parseArticle } from "./parse";
import { glob } from "tinyglobby";
import { recordIngestion } from "../observability/ingestion-counts";
import { persistArticle, type ArticleMetadata, type PersistResult } from "./persist";

/** Options that apply to every file of one ingest call. */
export interface IngestOptions {
  /** Publisher name for every article, overriding source lines. */
  source?: string | null;
  /** Section for every article. */
  section?: string | null;
  /** Use each file's parent folder name as its section (ignored when `section` is given). */
  sectionFromDir?: boolean;
  /** Publication time for articles whose text has no dateline. */
  publishedAt?: Date | null;
  /** Largest file accepted, in bytes (default 1 MiB). */
  maxBytes?: number;
}

/** The outcome for one file. */
export type FileResult =
  | ({ file: string; sourceKey: string } & PersistResult)
  | { file: string; sourceKey: string; status: "failed"; reason: string };

/**
 * Ingests an article given as text (as the server's mutations will).
 *
 * @throws ArticleInputError when the text has no headline
 */
export async function ingestText(db: Database, text: string, meta: ArticleMetadata): Promise<PersistResult> {
  const parsed = parseArticle(text);
  const extraction = extractEntities(parsed);
  return persistArticle(db, text, parsed, extraction, meta);
}

/**
 * The source key of a file: the name of the folder it was found under, then its path below that folder, with
 * forward slashes. `seeds/000_x.txt` for the seed whether the command was given `seeds` or `./seeds/`;
 * `bbc-news/politics/001.txt` for a corpus file given `../shared/corpus/bbc-news`. Stable whatever the working
 * directory.
 */
export function sourceKeyOf(file: string, root: string): string {
  const rel = path.relative(root, file);
  return [path.basename(path.resolve(root)), ...rel.split(path.sep)].join("/");
}

/** True when a path argument is a glob pattern (`*`, `?`, `[…]`, `{…}`) rather than a literal path. */
export function isGlobPattern(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/** The folder a glob pattern starts from: its leading segments without glob characters (`corpus/bbc-news` of `corpus/bbc-news/**\/*.txt`). */
export function globBase(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const literal: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (isGlobPattern(s)) break;
    literal.push(s);
  }
  return literal.join("/") || ".";
}

/** The `*.txt` files below a folder, depth first, each folder's entries in name order; holds one folder's listing per level. */
async function* walkFolder(dir: string, root: string): AsyncGenerator<[string, string]> {
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walkFolder(full, root);
    else if (e.isFile() && e.name.endsWith(".txt")) yield [full, root];
  }
}

/**
 * Streams the article files of `paths` as `[file, root]` pairs (root: what source keys are relative to, see
 * `sourceKeyOf`): a folder yields every `*.txt` below it with the folder as root, walked lazily so a folder of any
 * size is listed in bounded memory; a file yields itself with its own folder as root; a glob pattern that is not an
 * existing path (`'corpus/**\/*.txt'`, quoted so the shell leaves it) yields its matches, sorted, with the
 * pattern's literal base folder as root.
 *
 * @throws Error when a path does not exist, or a glob matches no file
 */
export async function* walkArticleFiles(paths: string[]): AsyncGenerator<[string, string]> {
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" && isGlobPattern(p)) return null;
      throw err;
    });
    if (!stat) {
      const root = path.resolve(globBase(p));
      const matches = (await glob(p, { absolute: true, onlyFiles: true, expandDirectories: false })).map((f) => path.normalize(f)).sort();
      if (!matches.length) throw new Error(`No file matches the pattern ${JSON.stringify(p)}`);
      for (const f of matches) yield [f, root];
    } else if (stat.isDirectory()) {
      yield* walkFolder(abs, abs);
    } else {
      yield [abs, path.dirname(abs)];
    }
  }
}

/**
 * Expands paths into `[file, root]` pairs (see `walkArticleFiles`), collected in a list.
 *
 * @throws Error when a path does not exist
 */
export async function expandPaths(paths: string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const pair of walkArticleFiles(paths)) out.push(pair);
  return out;
}

/**
 * Ingests one file. Never throws for a bad file: the reason comes back as a `failed` result. Database errors
 * do throw (nothing of the file was written: its transaction rolled back).
 */
export async function ingestFile(db: Database, file: string, root: string, options: IngestOptions = {}): Promise<FileResult> {
  const sourceKey = sourceKeyOf(file, root);
  try {
    const bytes = await fs.readFile(file);
    const text = decodeArticle(bytes, undefined, options.maxBytes);
    const section = options.section ?? (options.sectionFromDir ? path.basename(path.dirname(file)) : null);
    const result = await ingestText(db, text, {
      sourceKey,
      source: options.source ?? null,
      section,
      publishedAt: options.publishedAt ?? null,
    });
    return { file, sourceKey, ...result };
  } catch (err) {
    if (err instanceof ArticleInputError) return { file, sourceKey, status: "failed", reason: err.message };
    if ((err as NodeJS.ErrnoException).code && (err as NodeJS.ErrnoException).syscall) {
      return { file, sourceKey, status: "failed", reason: `cannot read the file: ${(err as Error).message}` };
    }
    throw err;
  }
}

/**
 * Ingests every file under `paths`, one at a time, reporting each result as it comes.
 *
 * @returns counts per status
 */
export async function ingestPaths(
  db: Database,
  paths: string[],
  options: IngestOptions = {},
  onResult: (result: FileResult) => void = () => undefined,
): Promise<Record<FileResult["status"], number>> {
  const counts = { ingested: 0, updated: 0, unchanged: 0, failed: 0 };
  for await (const [file, root] of walkArticleFiles(paths)) {
    const result = await ingestFile(db, file, root, options);
    counts[result.status]++;
    recordIngestion(result.status);
    onResult(result);
  }
  return counts;
}
