/**
 * The articles of many entities at once (Entity.articles, Person.timeline; batched per request level): the
 * hottest path of nested queries. Plain SQL returning rows, straight to the pool (src/db/raw-query.ts).
 */
import type { Database } from "../../db/data-source";
import { preparedQuery } from "../../db/raw-query";
import { keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { ARTICLE_COLUMNS, type ArticleRow } from "./article.type";
import { PUBLISHED_CASTS, publishedCursor } from "./article.service";

/** How one entity's articles are ordered: keyset sort keys over `article_entity ae` and `article a`. */
export interface EntityArticleOrdering {
  /** SQL sort keys, the last being unique (the article id). */
  keys: string[];
  /** SQL casts of each key's cursor parameter. */
  casts: string[];
  direction: "ASC" | "DESC";
  /** The cursor of a row in this ordering. */
  cursorOf(row: ArticleRow): string;
}

/**
 * The default article ordering (newest first, undated last, then id) read from the link table:
 * `article_entity.published_sort` is the article's `coalesce(published_at, '-infinity')` kept by trigger
 * (migration 1764800000000-loader-indexes), so these keys give the same order and the same cursor values as
 * `PUBLISHED_KEYS`, and the index `(entity_id, published_sort DESC, article_id DESC)` serves them: `limit + 1`
 * index entries per entity however many articles mention it.
 */
export const NEWEST_FIRST: EntityArticleOrdering = {
  keys: ["ae.published_sort", "ae.article_id"],
  casts: PUBLISHED_CASTS,
  direction: "DESC",
  cursorOf: publishedCursor,
};

/**
 * One page of articles for each of many entities, in one statement: a LATERAL subquery per entity applies the
 * same page request (limit and cursors) to each entity's articles.
 *
 * @param ordering how each entity's articles are ordered (default NEWEST_FIRST)
 * @returns a page per entity key (every key present, possibly empty)
 */
export async function articlesOfEntities(
  db: Database,
  entityKeys: readonly string[],
  request: PageRequest,
  ordering: EntityArticleOrdering = NEWEST_FIRST,
): Promise<Map<string, Page<ArticleRow>>> {
  const ks = keysetSql(request, ordering.keys, ordering.direction, ordering.casts, 2);
  const rows = await preparedQuery<ArticleRow & { parent_id: string }>(
    db,
    `SELECT p.id::text AS parent_id, x.*
       FROM unnest($1::bigint[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT ${ARTICLE_COLUMNS}
           FROM article_entity ae JOIN article a ON a.id = ae.article_id
          WHERE ae.entity_id = p.id AND ${ks.where}
          ORDER BY ${ks.orderBy}
          LIMIT ${ks.limit}
       ) x`,
    [entityKeys, ...ks.params],
  );
  const grouped = new Map<string, ArticleRow[]>(entityKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push(row);
  return new Map([...grouped].map(([k, list]) => [k, toPage(list, request, ordering.cursorOf)]));
}

/** Number of articles mentioning each entity (every key present). */
export async function countArticlesOfEntities(db: Database, entityKeys: readonly string[]): Promise<Map<string, number>> {
  const rows = await preparedQuery<{ entity_id: string; n: number }>(
    db,
    `SELECT entity_id::text, count(*)::int AS n FROM article_entity WHERE entity_id = ANY($1::bigint[]) GROUP BY entity_id`,
    [entityKeys],
  );
  const counts = new Map(entityKeys.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.entity_id, r.n);
  return counts;
}
