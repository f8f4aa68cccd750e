import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestPaths, ingestText } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute, NESTED_QUERY } from "../helpers/graphql";

const SEEDS = path.resolve(__dirname, "../../seeds");
const SEED_KEY = "seeds/000_0ccf3f5374bbbccc.txt";

describe("the seed article, ingested and queried", () => {
  let t: TestDatabase;
  let server: StorygraphServer;

  beforeAll(async () => {
    t = await createTestDatabase();
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("ingests the seed folder once and reports it unchanged the second time", async () => {
    const first: string[] = [];
    expect(await ingestPaths(t.db, [SEEDS], {}, (r) => first.push(`${r.status} ${r.sourceKey}`))).toMatchObject({ ingested: 1, failed: 0 });
    expect(first).toEqual([`ingested ${SEED_KEY}`]);
    expect(await ingestPaths(t.db, [SEEDS])).toMatchObject({ ingested: 0, unchanged: 1 });
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM article`);
    expect(n).toBe(1);
  });

  it("answers the nested query with the seed's people and organisations", async () => {
    const result = await execute(server.apollo, t.db, NESTED_QUERY);
    expect(result.errors).toBeUndefined();
    const [edge] = result.data.articles.edges;
    expect(edge.node.headline).toBe("US and Russia face off over Syria weapons");
    const people = edge.node.people.map((p: any) => p.name);
    expect(people).toEqual(expect.arrayContaining(["John Kerry", "Sergey Lavrov", "Barack Obama"]));
    expect(edge.node.organisations.map((o: any) => o.name)).toEqual(expect.arrayContaining(["Al Jazeera"]));
    expect(edge.node.organisations.map((o: any) => o.name).some((n: string) => /^(UN|United Nations)$/.test(n))).toBe(true);
    for (const person of edge.node.people) {
      expect(person.articles.totalCount).toBeGreaterThanOrEqual(1);
      expect(person.articles.edges.map((e: any) => e.node.headline)).toContain(edge.node.headline);
    }
  });

  it("keeps headline, paragraphs, caption and source apart", async () => {
    const result = await execute(server.apollo, t.db, `{ article(slug: "us-and-russia-face-off-over-syria-weapons") {
      headline paragraphs photoCaption source wordCount body } }`);
    const a = result.data.article;
    expect(a.source).toBe("Al Jazeera");
    expect(a.photoCaption).toMatch(/^US Secretary of State John Kerry departs Andrews Air Force Base/);
    expect(a.paragraphs[0]).toMatch(/^US secretary of state John Kerry is to meet/);
    expect(a.paragraphs.join(" ")).not.toMatch(/PHOTO CAPTION|Aljazeera|Related Articles/);
    expect(a.body).toBe(a.paragraphs.join("\n\n"));
    expect(a.wordCount).toBeGreaterThan(400);
  });

  it("stores mentions whose offsets index the served paragraphs in code points", async () => {
    const rows: { section: string; paragraph: number; start_offset: number; end_offset: number; text: string; headline: string; paragraphs: string[]; photo_caption: string }[] =
      await t.db.dataSource.query(
        `SELECT m.section, m.paragraph, m.start_offset, m.end_offset, m.text, a.headline, a.paragraphs, a.photo_caption
           FROM mention m JOIN article a ON a.id = m.article_id`,
      );
    expect(rows.length).toBeGreaterThan(20);
    for (const m of rows) {
      const source = m.section === "HEADLINE" ? m.headline : m.section === "CAPTION" ? m.photo_caption : m.paragraphs[m.paragraph];
      expect([...source].slice(m.start_offset, m.end_offset).join("")).toBe(m.text);
    }
  });

  it("updates an article in place when its text changes under the same key", async () => {
    const text = "Storygraph test headline\n\nJane Doe met Richard Roe in Paris.\n";
    expect((await ingestText(t.db, text, { sourceKey: "tests/update.txt" })).status).toBe("ingested");
    const changed = await ingestText(t.db, text.replace("Paris", "Berlin"), { sourceKey: "tests/update.txt" });
    expect(changed.status).toBe("updated");
    const places: { name: string }[] = await t.db.dataSource.query(
      `SELECT e.name FROM article_entity ae JOIN entity e ON e.id = ae.entity_id
        WHERE ae.article_id = $1 AND e.kind = 'PLACE'`,
      [changed.articleId],
    );
    expect(places.map((p) => p.name)).toEqual(["Berlin"]);
    // Paris was only in this article: it is gone, not left as an orphan entity.
    const orphans = await t.db.dataSource.query(`SELECT 1 FROM entity WHERE name = 'Paris'`);
    expect(orphans).toHaveLength(0);
  });

  it("treats the same text under another key as a separate article with its own slug", async () => {
    const text = "Storygraph duplicate headline\n\nJane Doe spoke.\n";
    const a = await ingestText(t.db, text, { sourceKey: "tests/dup-a.txt" });
    const b = await ingestText(t.db, text, { sourceKey: "tests/dup-b.txt" });
    expect(a.articleId).not.toBe(b.articleId);
    expect(a.slug).toBe("storygraph-duplicate-headline");
    expect(b.slug).toMatch(/^storygraph-duplicate-headline-[0-9a-f]{6}$/);
  });

  it("reports empty and non-UTF-8 files by name and reason, and ingests the rest", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-bad-"));
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    fs.writeFileSync(path.join(dir, "latin1.txt"), Buffer.concat([Buffer.from("Price rise\n\nIt costs a "), Buffer.from([0xa3]), Buffer.from("15 ticket.\n")]));
    fs.writeFileSync(path.join(dir, "good.txt"), "A good headline\n\nJohn Smith went to Leeds.\n");
    const results: any[] = [];
    const counts = await ingestPaths(t.db, [dir], {}, (r) => results.push(r));
    expect(counts).toMatchObject({ ingested: 1, failed: 2 });
    const failed = Object.fromEntries(results.filter((r) => r.status === "failed").map((r) => [path.basename(r.file), r.reason]));
    expect(failed["empty.txt"]).toMatch(/empty/i);
    expect(failed["latin1.txt"]).toMatch(/UTF-8.*byte offset 23/);
    const keys = (await t.db.dataSource.query(`SELECT source_key FROM article WHERE source_key LIKE $1`, [`${path.basename(dir)}/%`])).map((r: any) => r.source_key);
    expect(keys).toEqual([`${path.basename(dir)}/good.txt`]);
  });
});
