/**
 * How many SQL statements each operation sends. Relation fields load through per-request DataLoaders, one
 * statement per level of the query, so the count follows the query's depth and never the number of rows or the
 * page size. Every operation's statements are kept as a snapshot beside this file, sorted (the order loaders
 * dispatch in is not the contract) (`__snapshots__/sql-bounds.test.ts.snap`): a change in what the server sends
 * shows up in review
 * (`npx vitest run test/integration/sql-bounds.test.ts -u` rewrites it after an intended change).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { StatementCounter } from "../../src/db/statement-counter";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

/** Size of the synthetic dataset. */
const ARTICLES = 120;
const PEOPLE = 12;
const ORGANISATIONS = 6;
const PLACES = 4;

/** Q2 of the benchmark (bench/queries.js): articles → people → their articles → organisations. */
const nested = (first: number) => `{
  articles(first: ${first}) { edges { node { headline people { name articles(first: 5) {
    edges { node { headline organisations { name } } } } } } } }
}`;

/** The same path cut at each depth: 1 = articles only … 4 = down to the organisations of the people's articles. */
const byDepth = (first: number): Record<number, string> => ({
  1: `{ articles(first: ${first}) { edges { node { headline } } } }`,
  2: `{ articles(first: ${first}) { edges { node { headline people { name } } } } }`,
  3: `{ articles(first: ${first}) { edges { node { people { name articles(first: 5) { edges { node { headline } } } } } } } }`,
  4: nested(first),
});

/**
 * A small deterministic corpus: articles a day apart (every 13th undated, so it sorts last), each linked to two or
 * three people, one organisation and one place in a fixed pattern, so popular and rare entities both occur. One
 * more person is in the newest story and the four oldest, so the deepest level of the nested query always asks
 * for articles that no earlier level has loaded (otherwise the per-request cache could spare it a statement).
 */
async function seed(t: TestDatabase): Promise<void> {
  const q = (sql: string) => t.db.dataSource.query(sql);
  await q(`
    INSERT INTO article (source_key, content_hash, slug, headline, paragraphs, body, word_count, published_at)
    SELECT 'synthetic/' || g, md5(g::text), 'story-' || g, 'Story ' || g, ARRAY['Body of story ' || g], 'Body of story ' || g, 4,
           CASE WHEN g % 13 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00Z' + g * interval '1 day' END
      FROM generate_series(1, ${ARTICLES}) g`);
  await q(`
    INSERT INTO entity (kind, name, name_key, slug)
    SELECT 'PERSON', 'Person ' || g, 'person ' || g, 'person-' || g FROM generate_series(1, ${PEOPLE}) g
    UNION ALL SELECT 'ORGANISATION', 'Organisation ' || g, 'organisation ' || g, 'organisation-' || g FROM generate_series(1, ${ORGANISATIONS}) g
    UNION ALL SELECT 'PLACE', 'Place ' || g, 'place ' || g, 'place-' || g FROM generate_series(1, ${PLACES}) g`);
  await q(`INSERT INTO entity_alias (entity_id, alias, alias_key) SELECT id, name, name_key FROM entity`);
  await q(`
    INSERT INTO article_entity (article_id, entity_id, mention_count, salience)
    SELECT DISTINCT ON (a.id, e.id) a.id, e.id, 1 + (n % 3), round((1.0 / (1 + n))::numeric, 3)
      FROM generate_series(1, ${ARTICLES}) g
      JOIN article a ON a.slug = 'story-' || g
      CROSS JOIN LATERAL (VALUES
        (0, 'person-' || (1 + g % ${PEOPLE})),
        (1, 'person-' || (1 + (g * 5 + 1) % ${PEOPLE})),
        (2, CASE WHEN g % 3 = 0 THEN 'person-' || (1 + (g * 7 + 2) % ${PEOPLE}) END),
        (3, 'organisation-' || (1 + g % ${ORGANISATIONS})),
        (4, 'place-' || (1 + g % ${PLACES}))
      ) AS link(n, slug)
      JOIN entity e ON e.slug = link.slug`);
  await q(`INSERT INTO entity (kind, name, name_key, slug) VALUES ('PERSON', 'Rare Person', 'rare person', 'rare-person')`);
  await q(`
    INSERT INTO article_entity (article_id, entity_id, mention_count, salience)
    SELECT a.id, e.id, 1, 0.9 FROM article a, entity e
     WHERE e.slug = 'rare-person' AND a.slug IN ('story-${ARTICLES}', 'story-1', 'story-2', 'story-3', 'story-4')`);
}

describe("SQL statements per operation", () => {
  const counter = new StatementCounter();
  let t: TestDatabase;
  let server: StorygraphServer;

  /** Runs an operation and returns its data and the statements it sent. */
  async function run(query: string): Promise<{ data: any; statements: string[] }> {
    counter.reset();
    const result = await execute(server.apollo, t.db, query);
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: [...counter.statements] };
  }

  beforeAll(async () => {
    t = await createTestDatabase({ logger: counter });
    await seed(t);
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("sends one statement for the flat article list (Q1)", async () => {
    const { data, statements } = await run(`{ articles(first: 20) { edges { node { headline publishedAt } } } }`);
    expect(data.articles.edges).toHaveLength(20);
    expect(statements).toHaveLength(1);
    expect([...statements].sort()).toMatchSnapshot();
  });

  it("answers the nested query (Q2) in at most 4 statements, the same for first: 1, 5 and 50", async () => {
    const counts: number[] = [];
    for (const first of [1, 5, 50]) {
      const { data, statements } = await run(nested(first));
      expect(data.articles.edges).toHaveLength(Math.min(first, ARTICLES));
      counts.push(statements.length);
      expect([...statements].sort()).toMatchSnapshot(`first: ${first}`);
    }
    expect(counts[0]).toBeLessThanOrEqual(4);
    expect(new Set(counts).size).toBe(1);
  });

  it("sends one more statement per level of depth, whatever the number of rows", async () => {
    for (const first of [1, 50]) {
      const queries = byDepth(first);
      const counts: number[] = [];
      for (const depth of [1, 2, 3, 4]) counts.push((await run(queries[depth])).statements.length);
      expect(counts).toEqual([1, 2, 3, 4]);
    }
    // The large page really does return many rows at the deepest level: the counts above are not bounded by
    // chance emptiness.
    const { data } = await run(nested(50));
    const people = data.articles.edges.flatMap((e: any) => e.node.people);
    const theirArticles = people.flatMap((p: any) => p.articles.edges);
    expect(people.length).toBeGreaterThan(50 * 2);
    expect(theirArticles.length).toBeGreaterThan(people.length * 3);
  });

  it("reads the article text only when selected: one more statement per level for lists, none for one article", async () => {
    const { data, statements } = await run(`{ articles(first: 50) { edges { node { headline body paragraphs photoCaption } } } }`);
    expect(statements).toHaveLength(2);
    expect(data.articles.edges).toHaveLength(50);
    for (const { node } of data.articles.edges) {
      const n = node.headline.replace("Story ", "");
      expect(node).toEqual({ headline: `Story ${n}`, body: `Body of story ${n}`, paragraphs: [`Body of story ${n}`], photoCaption: null });
    }
    // Without the text fields the list reads no text at all (the snapshot of Q1 above shows its columns).
    expect((await run(`{ articles(first: 50) { edges { node { headline publishedAt } } } }`)).statements).toHaveLength(1);
    // Nested lists: the text of every article of the deepest level in one statement, whatever their number.
    const nestedText = await run(`{ articles(first: 20) { edges { node { people { articles(first: 5) { edges { node { body } } } } } } } }`);
    expect(nestedText.statements).toHaveLength(4);
    const bodies = nestedText.data.articles.edges.flatMap((e: any) => e.node.people.flatMap((p: any) => p.articles.edges.map((x: any) => x.node.body)));
    expect(bodies.length).toBeGreaterThan(40);
    expect(bodies.every((b: string) => /^Body of story \d+$/.test(b))).toBe(true);
    // One article by slug reads its text with its row.
    const one = await run(`{ article(slug: "story-7") { headline body paragraphs } }`);
    expect(one.statements).toHaveLength(1);
    expect(one.data.article).toEqual({ headline: "Story 7", body: "Body of story 7", paragraphs: ["Body of story 7"] });
  });

  it("answers dates as ISO 8601 strings at UTC, to the millisecond, as stored", async () => {
    await t.db.dataSource.query(`UPDATE article SET published_at = timestamptz '2024-02-29 23:59:58.987654+05' WHERE slug = 'story-9'`);
    const { data } = await run(`{ article(slug: "story-9") { publishedAt ingestedAt updatedAt } }`);
    const [row] = await t.db.dataSource.query(`SELECT ingested_at, updated_at FROM article WHERE slug = 'story-9'`);
    expect(data.article).toEqual({
      publishedAt: "2024-02-29T18:59:58.987Z",
      ingestedAt: row.ingested_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    });
    const undated = await run(`{ article(slug: "story-13") { publishedAt } }`);
    expect(undated.data.article.publishedAt).toBeNull();
    // Millisecond-exact times come back exact (no float rounding down), before 1970 too.
    for (const [slug, stored, shown] of [
      ["story-10", "2024-05-01 12:34:56.789Z", "2024-05-01T12:34:56.789Z"],
      ["story-11", "1969-12-31 23:59:59.999Z", "1969-12-31T23:59:59.999Z"],
      ["story-12", "2001-09-09 01:46:40.001Z", "2001-09-09T01:46:40.001Z"],
    ]) {
      await t.db.dataSource.query(`UPDATE article SET published_at = $1::timestamptz WHERE slug = $2`, [stored, slug]);
      const listed = await run(`{ articles(first: 100, orderBy: { field: HEADLINE, direction: ASC }) { edges { node { slug publishedAt } } } }`);
      expect(listed.data.articles.edges.find((e: any) => e.node.slug === slug).node.publishedAt).toBe(shown);
    }
  });

  it("loads an entity's page, count, aliases and the people of its articles in one statement each", async () => {
    const { data, statements } = await run(`{
      person(slug: "person-1") { name aliases articles(first: 3) { totalCount edges { node { headline people { name } } } } }
    }`);
    expect(data.person.articles.edges).toHaveLength(3);
    expect(statements).toHaveLength(5);
    expect([...statements].sort()).toMatchSnapshot();
  });

  it("pages an entity's articles newest first, undated last, in the order of the article list", async () => {
    const listPage = async (after: string | null) =>
      (await run(`{ articles(first: 100${after ? `, after: "${after}"` : ""}) {
        edges { node { headline people { slug } } } pageInfo { endCursor } } }`)).data.articles;
    const firstPage = await listPage(null);
    const all = [...firstPage.edges, ...(await listPage(firstPage.pageInfo.endCursor)).edges];
    expect(all).toHaveLength(ARTICLES);
    const expected = all.filter((e: any) => e.node.people.some((p: any) => p.slug === "person-1")).map((e: any) => e.node.headline);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data } = await run(`{ person(slug: "person-1") { articles(first: 4${after ? `, after: "${after}"` : ""}) {
        edges { node { headline } } pageInfo { hasNextPage endCursor } } } }`);
      const page = data.person.articles;
      seen.push(...page.edges.map((e: any) => e.node.headline));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it("keeps the link table's copy of the publication date in step with the article", async () => {
    const sortOf = async () =>
      (await t.db.dataSource.query(
        `SELECT DISTINCT ae.published_sort = coalesce(a.published_at, '-infinity') AS same
           FROM article_entity ae JOIN article a ON a.id = ae.article_id`,
      )) as { same: boolean }[];
    expect(await sortOf()).toEqual([{ same: true }]);
    await t.db.dataSource.query(`UPDATE article SET published_at = timestamptz '2030-01-01 00:00Z' WHERE slug = 'story-2'`);
    await t.db.dataSource.query(`UPDATE article SET published_at = NULL WHERE slug = 'story-3'`);
    expect(await sortOf()).toEqual([{ same: true }]);
    const { data } = await run(`{ person(slug: "person-3") { articles(first: 1) { edges { node { headline } } } } }`);
    expect(data.person.articles.edges[0].node.headline).toBe("Story 2");
  });
});
