import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestText } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { StatementCounter } from "../../src/db/statement-counter";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

const STORY = [
  "Zoë Marchetti backs Lisbon port plan",
  "",
  "Prime Minister Zoë Marchetti told the Harbour Workers Union (HWU) in Lisbon on Monday that the port would grow.",
  "",
  "Ms Marchetti said the HWU had been consulted. Tomas Varga, the port director, welcomed the plan.",
  "",
  "PHOTO CAPTION",
  "",
  "Zoë Marchetti at the port in Lisbon",
  "",
].join("\n");

const QUERY = `query ($slug: String!, $kind: EntityKind) {
  article(slug: $slug) {
    headline paragraphs photoCaption
    entities(kind: $kind) {
      salience mentionCount resolvedFrom
      entity { __typename id name aliases }
      mentions { id section paragraph start end text extractor extractorVersion entity { id } article { slug } }
    }
  }
}`;

describe("Article.entities and their mentions", () => {
  const counter = new StatementCounter();
  let t: TestDatabase;
  let server: StorygraphServer;
  let slug: string;

  beforeAll(async () => {
    t = await createTestDatabase({ logger: counter });
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    slug = (await ingestText(t.db, STORY, { sourceKey: "m/port.txt" })).slug;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("lists the article's entities most salient first, each with salience in 0–1 and a count equal to its mentions", async () => {
    const { data, errors } = await execute(server.apollo, t.db, QUERY, { slug });
    expect(errors).toBeUndefined();
    const entities = data.article.entities;
    expect(entities.length).toBeGreaterThanOrEqual(3);
    expect(entities[0].entity.name).toBe("Zoë Marchetti");
    const saliences = entities.map((e: any) => e.salience);
    expect([...saliences].sort((a, b) => b - a)).toEqual(saliences);
    for (const e of entities) {
      expect(e.salience).toBeGreaterThanOrEqual(0);
      expect(e.salience).toBeLessThanOrEqual(1);
      expect(e.mentionCount).toBe(e.mentions.length);
      for (const m of e.mentions) expect(m.entity.id).toBe(e.entity.id);
    }
  });

  it("resolves a later title and surname to the full name within the story, keeping the surface text", async () => {
    const { data } = await execute(server.apollo, t.db, QUERY, { slug, kind: "PERSON" });
    const marchetti = data.article.entities.find((e: any) => e.entity.name === "Zoë Marchetti");
    expect(marchetti.resolvedFrom).toBeNull();
    expect(marchetti.mentions.map((m: any) => [m.section, m.text])).toEqual([
      ["HEADLINE", "Zoë Marchetti"],
      ["BODY", "Zoë Marchetti"],
      ["BODY", "Marchetti"],
      ["CAPTION", "Zoë Marchetti"],
    ]);
    expect(data.article.entities.every((e: any) => e.entity.__typename === "Person")).toBe(true);
  });

  it("gives offsets that index the served headline, paragraphs and caption in code points", async () => {
    const { data } = await execute(server.apollo, t.db, QUERY, { slug });
    const a = data.article;
    let checked = 0;
    for (const e of a.entities) {
      for (const m of e.mentions) {
        const text = m.section === "HEADLINE" ? a.headline : m.section === "CAPTION" ? a.photoCaption : a.paragraphs[m.paragraph];
        if (m.section !== "BODY") expect(m.paragraph).toBe(0);
        expect([...text].slice(m.start, m.end).join("")).toBe(m.text);
        expect(m.extractor).toBe("storygraph-rules");
        expect(m.extractorVersion).toMatch(/^\d+\.\d+\.\d+/);
        expect(m.article.slug).toBe(slug);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it("filters by kind", async () => {
    const { data } = await execute(server.apollo, t.db, QUERY, { slug, kind: "ORGANISATION" });
    expect(data.article.entities.map((e: any) => e.entity.name)).toEqual(["Harbour Workers Union"]);
    expect(data.article.entities[0].entity.aliases).toEqual(expect.arrayContaining(["HWU", "Harbour Workers Union"]));
  });

  it("fetches a mention again by its global ID through node(id:)", async () => {
    const { data } = await execute(server.apollo, t.db, QUERY, { slug, kind: "PLACE" });
    const mention = data.article.entities[0].mentions[0];
    const again = await execute(server.apollo, t.db, `query ($id: ID!) { node(id: $id) { __typename id ... on Mention { text section start end entity { name } } } }`, {
      id: mention.id,
    });
    expect(again.errors).toBeUndefined();
    expect(again.data.node).toEqual({
      __typename: "Mention",
      id: mention.id,
      text: mention.text,
      section: mention.section,
      start: mention.start,
      end: mention.end,
      entity: { name: data.article.entities[0].entity.name },
    });
  });

  it("loads the mentions of every entity of several articles in one statement per level", async () => {
    await ingestText(t.db, STORY.replace("Monday", "Tuesday"), { sourceKey: "m/port-2.txt" });
    counter.reset();
    const { data, errors } = await execute(server.apollo, t.db, `{ articles(first: 10) { edges { node { entities { entity { name } mentions { text } } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.articles.edges).toHaveLength(2);
    expect(data.articles.edges.every((e: any) => e.node.entities.every((x: any) => x.mentions.length > 0))).toBe(true);
    expect(counter.statements.filter((s) => /\bmention m\b/.test(s))).toHaveLength(1);
  });
});
