import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search and filters over articles.
 *
 * - `search_vector`: a stored generated tsvector (English configuration) over the headline (weight A), body (B)
 *   and photo caption (C), with a GIN index; `unaccent` is applied through an immutable wrapper so "José" and
 *   "Jose" match. Generated columns keep it right on every insert and update without triggers.
 * - indexes for the article filters: source, section, updated_at (sync clients), and the article ordering by
 *   headline.
 */
export class ArticleSearch1764500000000 implements MigrationInterface {
  name = "ArticleSearch1764500000000";

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (it reads a dictionary by name), which generated columns and indexes refuse;
    // naming the dictionary explicitly makes the result depend on its arguments alone. Everything is
    // schema-qualified because PostgreSQL 17+ runs index builds with search_path = pg_catalog.
    const [{ schema }] = await q.query(
      `SELECT quote_ident(n.nspname) AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION storygraph_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT ${schema}.unaccent('${schema}.unaccent'::regdictionary, $1) $$`);
    await q.query(`
      ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, storygraph_unaccent(coalesce(headline, ''))), 'A') ||
        setweight(to_tsvector('english'::regconfig, storygraph_unaccent(coalesce(body, ''))), 'B') ||
        setweight(to_tsvector('english'::regconfig, storygraph_unaccent(coalesce(photo_caption, ''))), 'C')
      ) STORED`);
    await q.query(`CREATE INDEX article_search_idx ON article USING gin (search_vector)`);
    await q.query(`CREATE INDEX article_source_idx ON article (source)`);
    await q.query(`CREATE INDEX article_section_idx ON article (section)`);
    await q.query(`CREATE INDEX article_updated_idx ON article (updated_at, id)`);
    await q.query(`CREATE INDEX article_headline_idx ON article (headline, id)`);
    // Typo- and accent-tolerant entity name search (pg_trgm over the unaccented, lower-cased name).
    const [{ trgm }] = await q.query(
      `SELECT quote_ident(n.nspname) AS trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    const [{ here }] = await q.query(`SELECT quote_ident(current_schema()) AS here`);
    await q.query(`CREATE INDEX entity_name_trgm_idx ON entity USING gin ((lower(${here}.storygraph_unaccent(name))) ${trgm}.gin_trgm_ops)`);
    await q.query(`CREATE INDEX entity_kind_name_idx ON entity (kind, name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX entity_kind_name_idx`);
    await q.query(`DROP INDEX entity_name_trgm_idx`);
    await q.query(`DROP INDEX article_headline_idx`);
    await q.query(`DROP INDEX article_updated_idx`);
    await q.query(`DROP INDEX article_section_idx`);
    await q.query(`DROP INDEX article_source_idx`);
    await q.query(`DROP INDEX article_search_idx`);
    await q.query(`ALTER TABLE article DROP COLUMN search_vector`);
    await q.query(`DROP FUNCTION storygraph_unaccent(text)`);
  }
}
