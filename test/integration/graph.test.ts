import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestText } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { StatementCounter } from "../../src/db/statement-counter";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

/** Stories naming Tony Blair with others: Gordon Brown in three, John Prescott in two, Jack Straw in one. */
const STORIES: [string, string, string | null][] = [
  [
    "budget",
    `Blair backs Brown over budget plans

Prime Minister Tony Blair said Chancellor Gordon Brown would set out the budget in London next month.

Mr Blair told the Labour Party that Mr Brown had his full support.
`,
    "2005-02-01T09:00:00Z",
  ],
  [
    "campaign",
    `Blair and Prescott launch campaign

Tony Blair and John Prescott launched the Labour Party campaign in Manchester with Gordon Brown.

Mr Prescott said the campaign would visit every region.
`,
    "2005-01-10T09:00:00Z",
  ],
  [
    "summit",
    `Blair meets Straw before summit

Tony Blair met Foreign Secretary Jack Straw in London before the summit in Brussels.

Mr Straw said the talks with Gordon Brown and John Prescott had gone well.
`,
    null,
  ],
  [
    "fishing",
    `Fishing quotas agreed in Brussels

Ministers in Brussels agreed new fishing quotas after talks lasting two days.

The European Commission said the deal would protect stocks.
`,
    "2005-03-05T09:00:00Z",
  ],
];

const CO_MENTIONED = `query Co($slug: String!, $first: Int, $after: String, $kind: EntityKind) {
  person(slug: $slug) {
    coMentioned(first: $first, after: $after, kind: $kind) {
      pageInfo { hasNextPage endCursor }
      edges { cursor count node { __typename name } articles(first: 10) { headline } }
    }
  }
}`;

describe("the entity graph", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  const counter = new StatementCounter();

  beforeAll(async () => {
    t = await createTestDatabase({ logger: counter });
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    for (const [key, text, date] of STORIES) {
      await ingestText(t.db, text, { sourceKey: `graph/${key}.txt`, publishedAt: date ? new Date(date) : null });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const coMentioned = async (vars: Record<string, unknown>) => {
    const result = await execute(server.apollo, t.db, CO_MENTIONED, { slug: "tony-blair", ...vars });
    expect(result.errors).toBeUndefined();
    return result.data.person.coMentioned;
  };

  it("lists who appears with a person, most shared stories first, with the stories they share", async () => {
    const { edges } = await coMentioned({ kind: "PERSON" });
    expect(edges.map((e: any) => [e.node.name, e.count])).toEqual([
      ["Gordon Brown", 3],
      ["John Prescott", 2],
      ["Jack Straw", 1],
    ]);
    expect(edges.every((e: any) => e.node.__typename === "Person")).toBe(true);
    // Shared stories, newest first, undated last.
    expect(edges[0].articles.map((a: any) => a.headline)).toEqual([
      "Blair backs Brown over budget plans",
      "Blair and Prescott launch campaign",
      "Blair meets Straw before summit",
    ]);
  });

  it("mixes kinds unless one is asked for, ordering ties by id", async () => {
    const { edges } = await coMentioned({});
    const kinds = new Set(edges.map((e: any) => e.node.__typename));
    expect(kinds).toEqual(new Set(["Person", "Organisation", "Place"]));
    const counts = edges.map((e: any) => e.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const places = (await coMentioned({ kind: "PLACE" })).edges.map((e: any) => [e.node.name, e.count]);
    expect(places).toEqual(expect.arrayContaining([["London", 2]]));
  });

  it("pages with cursors that are stable across requests and never skip or repeat", async () => {
    const all = (await coMentioned({ first: 100 })).edges.map((e: any) => e.node.name);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: any = await coMentioned({ first: 2, after });
      const again: any = await coMentioned({ first: 2, after });
      expect(again.edges.map((e: any) => e.cursor)).toEqual(page.edges.map((e: any) => e.cursor));
      seen.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it("is on organisations and places too, through the Entity interface", async () => {
    const result = await execute(
      server.apollo,
      t.db,
      `{ place(slug: "brussels") { coMentioned(kind: ORGANISATION) { edges { count node { name } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.place.coMentioned.edges.map((e: any) => e.node.name)).toContain("European Commission");
  });

  it("counts a story stored twice under different keys once", async () => {
    await ingestText(t.db, STORIES[0][1], { sourceKey: "graph/budget-copy.txt" });
    const { edges } = await coMentioned({ kind: "PERSON" });
    expect(edges[0]).toMatchObject({ count: 3, node: { name: "Gordon Brown" } });
    expect(edges[0].articles).toHaveLength(3);
  });

  it("gives a person's timeline oldest first, undated stories last", async () => {
    const query = `query T($first: Int, $after: String) { person(slug: "john-prescott") {
      timeline(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { headline publishedAt } } } } }`;
    const full = await execute(server.apollo, t.db, query, {});
    expect(full.errors).toBeUndefined();
    expect(full.data.person.timeline.edges.map((e: any) => e.node.headline)).toEqual([
      "Blair and Prescott launch campaign",
      "Blair meets Straw before summit",
    ]);
    expect(full.data.person.timeline.totalCount).toBe(2);
    const first = await execute(server.apollo, t.db, query, { first: 1 });
    const rest = await execute(server.apollo, t.db, query, { after: first.data.person.timeline.pageInfo.endCursor });
    expect(rest.data.person.timeline.edges.map((e: any) => e.node.headline)).toEqual(["Blair meets Straw before summit"]);
  });

  it("refuses a cursor made for another field", async () => {
    const timeline = await execute(server.apollo, t.db, `{ person(slug: "tony-blair") { timeline(first: 1) { pageInfo { endCursor } } } }`);
    const cursor = timeline.data.person.timeline.pageInfo.endCursor;
    const result = await execute(server.apollo, t.db, CO_MENTIONED, { slug: "tony-blair", after: cursor });
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers nested graph and related fields with one statement per level", async () => {
    const query = `{ articles(first: 10) { edges { node {
      related(first: 3) { edges { score node { headline } reasons { kind weight entity { name } } } }
      duplicates { headline }
      people { coMentioned(first: 3) { edges { count node { name } articles(first: 2) { headline } } } timeline(first: 2) { edges { node { headline } } } }
    } } } }`;
    counter.reset();
    const result = await execute(server.apollo, t.db, query);
    expect(result.errors).toBeUndefined();
    // articles, related, reasons, reason entities, duplicates, people, coMentioned, shared articles, timeline.
    expect(counter.count).toBeLessThanOrEqual(9);
  });
});
