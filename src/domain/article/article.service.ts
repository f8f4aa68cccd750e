/**
 * Reads articles: by key or slug, the root list, and the articles of many entities at once. Plain SQL returning
 * rows (no entity hydration): these are the hottest paths of every nested query.
 */
import type { Database } from "../../db/data-source";
import { keysetSql, pageRequest, toPage, encodeCursor, type ConnectionArgs, type Page, type PageRequest } from "../pagination/connection";
import { ARTICLE_COLUMNS, type ArticleRow } from "./article.type";

/** Name of the default article ordering, carried in cursors. */
export const PUBLISHED_ORDER = "published-desc";
/** SQL sort keys of the default ordering: newest first, undated last (as -infinity), then id. */
const PUBLISHED_KEYS = ["coalesce(a.published_at, '-infinity'::timestamptz)", "a.id"];
const PUBLISHED_CASTS = ["::timestamptz", "::bigint"];

/** A cursor's key values for the default ordering. */
function publishedCursor(row: ArticleRow): string {
  return encodeCursor(PUBLISHED_ORDER, [row.published_at ? row.published_at.toISOString() : "-infinity", String(row.id)]);
}

function validPublishedKey(v: unknown[]): boolean {
  return (
    v.length === 2 &&
    typeof v[0] === "string" &&
    (v[0] === "-infinity" || (/^\d{4}-\d\d-\d\dT/.test(v[0]) && !Number.isNaN(Date.parse(v[0])))) &&
    typeof v[1] === "string" &&
    /^[0-9]{1,18}$/.test(v[1])
  );
}

/** Validates the pagination arguments of an article list in the default ordering. */
export function articlePageRequest(args: ConnectionArgs): PageRequest {
  return pageRequest(args, PUBLISHED_ORDER, validPublishedKey);
}

/** Articles by database key, in no particular order. */
export async function articlesByKeys(db: Database, keys: readonly string[]): Promise<ArticleRow[]> {
  return db.dataSource.query(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = ANY($1::bigint[])`, [keys]);
}

/** Articles by slug, in no particular order. */
export async function articlesBySlugs(db: Database, slugs: readonly string[]): Promise<ArticleRow[]> {
  return db.dataSource.query(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.slug = ANY($1::text[])`, [slugs]);
}

/** One page of all articles in the default ordering. */
export async function listArticles(db: Database, request: PageRequest): Promise<Page<ArticleRow>> {
  const ks = keysetSql(request, PUBLISHED_KEYS, "DESC", PUBLISHED_CASTS, 1);
  const rows: ArticleRow[] = await db.dataSource.query(
    `SELECT ${ARTICLE_COLUMNS} FROM article a WHERE ${ks.where} ORDER BY ${ks.orderBy} LIMIT ${ks.limit}`,
    ks.params,
  );
  return toPage(rows, request, publishedCursor);
}

/** Number of articles stored. */
export async function countArticles(db: Database): Promise<number> {
  const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM article`);
  return row.n;
}

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
