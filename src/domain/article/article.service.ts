/**
 * Reads articles: by key or slug, and filtered, ordered pages of them with counts and search highlights. Plain SQL returning
 * rows (no entity hydration): these are the hottest paths of every nested query.
 */
import type { Database } from "../../db/data-source";
import { keysetSql, pageRequest, toPage, encodeCursor, type ConnectionArgs, type Page, type PageRequest } from "../pagination/connection";
import { preparedQuery, rawQuery } from "../../db/raw-query";
import { ARTICLE_COLUMNS, ARTICLE_COLUMNS_WITH_TEXT, ARTICLE_TEXT_COLUMNS, type ArticleRow, type ArticleText } from "./article.type";
import { filterSql, publishedKey, tsqueryOf, type ArticleOrdering, type RankedArticleRow, type ResolvedFilter } from "./article-query";

/** Name of the default article ordering, carried in cursors. */
export const PUBLISHED_ORDER = "published_at-desc";
/** SQL sort keys of the default ordering: newest first, undated last (as -infinity), then id. */
export const PUBLISHED_KEYS = ["coalesce(a.published_at, '-infinity'::timestamptz)", "a.id"];
export const PUBLISHED_CASTS = ["::timestamptz", "::bigint"];

/** A cursor's key values for the default ordering. */
export function publishedCursor(row: ArticleRow): string {
  return encodeCursor(PUBLISHED_ORDER, [publishedKey(row.published_ms, "-infinity"), String(row.id)]);
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

/** Articles by database key, with their text, in no particular order. */
export async function articlesByKeys(db: Database, keys: readonly string[]): Promise<ArticleRow[]> {
  return preparedQuery(db, `SELECT ${ARTICLE_COLUMNS_WITH_TEXT} FROM article a WHERE a.id = ANY($1::bigint[])`, [keys]);
}

/** Articles by slug, with their text, in no particular order. */
export async function articlesBySlugs(db: Database, slugs: readonly string[]): Promise<ArticleRow[]> {
  return preparedQuery(db, `SELECT ${ARTICLE_COLUMNS_WITH_TEXT} FROM article a WHERE a.slug = ANY($1::text[])`, [slugs]);
}

/** The text of articles by database key, with their key, in no particular order (none for deleted articles). */
export async function articleTextsByKeys(db: Database, keys: readonly string[]): Promise<(ArticleText & { id: string })[]> {
  return preparedQuery(db, `SELECT a.id, ${ARTICLE_TEXT_COLUMNS} FROM article a WHERE a.id = ANY($1::bigint[])`, [keys]);
}

/**
 * One page of the articles matching a filter, in an ordering. When the filter searches, each row carries its
 * rank (`ts_rank_cd` over the weighted search vector, normalised by document length: 0 = no match, higher is
 * better, typically below 1).
 */
export async function listArticles(
  db: Database,
  filter: ResolvedFilter,
  ordering: ArticleOrdering,
  request: PageRequest,
): Promise<Page<RankedArticleRow>> {
  const f = filterSql(filter, 1);
  const rank = f.tsquery ? `ts_rank_cd(a.search_vector, ${f.tsquery}, 1)` : "NULL::real";
  const keys = ordering.keys.map((k) => (k === "RANK" ? rank : k));
  const ks = keysetSql(request, keys, ordering.direction, ordering.casts, f.params.length + 1);
  // Unfiltered, the plan is the ordering's index scan whatever the cursor: prepare it. A filter's best plan
  // depends on its values (how many articles a search or a date range matches): plan it every time.
  const rows = await (f.where === "TRUE" ? preparedQuery : rawQuery)<RankedArticleRow>(
    db,
    `SELECT ${ARTICLE_COLUMNS}, ${rank} AS rank FROM article a
      WHERE ${f.where} AND ${ks.where}
      ORDER BY ${ks.orderBy} LIMIT ${ks.limit}`,
    [...f.params, ...ks.params],
  );
  return toPage(rows, request, ordering.cursorOf);
}

/** Number of articles matching a filter. */
export async function countArticles(db: Database, filter: ResolvedFilter): Promise<number> {
  const f = filterSql(filter, 1);
  const [row] = await rawQuery<{ n: number }>(db, `SELECT count(*)::int AS n FROM article a WHERE ${f.where}`, f.params);
  return row.n;
}

/** SQL that HTML-escapes a text column (null → empty). */
function htmlEscaped(column: string): string {
  return `replace(replace(replace(replace(replace(coalesce(${column}, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;
}

/**
 * HTML-safe highlights of a search in many articles, one statement: the article text (headline, body, caption)
 * HTML-escaped, then `ts_headline` wraps matches in `<mark>…</mark>` (PostgreSQL's parser reads `&amp;` and
 * the like as entities, so escaping does not break matching). Up to 3 fragments of 10–30 words joined by " … ".
 *
 * @returns a highlight per article key (every key present; null when nothing matched)
 */
export async function highlightArticles(db: Database, search: string, keys: readonly string[]): Promise<Map<string, string | null>> {
  const rows: { id: string; highlight: string }[] = await rawQuery(
    db,
    `SELECT a.id::text AS id,
            ts_headline('english'::regconfig,
                        ${htmlEscaped("a.headline")} || ' — ' || ${htmlEscaped("a.body")} || ' ' || ${htmlEscaped("a.photo_caption")},
                        ${tsqueryOf("$2")},
                        'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=3, FragmentDelimiter=" … "') AS highlight
       FROM article a WHERE a.id = ANY($1::bigint[])`,
    [keys, search],
  );
  const out = new Map<string, string | null>(keys.map((k) => [k, null]));
  for (const r of rows) out.set(r.id, r.highlight.includes("<mark>") ? r.highlight : null);
  return out;
}
