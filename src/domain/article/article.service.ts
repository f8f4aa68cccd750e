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
export const PUBLISHED_KEYS = ["coalesce(a.published_at, '-infinity'::timestamptz)", "a.id"];
export const PUBLISHED_CASTS = ["::timestamptz", "::bigint"];

/** A cursor's key values for the default ordering. */
export function publishedCursor(row: ArticleRow): string {
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
