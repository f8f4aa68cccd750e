/**
 * Reads entities: by key or slug, the entities of many articles at once (ordered by salience), and aliases.
 */
import type { Database } from "../../db/data-source";
import type { EntityKind } from "../../ingest/types";
import type { EntityRow } from "./entity.type";

/** An entity as linked to one article. */
export interface ArticleEntityRow extends EntityRow {
  article_id: string;
  salience: number;
  mention_count: number;
}

/** Entities by database key, in no particular order. */
export async function entitiesByKeys(db: Database, keys: readonly string[]): Promise<EntityRow[]> {
  return db.dataSource.query(`SELECT id::text, kind, name, slug FROM entity WHERE id = ANY($1::bigint[])`, [keys]);
}

/** Entities by slug, in no particular order. */
export async function entitiesBySlugs(db: Database, slugs: readonly string[]): Promise<EntityRow[]> {
  return db.dataSource.query(`SELECT id::text, kind, name, slug FROM entity WHERE slug = ANY($1::text[])`, [slugs]);
}

/**
 * Every entity of each article, most salient first (then by name), in one statement.
 *
 * @returns a list per article key (every key present)
 */
export async function entitiesOfArticles(db: Database, articleKeys: readonly string[]): Promise<Map<string, ArticleEntityRow[]>> {
  const rows: ArticleEntityRow[] = await db.dataSource.query(
    `SELECT ae.article_id::text, ae.salience, ae.mention_count, e.id::text, e.kind, e.name, e.slug
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
  const rows: { entity_id: string; alias: string }[] = await db.dataSource.query(
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
