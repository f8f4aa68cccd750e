import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The access path of `Entity.articles` (a page of an entity's articles, newest first), the hottest path of nested
 * queries: one LATERAL subquery per entity in a batch, each of which must stop after `first + 1` rows even for an
 * entity mentioned in tens of thousands of stories.
 *
 * Sorting an entity's articles by the article's date needs the date beside the entity key, so the link row
 * carries a copy of the article's sort key:
 *
 * - `article_entity.published_sort` = `coalesce(article.published_at, '-infinity')`, the first key of the default
 *   article ordering (src/domain/article/article.service.ts, `PUBLISHED_KEYS`);
 * - kept right by triggers, whoever writes (ingestion, re-linking, manual SQL): a link row takes its article's
 *   value when inserted or moved to another article, and every link row of an article follows a change of its
 *   `published_at`;
 * - indexed as `(entity_id, published_sort DESC, article_id DESC)`, so a page is an index range scan that reads
 *   `first + 1` entries whatever the entity's size, plus one primary-key probe per article returned.
 *
 * Plain SQL valid on PostgreSQL 15 and PGlite (PostgreSQL 18).
 */
export class LoaderIndexes1764800000000 implements MigrationInterface {
  name = "LoaderIndexes1764800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE article_entity ADD COLUMN published_sort timestamptz NOT NULL DEFAULT '-infinity'`);
    await q.query(`
      UPDATE article_entity ae SET published_sort = coalesce(a.published_at, '-infinity'::timestamptz)
        FROM article a
       WHERE a.id = ae.article_id`);

    // A link row takes its article's sort key when written (insert, or an update that may move it).
    await q.query(`
      CREATE OR REPLACE FUNCTION storygraph_article_entity_published_sort() RETURNS trigger
        LANGUAGE plpgsql AS $$
      BEGIN
        SELECT coalesce(a.published_at, '-infinity'::timestamptz) INTO NEW.published_sort
          FROM article a WHERE a.id = NEW.article_id;
        NEW.published_sort := coalesce(NEW.published_sort, '-infinity'::timestamptz);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER article_entity_published_sort
        BEFORE INSERT OR UPDATE OF article_id, published_sort ON article_entity
        FOR EACH ROW EXECUTE FUNCTION storygraph_article_entity_published_sort()`);

    // An article's new date reaches all its link rows.
    await q.query(`
      CREATE OR REPLACE FUNCTION storygraph_article_published_sort() RETURNS trigger
        LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE article_entity SET published_sort = coalesce(NEW.published_at, '-infinity'::timestamptz)
         WHERE article_id = NEW.id
           AND published_sort IS DISTINCT FROM coalesce(NEW.published_at, '-infinity'::timestamptz);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER article_published_sort
        AFTER UPDATE OF published_at ON article
        FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
        EXECUTE FUNCTION storygraph_article_published_sort()`);

    // Entity.articles pages (and counts per entity) read this index, newest first.
    await q.query(`CREATE INDEX article_entity_entity_published_idx ON article_entity (entity_id, published_sort DESC, article_id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX article_entity_entity_published_idx`);
    await q.query(`DROP TRIGGER article_published_sort ON article`);
    await q.query(`DROP FUNCTION storygraph_article_published_sort()`);
    await q.query(`DROP TRIGGER article_entity_published_sort ON article_entity`);
    await q.query(`DROP FUNCTION storygraph_article_entity_published_sort()`);
    await q.query(`ALTER TABLE article_entity DROP COLUMN published_sort`);
  }
}
