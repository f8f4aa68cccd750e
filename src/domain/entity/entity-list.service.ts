/**
 * Lists of entities: the root `people`, `organisations` and `places` connections and the entity half of
 * `search`. Name matching is accent-, case- and typo-tolerant (unaccent + pg_trgm word similarity).
 */
import type { Database } from "../../db/data-source";
import { rawQuery } from "../../db/raw-query";
import { BadUserInputError } from "../../errors";
import type { EntityKind } from "../../ingest/types";
import { OrderDirection } from "../article/article.inputs";
import { encodeCursor, keysetSql, toPage, type Page, type PageRequest } from "../pagination/connection";
import { EntityOrderField, type EntityFilter, type EntityOrder } from "./entity.inputs";
import type { EntityRow } from "./entity.type";

/** Lowest pg_trgm word similarity at which a name counts as matching a typed search ("Lavrof" ~ "Lavrov"). */
export const NAME_SIMILARITY_THRESHOLD = 0.5;
/** Longest name search accepted, in characters. */
export const MAX_NAME_SEARCH_LENGTH = 200;

/** A checked entity filter. */
export interface ResolvedEntityFilter {
  /** One kind, or null for all three. */
  kind: EntityKind | null;
  nameContains: string | null;
  minArticles: number | null;
}

/**
 * Checks a client's entity filter.
 *
 * @throws BadUserInputError for a blank or over-long name, or `minArticles` below 1
 */
export function resolveEntityFilter(kind: EntityKind | null, filter: EntityFilter | null | undefined): ResolvedEntityFilter {
  let name = filter?.nameContains ?? null;
  if (name !== null) {
    name = name.normalize("NFC").trim();
    if (!name || name.length > MAX_NAME_SEARCH_LENGTH) {
      throw new BadUserInputError(`Argument "nameContains" must be 1–${MAX_NAME_SEARCH_LENGTH} characters, but got ${name.length}.`);
    }
  }
  const min = filter?.minArticles ?? null;
  if (min !== null && min < 1) throw new BadUserInputError(`Argument "minArticles" must be at least 1, but got: ${min}`);
  return { kind, nameContains: name, minArticles: min };
}

/** An entity row with its article count and, when searching by name, its match score. */
export type ListedEntityRow = EntityRow & { article_count: number; score: number | null };

/** A keyset ordering of entities. */
export interface EntityOrdering {
  name: string;
  /** Sort keys; `COUNT` and `SCORE` stand for the article-count and name-score expressions. */
  keys: string[];
  casts: string[];
  direction: "ASC" | "DESC";
  cursorOf(row: ListedEntityRow): string;
  validate(values: unknown[]): boolean;
}

const isId = (v: unknown) => typeof v === "string" && /^[0-9]{1,18}$/.test(v);

/**
 * The ordering for an `orderBy` argument, or for search results (by name match score, best first).
 */
export function entityOrdering(order: EntityOrder | null | undefined, byScore = false): EntityOrdering {
  if (byScore && !order) {
    return {
      name: "score-desc",
      keys: ["SCORE", "e.id"],
      casts: ["::real", "::bigint"],
      direction: "DESC",
      cursorOf: (r) => encodeCursor("score-desc", [r.score ?? 0, String(r.id)]),
      validate: (v) => v.length === 2 && typeof v[0] === "number" && Number.isFinite(v[0]) && isId(v[1]),
    };
  }
  const field = order?.field ?? EntityOrderField.NAME;
  if (field === EntityOrderField.ARTICLE_COUNT) {
    const direction = order?.direction ?? OrderDirection.DESC;
    const name = `article_count-${direction}`.toLowerCase();
    return {
      name,
      keys: ["COUNT", "e.id"],
      casts: ["::bigint", "::bigint"],
      direction,
      cursorOf: (r) => encodeCursor(name, [r.article_count, String(r.id)]),
      validate: (v) => v.length === 2 && Number.isInteger(v[0]) && isId(v[1]),
    };
  }
  const direction = order?.direction ?? OrderDirection.ASC;
  const name = `name-${direction}`.toLowerCase();
  return {
    name,
    keys: ["e.name", "e.id"],
    casts: ["::text", "::bigint"],
    direction,
    cursorOf: (r) => encodeCursor(name, [r.name, String(r.id)]),
    validate: (v) => v.length === 2 && typeof v[0] === "string" && v[0].length <= 10_000 && isId(v[1]),
  };
}

/** The SQL of an entity filter over `entity e`, plus the count and score expressions. */
function entitySql(f: ResolvedEntityFilter, firstParam: number) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const count = `(SELECT count(*) FROM article_entity ae WHERE ae.entity_id = e.id)`;
  const conditions: string[] = [];
  let score = "NULL::real";
  if (f.kind) conditions.push(`e.kind = ${p(f.kind)}`);
  if (f.nameContains) {
    const q = p(f.nameContains);
    const norm = (x: string) => `lower(storygraph_unaccent(${x}))`;
    // LIKE wildcards in the client's text are escaped: it is matched literally.
    const pattern = `'%' || replace(replace(replace(${norm(q)}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
    const similar = `word_similarity(${norm(q)}, ${norm("e.name")})`;
    conditions.push(
      `(${norm("e.name")} LIKE ${pattern} OR ${similar} >= ${NAME_SIMILARITY_THRESHOLD}
        OR EXISTS (SELECT 1 FROM entity_alias al WHERE al.entity_id = e.id AND ${norm("al.alias")} LIKE ${pattern}))`,
    );
    score = `greatest(${similar}, CASE WHEN ${norm("e.name")} LIKE ${pattern} THEN 1 ELSE 0 END)::real`;
  }
  if (f.minArticles !== null) conditions.push(`${count} >= ${p(f.minArticles)}`);
  return { where: conditions.length ? conditions.join(" AND ") : "TRUE", params, count, score };
}

/** One page of entities matching a filter, in an ordering. */
export async function listEntities(
  db: Database,
  filter: ResolvedEntityFilter,
  ordering: EntityOrdering,
  request: PageRequest,
): Promise<Page<ListedEntityRow>> {
  const f = entitySql(filter, 1);
  const keys = ordering.keys.map((k) => (k === "COUNT" ? f.count : k === "SCORE" ? f.score : k));
  const ks = keysetSql(request, keys, ordering.direction, ordering.casts, f.params.length + 1);
  const rows: ListedEntityRow[] = await rawQuery(
    db,
    `SELECT e.id::text, e.kind, e.name, e.slug, ${f.count}::int AS article_count, ${f.score} AS score
       FROM entity e
      WHERE ${f.where} AND ${ks.where}
      ORDER BY ${ks.orderBy} LIMIT ${ks.limit}`,
    [...f.params, ...ks.params],
  );
  return toPage(rows, request, ordering.cursorOf);
}

/** Number of entities matching a filter. */
export async function countEntities(db: Database, filter: ResolvedEntityFilter): Promise<number> {
  const f = entitySql(filter, 1);
  const [row] = await rawQuery<{ n: number }>(db, `SELECT count(*)::int AS n FROM entity e WHERE ${f.where}`, f.params);
  return row.n;
}
