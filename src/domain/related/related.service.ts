/**
 * Reads stored related pairs, their reasons and duplicates for many articles at once (one statement per
 * request level). The pairs are written by src/related (on ingestion and by related:rebuild).
 */
import type { Database } from "../../db/data-source";
import { preparedQuery } from "../../db/raw-query";
import { ARTICLE_COLUMNS, type ArticleRow } from "../article/article.type";
import { encodeCursor, keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { isIdValue } from "../graph/graph.args";
import type { ReasonKind } from "../../related/score";

/** Name of the related-story ordering, carried in cursors: score descending, then related id ascending. */
export const RELATED_ORDER = "related-score";

/** A related article row: the article plus the pair's score. */
export interface RelatedRow extends ArticleRow {
  score: number;
}

/** A stored reason row. */
export interface ReasonRow {
  kind: ReasonKind;
  entity_id: string | null;
  weight: number;
}

/** Validates a related cursor's values: [score (0–1), related id]. */
export function validRelatedKey(v: unknown[]): boolean {
  return v.length === 2 && typeof v[0] === "number" && v[0] >= 0 && v[0] <= 1 && isIdValue(v[1]);
}

/** The cursor of a related row. */
export function relatedCursor(row: RelatedRow): string {
  return encodeCursor(RELATED_ORDER, [row.score, String(row.id)]);
}

/** The key of an unordered pair as reasons are stored: `low:high`. */
export function pairKey(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * One page of related stories for each of many articles, in one statement (a LATERAL subquery per article),
 * best first then by id. Keyset over (score, −related_id) descending, i.e. score descending, id ascending.
 *
 * @param minScore only pairs scoring at least this
 * @returns a page per article key (every key present)
 */
export async function relatedOfArticles(
  db: Database,
  articleKeys: readonly string[],
  request: PageRequest,
  minScore: number,
): Promise<Map<string, Page<RelatedRow>>> {
  const shifted: PageRequest = { ...request, after: request.after && [request.after[0], `-${request.after[1]}`], before: null };
  const ks = keysetSql(shifted, ["r.score", "-r.related_id"], "DESC", ["::float8", "::bigint"], 3);
  const rows: (RelatedRow & { parent_id: string })[] = await preparedQuery(
    db,
    `SELECT p.id::text AS parent_id, x.*
       FROM unnest($1::bigint[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT ${ARTICLE_COLUMNS}, r.score
           FROM article_related r JOIN article a ON a.id = r.related_id
          WHERE r.article_id = p.id AND r.score >= $2 AND ${ks.where}
          ORDER BY ${ks.orderBy}
          LIMIT ${ks.limit}
       ) x`,
    [articleKeys, minScore, ...ks.params],
  );
  const grouped = new Map<string, RelatedRow[]>(articleKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push({ ...row, score: Number(row.score) });
  return new Map([...grouped].map(([k, list]) => [k, toPage(list, request, relatedCursor)]));
}

/**
 * The reasons of many pairs (keys `low:high`), heaviest first, in one statement.
 *
 * @returns a list per pair key (every key present)
 */
export async function reasonsOfPairs(db: Database, pairKeys: readonly string[]): Promise<Map<string, ReasonRow[]>> {
  const lows = pairKeys.map((k) => k.split(":")[0]);
  const highs = pairKeys.map((k) => k.split(":")[1]);
  const rows: (ReasonRow & { pair: string })[] = await preparedQuery(
    db,
    `SELECT x.low_id::text || ':' || x.high_id::text AS pair, x.kind, x.entity_id::text AS entity_id, x.weight
       FROM unnest($1::bigint[], $2::bigint[]) AS p(low, high)
       JOIN article_related_reason x ON x.low_id = p.low AND x.high_id = p.high
      ORDER BY x.low_id, x.high_id, x.weight DESC, x.id`,
    [lows, highs],
  );
  const grouped = new Map<string, ReasonRow[]>(pairKeys.map((k) => [k, []]));
  for (const r of rows) grouped.get(r.pair)?.push({ kind: r.kind, entity_id: r.entity_id, weight: Number(r.weight) });
  return grouped;
}

/**
 * The duplicates of many articles (other source keys carrying the same story), oldest-ingested first.
 *
 * @returns a list per article key (every key present)
 */
export async function duplicatesOfArticles(db: Database, articleKeys: readonly string[]): Promise<Map<string, ArticleRow[]>> {
  const rows: (ArticleRow & { parent_id: string })[] = await preparedQuery(
    db,
    `SELECT d.article_id::text AS parent_id, ${ARTICLE_COLUMNS}
       FROM article_duplicate d JOIN article a ON a.id = d.duplicate_id
      WHERE d.article_id = ANY($1::bigint[])
      ORDER BY d.article_id, a.id`,
    [articleKeys],
  );
  const grouped = new Map<string, ArticleRow[]>(articleKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push(row);
  return grouped;
}
