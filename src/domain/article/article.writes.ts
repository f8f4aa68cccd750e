/**
 * The SQL of the article write mutations that do not go through ingestion: reading an article's identity,
 * changing its caller-supplied fields, deleting it. Each write runs in one transaction holding the ingest lock
 * (src/ingest/persist.ts), so it never interleaves with an ingest resolving the same entities.
 */
import type { Database } from "../../db/data-source";
import { INGEST_LOCK_KEY } from "../../ingest/persist";
import { settleResolution, type WeakRef } from "../../ingest/link";
import type { EntityKind } from "../../ingest/types";
import { updateRelated } from "../../related/update";

/** What a write needs of a stored article. */
export interface StoredArticle {
  id: string;
  sourceKey: string;
  headline: string;
  source: string | null;
  section: string | null;
  url: string | null;
  publishedAt: Date | null;
}

/** The stored article with database id `key`, or null. */
export async function findStoredArticle(db: Database, key: string): Promise<StoredArticle | null> {
  const [row] = (await db.dataSource.query(
    `SELECT id::text, source_key, headline, source, section, url, published_at FROM article WHERE id = $1`,
    [key],
  )) as { id: string; source_key: string; headline: string; source: string | null; section: string | null; url: string | null; published_at: Date | null }[];
  return row
    ? { id: row.id, sourceKey: row.source_key, headline: row.headline, source: row.source, section: row.section, url: row.url, publishedAt: row.published_at }
    : null;
}

/** Caller-supplied fields of an article. */
export interface ArticleMetadataChange {
  source: string | null;
  section: string | null;
  url: string | null;
  publishedAt: Date | null;
}

/**
 * Replaces the caller-supplied fields of an article without re-reading its text. The stored content hash is
 * marked as edited, so a later ingest of the same source key is an update (the file or sender wins again), never
 * "unchanged". Related stories are recomputed (the publisher takes part in them).
 *
 * @returns false when no article has that id
 */
export async function updateArticleMetadata(db: Database, key: string, change: ArticleMetadataChange): Promise<boolean> {
  return db.dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [INGEST_LOCK_KEY]);
    const updated = (await tx.query(
      `UPDATE article
          SET source = $2, section = $3, url = $4, published_at = $5, updated_at = now(),
              content_hash = CASE WHEN content_hash LIKE 'edited:%' THEN content_hash ELSE 'edited:' || content_hash END
        WHERE id = $1
        RETURNING id`,
      [key, change.source, change.section, change.url, change.publishedAt],
    )) as unknown[];
    // node-postgres through TypeORM answers an UPDATE … RETURNING with [rows, count].
    const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
    if (!rows.length) return false;
    await updateRelated(tx, key);
    return true;
  });
}

/**
 * Deletes an article with its mentions, entity links and related-story rows (foreign keys cascade), then
 * re-resolves what it vouched for and deletes the people, organisations and places no other article mentions
 * (src/ingest/link.ts `settleResolution`), all in one transaction.
 *
 * @returns the deleted article's headline, or null when no article has that id
 */
export async function deleteStoredArticle(db: Database, key: string): Promise<string | null> {
  return db.dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [INGEST_LOCK_KEY]);
    const links = (await tx.query(
      `SELECT ae.entity_id::text, e.kind, ae.resolved_from, ae.vouches
         FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE ae.article_id = $1`,
      [key],
    )) as { entity_id: string; kind: EntityKind; resolved_from: string | null; vouches: string[] }[];
    const [deleted] = (await tx.query(`DELETE FROM article WHERE id = $1 RETURNING headline`, [key])) as unknown[];
    const rows = Array.isArray(deleted) ? (deleted as { headline: string }[]) : deleted ? [deleted as { headline: string }] : [];
    if (!rows.length) return null;
    const weakRefs: WeakRef[] = links.flatMap((l) =>
      [...(l.vouches ?? []), ...(l.resolved_from ? [l.resolved_from] : [])].map((k) => ({ kind: l.kind, key: k })),
    );
    // Stories whose bare-surname links moved because this one's full names went: their pairs changed too.
    for (const moved of await settleResolution(tx, links.map((l) => l.entity_id), weakRefs)) await updateRelated(tx, moved);
    return rows[0].headline;
  });
}
