/**
 * Quality figures of related stories over an ingested corpus (used by `npm run eval:related`): duplicate pairs
 * detected, precision@k of related stories by section, the share of related edges explained by a shared entity,
 * and the best score of a chosen article against a set of others. Plain SQL over the stored pairs, in the order
 * `Article.related` serves them (score descending, then id).
 */
import type { Queryable } from "./components";

/** A known duplicate pair, by source key, and whether its texts are byte-identical. */
export interface KnownDuplicate {
  a: string;
  b: string;
  identical: boolean;
}

/**
 * Reads the duplicate pairs a corpus's SOURCE.md lists, lines such as
 * `` - `business/215.txt` = `business/494.txt` — identical `` (anything else after the dash: not identical).
 *
 * @param prefix prepended to each path to make the source key (e.g. `bbc-news/`)
 */
export function parseKnownDuplicates(sourceMd: string, prefix: string): KnownDuplicate[] {
  const out: KnownDuplicate[] = [];
  for (const m of sourceMd.matchAll(/^- `([^`]+)` = `([^`]+)` — (.*)$/gm)) {
    out.push({ a: prefix + m[1], b: prefix + m[2], identical: /^identical\b/.test(m[3].trim()) });
  }
  return out;
}

/** Whether each known pair is stored as a duplicate (null when either article is missing). */
export async function detectedDuplicates(q: Queryable, pairs: KnownDuplicate[]): Promise<(boolean | null)[]> {
  const out: (boolean | null)[] = [];
  for (const p of pairs) {
    const [row] = await q.query(
      `SELECT a.id AS a, b.id AS b, EXISTS (SELECT 1 FROM article_duplicate d WHERE d.article_id = a.id AND d.duplicate_id = b.id) AS found
         FROM article a, article b WHERE a.source_key = $1 AND b.source_key = $2`,
      [p.a, p.b],
    );
    out.push(row ? Boolean(row.found) : null);
  }
  return out;
}

/** Precision@k by section for the stories of each given section. */
export interface SectionPrecision {
  section: string;
  /** Stories of that section. */
  stories: number;
  /** Related edges looked at (at most k per story). */
  retrieved: number;
  /** Of those, edges to a story of the same section. */
  hits: number;
}

/** Precision@k of related stories by section: per section, how many of each story's top k share its section. */
export async function precisionBySection(q: Queryable, sections: string[], k: number): Promise<SectionPrecision[]> {
  const rows: SectionPrecision[] = await q.query(
    `SELECT a.section, count(DISTINCT a.id)::int AS stories, count(x.related_id)::int AS retrieved,
            count(x.related_id) FILTER (WHERE x.section IS NOT DISTINCT FROM a.section)::int AS hits
       FROM article a
       LEFT JOIN LATERAL (
         SELECT r.related_id, b.section FROM article_related r JOIN article b ON b.id = r.related_id
          WHERE r.article_id = a.id ORDER BY r.score DESC, r.related_id LIMIT $2
       ) x ON TRUE
      WHERE a.section = ANY($1::text[])
      GROUP BY a.section ORDER BY a.section`,
    [sections, k],
  );
  return rows;
}

/** Share of stored related edges with at least one SHARED_* reason, and the number of edges. */
export async function sharedReasonShare(q: Queryable): Promise<{ edges: number; withShared: number }> {
  const [row] = await q.query(
    `SELECT count(*)::int AS edges,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM article_related_reason x
               WHERE x.low_id = least(r.article_id, r.related_id) AND x.high_id = greatest(r.article_id, r.related_id)
                 AND x.kind LIKE 'SHARED%'))::int AS "withShared"
       FROM article_related r`,
  );
  return row;
}

/** The related stories of one article among those whose source key starts with `prefix`, best first. */
export async function relatedAmong(
  q: Queryable,
  sourceKey: string,
  prefix: string,
): Promise<{ sourceKey: string; headline: string; score: number }[]> {
  const rows: { source_key: string; headline: string; score: number }[] = await q.query(
    `SELECT b.source_key, b.headline, r.score FROM article a
       JOIN article_related r ON r.article_id = a.id JOIN article b ON b.id = r.related_id
      WHERE a.source_key = $1 AND starts_with(b.source_key, $2)
      ORDER BY r.score DESC, r.related_id`,
    [sourceKey, prefix],
  );
  return rows.map((r) => ({ sourceKey: r.source_key, headline: r.headline, score: Number(r.score) }));
}

/** Every stored duplicate pair (once, lower id first) with its source keys, headlines and text similarity. */
export async function allDuplicates(q: Queryable): Promise<{ a: string; b: string; headlineA: string; headlineB: string; similarity: number }[]> {
  const rows: { a: string; b: string; ha: string; hb: string; similarity: number }[] = await q.query(
    `SELECT a.source_key AS a, b.source_key AS b, a.headline AS ha, b.headline AS hb, d.similarity
       FROM article_duplicate d JOIN article a ON a.id = d.article_id JOIN article b ON b.id = d.duplicate_id
      WHERE d.article_id < d.duplicate_id ORDER BY a.source_key, b.source_key`,
  );
  return rows.map((r) => ({ a: r.a, b: r.b, headlineA: r.ha, headlineB: r.hb, similarity: Number(r.similarity) }));
}
