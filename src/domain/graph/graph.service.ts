/**
 * The entity graph: who appears with whom (co-mentions), the stories two entities share, and a person's
 * stories in publication order. Each function answers many parents in one statement (LATERAL per parent).
 *
 * A story stored twice under different source keys (see `Article.duplicates`) counts once: of each duplicate
 * group only the article with the lowest id is counted and listed.
 */
import type { Database } from "../../db/data-source";
import { preparedQuery } from "../../db/raw-query";
import { ARTICLE_COLUMNS, type ArticleRow } from "../article/article.type";
import { publishedKey } from "../article/article-query";
import { articlesOfEntities, type EntityArticleOrdering } from "../article/entity-articles.service";
import type { EntityRow } from "../entity/entity.type";
import { encodeCursor, keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { isIdValue } from "./graph.args";

/** Name of the co-mention ordering, carried in cursors: count descending, then entity id ascending. */
export const CO_MENTION_ORDER = "co-mention-count";
/** Name of the timeline ordering: published ascending, undated last, then id. */
export const TIMELINE_ORDER = "published-asc";

/** Publication order for timelines: oldest first, undated last (as +infinity), then id. */
const OLDEST_FIRST: EntityArticleOrdering = {
  keys: ["coalesce(a.published_at, 'infinity'::timestamptz)", "a.id"],
  casts: ["::timestamptz", "::bigint"],
  direction: "ASC",
  cursorOf: (r) => encodeCursor(TIMELINE_ORDER, [publishedKey(r.published_ms, "infinity"), String(r.id)]),
};

/** SQL condition: the article `alias` is not a later copy of a story stored under another key. */
const NOT_A_LATER_DUPLICATE = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM article_duplicate d WHERE d.article_id = ${alias} AND d.duplicate_id < ${alias})`;

/** An entity co-mentioned with another, and in how many stories. */
export interface CoMentionRow extends EntityRow {
  count: number;
}

/** Validates a co-mention cursor's values: [count, entity id]. */
export function validCoMentionKey(v: unknown[]): boolean {
  return v.length === 2 && Number.isInteger(v[0]) && (v[0] as number) >= 0 && isIdValue(v[1]);
}

/** Validates a timeline cursor's values: [ISO time or "infinity", article id]. */
export function validTimelineKey(v: unknown[]): boolean {
  return (
    v.length === 2 &&
    typeof v[0] === "string" &&
    (v[0] === "infinity" || (/^\d{4}-\d\d-\d\dT/.test(v[0]) && !Number.isNaN(Date.parse(v[0])))) &&
    isIdValue(v[1])
  );
}

/**
 * For each of many entities, one page of the entities mentioned in the same stories, most shared stories first,
 * then by id (keyset over (count, −id) descending), optionally of one kind.
 *
 * @returns a page per entity key (every key present)
 */
export async function coMentionedOfEntities(
  db: Database,
  entityKeys: readonly string[],
  request: PageRequest,
  kind: string | null,
): Promise<Map<string, Page<CoMentionRow>>> {
  const shifted: PageRequest = { ...request, after: request.after && [request.after[0], `-${request.after[1]}`], before: null };
  const ks = keysetSql(shifted, ["count(*)", "-e.id"], "DESC", ["::bigint", "::bigint"], 3);
  const rows: (CoMentionRow & { parent_id: string })[] = await preparedQuery(
    db,
    `SELECT p.id::text AS parent_id, x.*
       FROM unnest($1::bigint[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT e.id::text AS id, e.kind, e.name, e.slug, count(*)::int AS count
           FROM article_entity a
           JOIN article_entity b ON b.article_id = a.article_id AND b.entity_id <> a.entity_id
           JOIN entity e ON e.id = b.entity_id
          WHERE a.entity_id = p.id AND ($2::text IS NULL OR e.kind = $2::text) AND ${NOT_A_LATER_DUPLICATE("a.article_id")}
          GROUP BY e.id
         HAVING ${ks.where}
          ORDER BY ${ks.orderBy}
          LIMIT ${ks.limit}
       ) x`,
    [entityKeys, kind, ...ks.params],
  );
  const grouped = new Map<string, CoMentionRow[]>(entityKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push(row);
  return new Map([...grouped].map(([k, list]) => [k, toPage(list, request, (r) => encodeCursor(CO_MENTION_ORDER, [r.count, r.id]))]));
}

/**
 * The stories each of many entity pairs (keys `a:b`) share, newest first (undated last, then id), at most
 * `first` per pair.
 *
 * @returns a list per pair key (every key present)
 */
export async function sharedArticlesOfPairs(db: Database, pairKeys: readonly string[], first: number): Promise<Map<string, ArticleRow[]>> {
  const rows: (ArticleRow & { pair: string })[] = await preparedQuery(
    db,
    `SELECT p.a::text || ':' || p.b::text AS pair, x.*
       FROM unnest($1::bigint[], $2::bigint[]) AS p(a, b)
       CROSS JOIN LATERAL (
         SELECT ${ARTICLE_COLUMNS}
           FROM article_entity x1
           JOIN article_entity x2 ON x2.article_id = x1.article_id AND x2.entity_id = p.b
           JOIN article a ON a.id = x1.article_id
          WHERE x1.entity_id = p.a AND ${NOT_A_LATER_DUPLICATE("x1.article_id")}
          ORDER BY coalesce(a.published_at, '-infinity'::timestamptz) DESC, a.id DESC
          LIMIT $3
       ) x`,
    [pairKeys.map((k) => k.split(":")[0]), pairKeys.map((k) => k.split(":")[1]), first],
  );
  const grouped = new Map<string, ArticleRow[]>(pairKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.pair)?.push(row);
  return grouped;
}

/**
 * One page of each of many entities' stories in publication order: oldest first, undated last, then by id.
 *
 * @returns a page per entity key (every key present)
 */
export async function timelinesOfEntities(db: Database, entityKeys: readonly string[], request: PageRequest): Promise<Map<string, Page<ArticleRow>>> {
  return articlesOfEntities(db, entityKeys, { ...request, before: null }, OLDEST_FIRST);
}
