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

/**
 * Expands paths into `[file, root]` pairs: a folder yields every `*.txt` below it (sorted, recursively) with the
 * folder as root; a file yields itself with its own folder as root.
 *
 * @throws Error when a path does not exist
 */
export async function expandPaths(paths: string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = await fs.stat(abs);
    if (stat.isDirectory()) {
      const entries = await fs.readdir(abs, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && e.name.endsWith(".txt"))
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
      for (const f of files) out.push([f, abs]);
    } else {
      out.push([abs, path.dirname(abs)]);
    }
  }
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
  for (const [file, root] of await expandPaths(paths)) {
    const result = await ingestFile(db, file, root, options);
    counts[result.status]++;
    onResult(result);
  }
  return counts;
}
