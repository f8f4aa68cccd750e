import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/data-source";
import { ingestText } from "../../src/ingest/ingest";
import { surnameKey, vouchesOf, weakKey } from "../../src/ingest/link";
import { parseArticle } from "../../src/ingest/parse";
import { persistArticle } from "../../src/ingest/persist";
import type { EntityKind, ExtractedEntity, Extraction } from "../../src/ingest/types";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * Seven small made-up stories: surname-only mentions of "Peter Wimsey" before (s1) and after (s3) the story that
 * gives his full name (s2); two people sharing a surname (Albert and Martha Quill); an organisation named only by
 * its acronym (s1, s7) before and after the story that expands it (s2).
 */
const STORIES: Record<string, string> = {
  "t/s1.txt": "Wimsey warns on rail fares\n\nMr Wimsey told reporters in Leeds that fares would rise. The FRU disagreed.\n",
  "t/s2.txt":
    "Peter Wimsey unveils rail plan\n\nTransport Secretary Peter Wimsey unveiled a plan on Monday. The Federation of Rail Users (FRU) said it was a start.\n\nMr Wimsey said the FRU would be consulted.\n",
  "t/s3.txt": "Wimsey faces questions\n\nMr Wimsey faced questions in Parliament. Critics said Mr Wimsey had ignored the north.\n",
  "t/s4.txt": "Quill rivals clash over taxes\n\nAlbert Quill, the chancellor, clashed with Martha Quill over taxes in York.\n",
  "t/s5.txt": "Budget delayed again\n\nChancellor Albert Quill delayed the budget on Tuesday. Mr Quill said the economy needed time.\n",
  "t/s6.txt": "Martha Quill resigns\n\nMartha Quill resigned from the cabinet on Friday. Ms Quill said she was proud of her record.\n",
  "t/s7.txt": "Rail union calls strike\n\nThe FRU called a strike in Leeds on Wednesday.\n",
};

async function ingestAll(db: Database, keys: string[]): Promise<void> {
  for (const key of keys) await ingestText(db, STORIES[key], { sourceKey: key });
}

/** Everything resolution decides, without ids or slugs: entities with aliases and per-article links, and mentions. */
async function snapshot(db: Database) {
  const entities = await db.dataSource.query(
    `SELECT e.kind, e.name,
            (SELECT array_agg(a.alias ORDER BY a.alias COLLATE "C") FROM entity_alias a WHERE a.entity_id = e.id) AS aliases,
            (SELECT array_agg(ar.source_key || ' x' || ae.mention_count || ' ' || ae.salience || ' ' || coalesce(ae.resolved_from, '-')
                              ORDER BY ar.source_key)
               FROM article_entity ae JOIN article ar ON ar.id = ae.article_id WHERE ae.entity_id = e.id) AS links
       FROM entity e ORDER BY e.kind, e.name COLLATE "C"`,
  );
  const mentions = await db.dataSource.query(
    `SELECT ar.source_key, m.section, m.paragraph, m.start_offset, m.text, e.name
       FROM mention m JOIN article ar ON ar.id = m.article_id JOIN entity e ON e.id = m.entity_id
      ORDER BY ar.source_key, m.section, m.paragraph, m.start_offset`,
  );
  return { entities, mentions };
}

async function people(db: Database): Promise<string[]> {
  return (await db.dataSource.query(`SELECT name FROM entity WHERE kind = 'PERSON' ORDER BY name`)).map((r: any) => r.name);
}

describe("entity resolution across articles", () => {
  let forward: TestDatabase;
  let shuffled: TestDatabase;

  beforeAll(async () => {
    [forward, shuffled] = [await createTestDatabase(), await createTestDatabase()];
    await ingestAll(forward.db, Object.keys(STORIES));
    await ingestAll(shuffled.db, ["t/s3.txt", "t/s7.txt", "t/s6.txt", "t/s1.txt", "t/s5.txt", "t/s2.txt", "t/s4.txt"]);
  });
  afterAll(async () => {
    await forward?.drop();
    await shuffled?.drop();
  });

  it("makes one person of a full name and the surname-only stories before and after it", async () => {
    for (const t of [forward, shuffled]) {
      expect(await people(t.db)).toContain("Peter Wimsey");
      expect(await people(t.db)).not.toContain("Wimsey");
      const [row] = await t.db.dataSource.query(
        `SELECT count(*)::int AS n FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE e.name = 'Peter Wimsey'`,
      );
      expect(row.n).toBe(3);
    }
  });

  it("keeps two people who share a surname apart, and attaches a bare surname to the one its story names", async () => {
    for (const t of [forward, shuffled]) {
      expect((await people(t.db)).filter((n) => n.endsWith("Quill"))).toEqual(["Albert Quill", "Martha Quill"]);
      const links = await t.db.dataSource.query(
        `SELECT e.name, array_agg(ar.source_key ORDER BY ar.source_key) AS keys
           FROM article_entity ae JOIN entity e ON e.id = ae.entity_id JOIN article ar ON ar.id = ae.article_id
          WHERE e.name LIKE '% Quill' GROUP BY e.name ORDER BY e.name`,
      );
      expect(links).toEqual([
        { name: "Albert Quill", keys: ["t/s4.txt", "t/s5.txt"] },
        { name: "Martha Quill", keys: ["t/s4.txt", "t/s6.txt"] },
      ]);
    }
  });

  it("resolves an acronym-only organisation to its expansion given in another story", async () => {
    for (const t of [forward, shuffled]) {
      const orgs = await t.db.dataSource.query(
        `SELECT e.name, (SELECT count(*)::int FROM article_entity ae WHERE ae.entity_id = e.id) AS n
           FROM entity e WHERE e.kind = 'ORGANISATION' ORDER BY e.name`,
      );
      expect(orgs).toContainEqual({ name: "Federation of Rail Users", n: 3 });
      expect(orgs.map((o: any) => o.name)).not.toContain("FRU");
    }
  });

  it("stores aliases per entity", async () => {
    const [row] = await forward.db.dataSource.query(
      `SELECT array_agg(a.alias ORDER BY a.alias) AS aliases FROM entity_alias a JOIN entity e ON e.id = a.entity_id
        WHERE e.name = 'Federation of Rail Users'`,
    );
    expect(row.aliases).toEqual(["FRU", "Federation of Rail Users"]);
  });

  it("ends with the same entity tables whatever order the stories came in", async () => {
    const a = await snapshot(forward.db);
    const b = await snapshot(shuffled.db);
    expect(a.entities.length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });

  it("keeps salience in 0–1", async () => {
    const [row] = await forward.db.dataSource.query(`SELECT min(salience) AS lo, max(salience) AS hi FROM article_entity`);
    expect(row.lo).toBeGreaterThanOrEqual(0);
    expect(row.hi).toBeLessThanOrEqual(1);
  });

  it("re-links surname-only stories to a placeholder when the only full-name story loses the name", async () => {
    await ingestText(forward.db, "Rail plan unveiled\n\nA plan was unveiled on Monday in Leeds.\n", { sourceKey: "t/s2.txt" });
    expect(await people(forward.db)).toContain("Wimsey");
    expect(await people(forward.db)).not.toContain("Peter Wimsey");
    await ingestText(forward.db, STORIES["t/s2.txt"], { sourceKey: "t/s2.txt" });
    expect(await people(forward.db)).not.toContain("Wimsey");
    expect((await snapshot(forward.db)).entities).toEqual((await snapshot(shuffled.db)).entities);
  });
});

describe("entity resolution within an article", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  it("stores a later surname mention under the full name introduced earlier in the same story", async () => {
    const { articleId } = await ingestText(t.db, STORIES["t/s5.txt"], { sourceKey: "w/s5.txt" });
    const rows = await t.db.dataSource.query(
      `SELECT e.name, m.text FROM mention m JOIN entity e ON e.id = m.entity_id
        WHERE m.article_id = $1 AND e.kind = 'PERSON' ORDER BY m.paragraph, m.start_offset`,
      [articleId],
    );
    expect(rows).toEqual([
      { name: "Albert Quill", text: "Albert Quill" },
      { name: "Albert Quill", text: "Quill" },
    ]);
    const [link] = await t.db.dataSource.query(
      `SELECT ae.mention_count, ae.resolved_from FROM article_entity ae JOIN entity e ON e.id = ae.entity_id
        WHERE ae.article_id = $1 AND e.name = 'Albert Quill'`,
      [articleId],
    );
    expect(link).toEqual({ mention_count: 2, resolved_from: null });
  });
});

describe("weak forms and what full names vouch for", () => {
  it("keys a bare surname without particles, and an acronym; never a place or a multi-word name", () => {
    expect(surnameKey("Bashar al-Assad")).toBe("assad");
    expect(surnameKey("Dominique de Villepin")).toBe("villepin");
    expect(surnameKey("Blair")).toBeNull();
    expect(weakKey("PERSON", "Blair")).toBe("blair");
    expect(weakKey("PERSON", "Tony Blair")).toBeNull();
    expect(weakKey("ORGANISATION", "CBI")).toBe("cbi");
    expect(weakKey("ORGANISATION", "Labour")).toBeNull();
    expect(weakKey("PLACE", "UK")).toBeNull();
  });

  it("has a full name vouch for its surname and the acronyms the article gives", () => {
    const entity = (kind: EntityKind, name: string, aliases: string[]): ExtractedEntity => ({ kind, name, aliases, mentions: [], salience: 0 });
    expect(vouchesOf(entity("PERSON", "Tony Blair", ["Tony Blair", "Blair"]))).toEqual(["blair"]);
    expect(vouchesOf(entity("ORGANISATION", "Confederation of British Industry", ["CBI"]))).toEqual(["cbi"]);
    expect(vouchesOf(entity("PLACE", "United Kingdom", ["UK"]))).toEqual([]);
  });
});

describe("entities tied together by an article's forms", () => {
  /** An article whose headline is `names` joined by " and ", with one ORGANISATION mention per name. */
  function story(names: string[], aliases: string[][]): { text: string; extraction: Extraction } {
    const headline = names.join(" and ");
    let at = 0;
    const entities: ExtractedEntity[] = names.map((name, i) => {
      const start = [...headline.slice(0, headline.indexOf(name, at))].length;
      at = headline.indexOf(name, at) + name.length;
      return {
        kind: "ORGANISATION",
        name,
        aliases: aliases[i],
        mentions: [{ section: "HEADLINE", paragraph: 0, start, end: start + [...name].length, text: name }],
        salience: 0.5,
      };
    });
    return { text: `${headline}\n\nA body paragraph.\n`, extraction: { extractor: "test", version: "0.0.0", entities } };
  }
  const STORIES = {
    a: story(["Alpha Group"], [["Alpha Group"]]),
    b: story(["Beta Holdings"], [["Beta Holdings"]]),
    c: story(["Alpha Group"], [["Alpha Group", "Beta Holdings"]]),
  };
  async function ingestAll(db: Database, keys: (keyof typeof STORIES)[]): Promise<void> {
    for (const k of keys) {
      const { text, extraction } = STORIES[k];
      await persistArticle(db, text, parseArticle(text), extraction, { sourceKey: `tie/${k}.txt` });
    }
  }
  let one: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    [one, other] = [await createTestDatabase(), await createTestDatabase()];
  });
  afterAll(async () => {
    await one?.drop();
    await other?.drop();
  });

  it("merges two stored entities one article names as the same, in whatever order, and redirects the merged one", async () => {
    await ingestAll(one.db, ["a", "b", "c"]);
    await ingestAll(other.db, ["c", "b", "a"]);
    for (const t of [one, other]) {
      const rows = await t.db.dataSource.query(
        `SELECT e.name, (SELECT count(*)::int FROM article_entity ae WHERE ae.entity_id = e.id) AS n FROM entity e ORDER BY e.name`,
      );
      expect(rows).toEqual([{ name: "Alpha Group", n: 3 }]);
    }
    expect(await snapshot(one.db)).toEqual(await snapshot(other.db));
    const redirects = await one.db.dataSource.query(`SELECT from_slug FROM entity_redirect`);
    expect(redirects).toEqual([{ from_slug: "beta-holdings" }]);
  });
});
