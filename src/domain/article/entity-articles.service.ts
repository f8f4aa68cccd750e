/**
 * The articles of many entities at once (Entity.articles, batched per request level): the hottest path of nested
 * queries. Plain SQL returning rows.
 */
import type { Database } from "../../db/data-source";
import { rawQuery } from "../../db/raw-query";
import { keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { ARTICLE_COLUMNS, type ArticleRow } from "./article.type";
import { PUBLISHED_CASTS, publishedCursor } from "./article.service";

/**
 * The default article ordering read from the link table: `article_entity.published_sort` is the article's
 * `coalesce(published_at, '-infinity')` kept by trigger (migration 1764800000000-loader-indexes), so these keys
 * give the same order and the same cursor values as `PUBLISHED_KEYS`, and the index
 * `(entity_id, published_sort DESC, article_id DESC)` serves them.
 */
const LINK_PUBLISHED_KEYS = ["ae.published_sort", "ae.article_id"];

/**
 * ARTICLE_COLUMNS with `paragraphs` sent as JSON: node-postgres decodes a `text[]` with a JavaScript parser
 * (postgres-array), several times slower than the native `JSON.parse` it uses for `json`; a nested page returns
 * up to 100 articles per level, and that parser was the costliest library function in the CPU profile of Q2
 * (bench/).
 */
const PAGE_COLUMNS = ARTICLE_COLUMNS.replace(/(^|, )a\.paragraphs(?=,|$)/, "$1to_json(a.paragraphs) AS paragraphs");

/**
 * One page of articles for each of many entities, in one statement: a LATERAL subquery per entity applies the
 * same page request (limit and cursors) to each entity's articles, reading `limit + 1` index entries per entity
 * however many articles mention it, then the articles by primary key.
 *
 * @returns a page per entity key (every key present, possibly empty)
 */
export async function articlesOfEntities(
  db: Database,
  entityKeys: readonly string[],
  request: PageRequest,
): Promise<Map<string, Page<ArticleRow>>> {
  const ks = keysetSql(request, LINK_PUBLISHED_KEYS, "DESC", PUBLISHED_CASTS, 2);
  // Straight to the pool (src/db/raw-query.ts): this runs once per nested level of every such query.
  const rows = await rawQuery<ArticleRow & { parent_id: string }>(
    db,
    `SELECT p.id::text AS parent_id, x.*
       FROM unnest($1::bigint[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT ${PAGE_COLUMNS}
           FROM article_entity ae JOIN article a ON a.id = ae.article_id
          WHERE ae.entity_id = p.id AND ${ks.where}
          ORDER BY ${ks.orderBy}
          LIMIT ${ks.limit}
       ) x`,
    [entityKeys, ...ks.params],
  );
  const grouped = new Map<string, ArticleRow[]>(entityKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push(row);
  return new Map([...grouped].map(([k, list]) => [k, toPage(list, request, publishedCursor)]));
}

/** Number of articles mentioning each entity (every key present). */
export async function countArticlesOfEntities(db: Database, entityKeys: readonly string[]): Promise<Map<string, number>> {
  const rows = await rawQuery<{ entity_id: string; n: number }>(
    db,
    `SELECT entity_id::text, count(*)::int AS n FROM article_entity WHERE entity_id = ANY($1::bigint[]) GROUP BY entity_id`,
    [entityKeys],
  );
  const counts = new Map(entityKeys.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.entity_id, r.n);
  return counts;
}
