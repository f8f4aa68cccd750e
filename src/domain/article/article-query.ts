/**
 * Article filters and orderings → SQL. The one place that knows how `ArticleFilter` and `ArticleOrder` become a
 * WHERE clause and keyset sort keys; lists, counts, facets and highlights all build on it, so a filter means the
 * same thing everywhere.
 */
import { BadUserInputError } from "../../errors";
import { expectGlobalId } from "../node/global-id";
import { encodeCursor } from "../pagination/connection";
import { ArticleOrderField, EntityMatch, OrderDirection, type ArticleFilter, type ArticleOrder } from "./article.inputs";
import type { ArticleRow } from "./article.type";

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_LENGTH = 500;
/** Most entity IDs one filter may name (people, organisations and places together). */
export const MAX_FILTER_ENTITIES = 50;

/** A filter with its IDs decoded and its values checked. */
export interface ResolvedFilter {
  search: string | null;
  /** Database keys of the entities named by `people`, `organisations` and `places`. */
  entityKeys: string[];
  entityMatch: EntityMatch;
  source: string | null;
  section: string | null;
  publishedAfter: Date | null;
  publishedBefore: Date | null;
  updatedSince: Date | null;
}

/** The empty filter: every article. */
export const NO_FILTER: ResolvedFilter = {
  search: null,
  entityKeys: [],
  entityMatch: EntityMatch.ALL,
  source: null,
  section: null,
  publishedAfter: null,
  publishedBefore: null,
  updatedSince: null,
};

/**
 * Checks and decodes a client's filter.
 *
 * @throws BadUserInputError for an entity ID of the wrong type or malformed, a blank or over-long search, or too many IDs
 */
export function resolveFilter(filter: ArticleFilter | null | undefined): ResolvedFilter {
  if (!filter) return NO_FILTER;
  let search = filter.search ?? null;
  if (search !== null) {
    search = search.normalize("NFC").trim();
    if (!search) throw new BadUserInputError('Argument "filter.search" must contain at least one word.');
    if (search.length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError(`Argument "filter.search" must be at most ${MAX_SEARCH_LENGTH} characters, but got: ${search.length}`);
    }
  }
  const ids = [
    ...(filter.people ?? []).map((id) => expectGlobalId(id, ["Person"], "filter.people").key),
    ...(filter.organisations ?? []).map((id) => expectGlobalId(id, ["Organisation"], "filter.organisations").key),
    ...(filter.places ?? []).map((id) => expectGlobalId(id, ["Place"], "filter.places").key),
  ];
  if (ids.length > MAX_FILTER_ENTITIES) {
    throw new BadUserInputError(`A filter may name at most ${MAX_FILTER_ENTITIES} entities, but got: ${ids.length}`);
  }
  return {
    search,
    entityKeys: [...new Set(ids)],
    entityMatch: filter.entityMatch ?? EntityMatch.ALL,
    source: filter.source ?? null,
    section: filter.section ?? null,
    publishedAfter: filter.publishedAfter ?? null,
    publishedBefore: filter.publishedBefore ?? null,
    updatedSince: filter.updatedSince ?? null,
  };
}

/** The SQL of a filter over `article a`. */
export interface FilterSql {
  /** A condition (never empty: `TRUE` when nothing filters). */
  where: string;
  params: unknown[];
  /** The tsquery expression when searching (uses a parameter in `params`), else null. */
  tsquery: string | null;
}

/** The tsquery of a search text: web-search syntax, English stemming, accents removed. */
export function tsqueryOf(param: string): string {
  return `websearch_to_tsquery('english'::regconfig, storygraph_unaccent(${param}))`;
}

/**
 * Builds the WHERE clause of a filter.
 *
 * @param firstParam number of the first `$n` placeholder it may use
 */
export function filterSql(f: ResolvedFilter, firstParam = 1): FilterSql {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const conditions: string[] = [];
  let tsquery: string | null = null;
  if (f.search) {
    tsquery = tsqueryOf(p(f.search));
    conditions.push(`a.search_vector @@ ${tsquery}`);
  }
  if (f.entityKeys.length) {
    if (f.entityMatch === EntityMatch.ANY) {
      conditions.push(`EXISTS (SELECT 1 FROM article_entity ae WHERE ae.article_id = a.id AND ae.entity_id = ANY(${p(f.entityKeys)}::bigint[]))`);
    } else {
      // ALL: the article links every entity; count the distinct matches.
      conditions.push(
        `(SELECT count(*) FROM article_entity ae WHERE ae.article_id = a.id AND ae.entity_id = ANY(${p(f.entityKeys)}::bigint[])) = ${f.entityKeys.length}`,
      );
    }
  }
  if (f.source !== null) conditions.push(`a.source = ${p(f.source)}`);
  if (f.section !== null) conditions.push(`a.section = ${p(f.section)}`);
  if (f.publishedAfter) conditions.push(`a.published_at >= ${p(f.publishedAfter)}::timestamptz`);
  if (f.publishedBefore) conditions.push(`a.published_at < ${p(f.publishedBefore)}::timestamptz`);
  if (f.updatedSince) conditions.push(`a.updated_at >= ${p(f.updatedSince)}::timestamptz`);
  return { where: conditions.length ? conditions.join(" AND ") : "TRUE", params, tsquery };
}

/**
 * An article's publication time as a cursor key: ISO 8601 at UTC, or `missing` (`-infinity`/`infinity`, where the
 * ordering sorts undated articles) when it has none.
 */
export function publishedKey(publishedMs: number | null, missing: "-infinity" | "infinity"): string {
  return publishedMs !== null ? new Date(publishedMs).toISOString() : missing;
}

/** An article row with its search rank when the query searched. */
export type RankedArticleRow = ArticleRow & { rank?: number | null };

/** A keyset ordering of articles. */
export interface ArticleOrdering {
  /** Carried in cursors; a cursor of another ordering is refused. */
  name: string;
  /** SQL sort keys, ending with the primary key. `RANK` stands for the rank expression. */
  keys: string[];
  casts: string[];
  direction: "ASC" | "DESC";
  cursorOf(row: RankedArticleRow): string;
  validate(values: unknown[]): boolean;
}

const isId = (v: unknown) => typeof v === "string" && /^[0-9]{1,18}$/.test(v);
const isTime = (v: unknown) =>
  typeof v === "string" && (v === "-infinity" || v === "infinity" || (/^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v))));

/**
 * The ordering for an `orderBy` argument.
 *
 * @param fallback the field used when `orderBy` is absent
 * @throws BadUserInputError for RELEVANCE without a search
 */
export function articleOrdering(order: ArticleOrder | null | undefined, searching: boolean, fallback = ArticleOrderField.PUBLISHED_AT): ArticleOrdering {
  const field = order?.field ?? fallback;
  const direction = order?.direction ?? OrderDirection.DESC;
  const name = `${field}-${direction}`.toLowerCase();
  switch (field) {
    case ArticleOrderField.RELEVANCE: {
      if (!searching) throw new BadUserInputError("Ordering by RELEVANCE needs a full-text search: give `filter.search` too.");
      return {
        name,
        keys: ["RANK", "a.id"],
        casts: ["::real", "::bigint"],
        direction,
        cursorOf: (row) => encodeCursor(name, [row.rank ?? 0, String(row.id)]),
        validate: (v) => v.length === 2 && typeof v[0] === "number" && Number.isFinite(v[0]) && isId(v[1]),
      };
    }
    case ArticleOrderField.HEADLINE:
      return {
        name,
        keys: ["a.headline", "a.id"],
        casts: ["::text", "::bigint"],
        direction,
        cursorOf: (row) => encodeCursor(name, [row.headline, String(row.id)]),
        validate: (v) => v.length === 2 && typeof v[0] === "string" && v[0].length <= 10_000 && isId(v[1]),
      };
    default: {
      // Undated articles last in both directions: -infinity sorts last when descending, +infinity when ascending.
      const missing = direction === OrderDirection.DESC ? "-infinity" : "infinity";
      return {
        name,
        keys: [`coalesce(a.published_at, '${missing}'::timestamptz)`, "a.id"],
        casts: ["::timestamptz", "::bigint"],
        direction,
        cursorOf: (row) => encodeCursor(name, [publishedKey(row.published_ms, missing), String(row.id)]),
        validate: (v) => v.length === 2 && isTime(v[0]) && isId(v[1]),
      };
    }
  }
}
