/**
 * Facets: for the articles a filter selects, the most mentioned people, organisations and places, and the
 * sources and sections, each with a count, as news search interfaces show beside results.
 */
import type { Database } from "../../db/data-source";
import { rawQuery } from "../../db/raw-query";
import type { EntityKind } from "../../ingest/types";
import { filterSql, type ResolvedFilter } from "../article/article-query";
import type { EntityRow } from "../entity/entity.type";

/** The most frequent entities of one kind among the filtered articles: count desc, then name, then id. */
export async function entityFacets(
  db: Database,
  filter: ResolvedFilter,
  kind: EntityKind,
  limit: number,
): Promise<(EntityRow & { count: number })[]> {
  const f = filterSql(filter, 3);
  return rawQuery(
    db,
    `SELECT e.id::text, e.kind, e.name, e.slug, count(*)::int AS count
       FROM article a
       JOIN article_entity ae ON ae.article_id = a.id
       JOIN entity e ON e.id = ae.entity_id AND e.kind = $1
      WHERE ${f.where}
      GROUP BY e.id
      ORDER BY count(*) DESC, e.name, e.id
      LIMIT $2`,
    [kind, limit, ...f.params],
  );
}

/** Article counts by a text column (`source` or `section`) among the filtered articles; null values as null. */
export async function valueFacets(
  db: Database,
  filter: ResolvedFilter,
  column: "source" | "section",
): Promise<{ value: string | null; count: number }[]> {
  const f = filterSql(filter, 1);
  return rawQuery(
    db,
    `SELECT a.${column} AS value, count(*)::int AS count FROM article a WHERE ${f.where}
      GROUP BY a.${column} ORDER BY count(*) DESC, a.${column} NULLS LAST`,
    f.params,
  );
}
