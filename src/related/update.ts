/**
 * The incremental update: after one article is written, recompute every pair it is part of, in the caller's
 * transaction. Because the score is symmetric (score.ts), writing each pair in both directions also updates the
 * related sets of the stories the article touches; their other pairs are left as they were computed (with the
 * corpus statistics of that time) until `npm run related:rebuild`.
 */
import type { Queryable } from "./components";
import { pairComponents } from "./components";
import { isDuplicate, scorePair, STORE_MIN_SCORE, type Reason } from "./score";

/** What one update wrote. */
export interface RelatedUpdate {
  /** Related pairs stored (each in both directions). */
  related: number;
  /** Duplicate pairs found (each in both directions). */
  duplicates: number;
}

/**
 * Recomputes the related stories, duplicates and publisher links of `articleId` against the whole corpus and
 * writes them (both directions of every pair), replacing what was stored for it. Run inside the ingest
 * transaction after the article's entity links are final, so a failure leaves nothing half-written.
 *
 * @param tx the transaction's EntityManager (or any queryable; a DataSource runs each statement on its own)
 * @param options.snapshot read lexeme weights from the rebuild's snapshot (snapshotLexemeWeights) instead of the corpus
 */
export async function updateRelated(tx: Queryable, articleId: string, options: { snapshot?: boolean } = {}): Promise<RelatedUpdate> {
  await clearRelated(tx, articleId);
  const components = await pairComponents(tx, articleId, options.snapshot ?? false);

  const duplicates: { other: string; similarity: number }[] = [];
  const related: { other: string; score: number; reasons: Reason[] }[] = [];
  for (const [other, c] of components) {
    if (isDuplicate(c.text, c.sameHeadline)) {
      duplicates.push({ other, similarity: c.text });
      continue;
    }
    const scored = scorePair(c);
    if (scored.score >= STORE_MIN_SCORE || c.publisherLink) related.push({ other, ...scored });
  }

  if (duplicates.length) {
    await tx.query(
      `INSERT INTO article_duplicate (article_id, duplicate_id, similarity)
       SELECT $1::bigint, b, s FROM unnest($2::bigint[], $3::float8[]) AS t(b, s)
       UNION ALL
       SELECT b, $1::bigint, s FROM unnest($2::bigint[], $3::float8[]) AS t(b, s)`,
      [articleId, duplicates.map((d) => d.other), duplicates.map((d) => d.similarity)],
    );
  }
  if (related.length) {
    await tx.query(
      `INSERT INTO article_related (article_id, related_id, score)
       SELECT $1::bigint, b, s FROM unnest($2::bigint[], $3::float8[]) AS t(b, s)
       UNION ALL
       SELECT b, $1::bigint, s FROM unnest($2::bigint[], $3::float8[]) AS t(b, s)`,
      [articleId, related.map((r) => r.other), related.map((r) => r.score)],
    );
    const low: string[] = [], high: string[] = [], kinds: string[] = [], entities: (string | null)[] = [], weights: number[] = [];
    for (const r of related) {
      const [lo, hi] = BigInt(articleId) < BigInt(r.other) ? [articleId, r.other] : [r.other, articleId];
      for (const reason of r.reasons) {
        low.push(lo);
        high.push(hi);
        kinds.push(reason.kind);
        entities.push(reason.entityId);
        weights.push(Math.min(1, reason.weight));
      }
    }
    await tx.query(
      `INSERT INTO article_related_reason (low_id, high_id, kind, entity_id, weight)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::float8[])`,
      [low, high, kinds, entities, weights],
    );
  }
  return { related: related.length, duplicates: duplicates.length };
}

/** Deletes every stored pair (related, reasons, duplicates) that `articleId` is part of. */
export async function clearRelated(tx: Queryable, articleId: string): Promise<void> {
  await tx.query(`DELETE FROM article_related WHERE article_id = $1 OR related_id = $1`, [articleId]);
  await tx.query(`DELETE FROM article_related_reason WHERE low_id = $1 OR high_id = $1`, [articleId]);
  await tx.query(`DELETE FROM article_duplicate WHERE article_id = $1 OR duplicate_id = $1`, [articleId]);
}
