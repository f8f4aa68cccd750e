/**
 * Reads entities: by key or slug, the entities of many articles at once (ordered by salience), and aliases.
 */
import type { Database } from "../../db/data-source";
import { preparedQuery } from "../../db/raw-query";
import type { EntityKind } from "../../ingest/types";
import type { EntityRow } from "./entity.type";

/** An entity as linked to one article. */
export interface ArticleEntityRow extends EntityRow {
  article_id: string;
  salience: number;
  mention_count: number;
  /** The weak form the link was resolved from, or null when the article names the entity in full. */
  resolved_from: string | null;
}

/**
 * Entities by database key, in no particular order. The key of an entity merged into another (see
 * `entity_redirect`) answers with the survivor; `requested` is the key asked for.
 */
export async function entitiesByKeys(db: Database, keys: readonly string[]): Promise<(EntityRow & { requested: string })[]> {
  return preparedQuery(
    db,
    `SELECT k.key::text AS requested, e.id::text, e.kind, e.name, e.slug
       FROM unnest($1::bigint[]) k(key) LEFT JOIN entity_redirect r ON r.from_id = k.key
       JOIN entity e ON e.id = coalesce(r.to_id, k.key)`,
    [keys],
  );
}

/** Entities by slug, in no particular order; the slug of a merged entity answers with the survivor (`requested`: the slug asked for). */
export async function entitiesBySlugs(db: Database, slugs: readonly string[]): Promise<(EntityRow & { requested: string })[]> {
  return preparedQuery(
    db,
    `SELECT s.slug AS requested, e.id::text, e.kind, e.name, e.slug
       FROM unnest($1::text[]) s(slug)
       JOIN entity e ON e.id = coalesce((SELECT x.id FROM entity x WHERE x.slug = s.slug),
                                        (SELECT r.to_id FROM entity_redirect r WHERE r.from_slug = s.slug))`,
    [slugs],
  );
}

/**
 * Every entity of each article, most salient first (then by name), in one statement.
 *
 * @returns a list per article key (every key present)
 */
export async function entitiesOfArticles(db: Database, articleKeys: readonly string[]): Promise<Map<string, ArticleEntityRow[]>> {
  // Straight to the pool: every level of a nested query that lists entities runs this (see src/db/raw-query.ts).
  const rows = await preparedQuery<ArticleEntityRow>(
    db,
    `SELECT ae.article_id::text, ae.salience, ae.mention_count, ae.resolved_from, e.id::text, e.kind, e.name, e.slug
       FROM article_entity ae JOIN entity e ON e.id = ae.entity_id
      WHERE ae.article_id = ANY($1::bigint[])
      ORDER BY ae.article_id, ae.salience DESC, e.name, e.id`,
    [articleKeys],
  );
  const grouped = new Map<string, ArticleEntityRow[]>(articleKeys.map((k) => [k, []]));
  for (const row of rows) grouped.get(row.article_id)?.push(row);
  return grouped;
}

/** The aliases of each entity, sorted (every key present). */
export async function aliasesOfEntities(db: Database, entityKeys: readonly string[]): Promise<Map<string, string[]>> {
  const rows: { entity_id: string; alias: string }[] = await preparedQuery(
    db,
    `SELECT entity_id::text, alias FROM entity_alias WHERE entity_id = ANY($1::bigint[]) ORDER BY entity_id, alias`,
    [entityKeys],
  );
  const grouped = new Map<string, string[]>(entityKeys.map((k) => [k, []]));
  for (const r of rows) grouped.get(r.entity_id)?.push(r.alias);
  return grouped;
}

/** Filters entity rows to one kind. */
export function ofKind<T extends EntityRow>(rows: T[], kind: EntityKind): T[] {
  return rows.filter((r) => r.kind === kind);
}
