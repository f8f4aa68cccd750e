/**
 * Which reads go to PostgreSQL as named prepared statements (src/db/raw-query.ts): lookups by key and unfiltered
 * pages, whose best plan does not depend on the values; never a filtered or searched list, whose generic plan
 * could be wrong for some values. Every statement the pool receives is recorded with its name, and answers stay
 * right once PostgreSQL may have switched the named ones to a generic plan (after five executions).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { ingestText } from "../../src/ingest/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

const story = (n: number, who: string) =>
  `${who} visits Lisbon for talks number ${n}\n\n${who} met the Portuguese prime minister on ${n} March, officials from the United Nations said.\n`;

describe("named prepared statements", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  const sent: { text: string; name?: string }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    for (let n = 1; n <= 9; n++) await ingestText(t.db, story(n, n % 2 ? "Angela Merkel" : "Emmanuel Macron"), {
      sourceKey: `p/${n}.txt`,
      // Two stories share each day, so ties on the date are broken by id.
      publishedAt: new Date(Date.UTC(2024, 2, Math.ceil(n / 2))),
    });
    const pool = (t.db.dataSource.driver as any).master;
    const query = pool.query.bind(pool);
    pool.query = (config: any, ...rest: unknown[]) => {
      if (config && typeof config === "object") sent.push({ text: config.text, name: config.name });
      return query(config, ...rest);
    };
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const run = async (query: string) => {
    sent.length = 0;
    const result = await execute(server.apollo, t.db, query);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  it("names key lookups and unfiltered pages on a PostgreSQL server, and nothing on PGlite", async () => {
    await run(`{ articles(first: 3) { edges { node { headline people { name articles(first: 2) { edges { node { slug } } } } } } } }`);
    expect(sent).toHaveLength(3);
    if (t.db.kind === "postgres") {
      expect(sent.every((s) => typeof s.name === "string" && /^sg_[A-Za-z0-9_-]+$/.test(s.name))).toBe(true);
      // One name per text: the same text always travels under the same name.
      const again = [...sent];
      await run(`{ articles(first: 3) { edges { node { headline people { name articles(first: 2) { edges { node { slug } } } } } } } }`);
      expect(sent).toEqual(again);
    } else {
      expect(sent.every((s) => s.name === undefined)).toBe(true);
    }
  });

  it("plans a searched or filtered list every time (no name)", async () => {
    await run(`{ articles(first: 5, filter: { search: "Merkel" }) { edges { node { headline } } } }`);
    await run(`{ articles(first: 5, filter: { publishedAfter: "2024-03-05T00:00:00Z" }) { edges { node { headline } } } }`);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => s.name === undefined)).toBe(true);
  });

  it("answers the same after many executions of each named statement (when a generic plan may be used)", async () => {
    const pageThrough = async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const data: any = await run(`{ articles(first: 2${after ? `, after: "${after}"` : ""}) { edges { node { slug publishedAt } } pageInfo { hasNextPage endCursor } } }`);
        seen.push(...data.articles.edges.map((e: any) => `${e.node.publishedAt} ${e.node.slug}`));
        if (!data.articles.pageInfo.hasNextPage) return seen;
        after = data.articles.pageInfo.endCursor;
      }
    };
    const first = await pageThrough();
    expect(first).toHaveLength(9);
    expect(new Set(first).size).toBe(9);
    const times = first.map((s) => s.split(" ")[0]);
    expect([...times].sort().reverse()).toEqual(times);
    for (let i = 0; i < 6; i++) expect(await pageThrough()).toEqual(first);
  });
});
