/**
 * The articles of many entities at once (Entity.articles, batched per request level): the hottest path of nested
 * queries. Plain SQL returning rows.
 */
import type { Database } from "../../db/data-source";
import { keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { ARTICLE_COLUMNS, type ArticleRow } from "./article.type";
import { PUBLISHED_CASTS, PUBLISHED_KEYS, publishedCursor } from "./article.service";

/**
 * One page of articles for each of many entities, in one statement: a LATERAL subquery per entity applies the
 * same page request (limit and cursors) to each entity's articles.
 *
 * @returns a page per entity key (every key present, possibly empty)
 */
export async function articlesOfEntities(
  db: Database,
  entityKeys: readonly string[],
  request: PageRequest,
): Promise<Map<string, Page<ArticleRow>>> {
  const ks = keysetSql(request, PUBLISHED_KEYS, "DESC", PUBLISHED_CASTS, 2);
  const rows: (ArticleRow & { parent_id: string })[] = await db.dataSource.query(
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
  return new Map([...grouped].map(([k, list]) => [k, toPage(list, request, publishedCursor)]));
}

/** Number of articles mentioning each entity (every key present). */
export async function countArticlesOfEntities(db: Database, entityKeys: readonly string[]): Promise<Map<string, number>> {
  const rows: { entity_id: string; n: number }[] = await db.dataSource.query(
    `SELECT entity_id::text, count(*)::int AS n FROM article_entity WHERE entity_id = ANY($1::bigint[]) GROUP BY entity_id`,
    [entityKeys],
  );
  const counts = new Map(entityKeys.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.entity_id, r.n);
  return counts;
}
