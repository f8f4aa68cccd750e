/**
 * `related:rebuild`: recomputes every article's related stories, duplicates and publisher links with the corpus
 * statistics as they are now (after a change to the formula in score.ts, or to refresh the IDF of pairs
 * computed when the corpus was smaller). One transaction holding the ingest lock: readers see the old pairs
 * until it commits, and no ingest interleaves.
 */
import type { Database } from "../db/data-source";
import { INGEST_LOCK_KEY } from "../ingest/persist";
import { snapshotLexemeWeights } from "./components";
import { updateRelated } from "./update";

/** What a rebuild did. */
export interface RebuildResult {
  articles: number;
  /** Related pairs stored (each in both directions). */
  related: number;
  /** Duplicate pairs found. */
  duplicates: number;
}

/**
 * Recomputes everything.
 *
 * @param onProgress called after each article with (done, total)
 */
export async function rebuildRelated(db: Database, onProgress: (done: number, total: number) => void = () => undefined): Promise<RebuildResult> {
  return db.dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [INGEST_LOCK_KEY]);
    await tx.query(`DELETE FROM article_related_reason`);
    await tx.query(`DELETE FROM article_related`);
    await tx.query(`DELETE FROM article_duplicate`);
    const ids = ((await tx.query(`SELECT id::text AS id FROM article ORDER BY id`)) as { id: string }[]).map((r) => r.id);
    onProgress(0, ids.length);
    // The corpus does not change during the rebuild (the lock keeps ingests out): its word statistics are read once.
    await snapshotLexemeWeights(tx);
    for (const [i, id] of ids.entries()) {
      await updateRelated(tx, id, { snapshot: true });
      onProgress(i + 1, ids.length);
    }
    const [{ related }] = await tx.query(`SELECT (count(*) / 2)::int AS related FROM article_related`);
    const [{ duplicates }] = await tx.query(`SELECT (count(*) / 2)::int AS duplicates FROM article_duplicate`);
    return { articles: ids.length, related, duplicates };
  });
}
