import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ClientError, GraphQLClient } from "graphql-request";
import { ingestText } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/** Stories written for these tests: ties in publication time, undated ones, accents, HTML-like text. */
const STORIES: { key: string; text: string; publishedAt?: string; section?: string; source?: string }[] = [
  { key: "t/01", publishedAt: "2005-03-01T10:00:00Z", section: "politics", text: "Blair sets out election plans\n\nTony Blair said the election would be fought on the economy. Labour officials agreed.\n" },
  { key: "t/02", publishedAt: "2005-03-01T10:00:00Z", section: "politics", text: "Brown defends the budget\n\nGordon Brown defended his budget against Conservative attacks. Tony Blair backed him.\n" },
  { key: "t/03", publishedAt: "2005-03-01T10:00:00Z", section: "politics", text: "Chancellor under pressure\n\nGordon Brown faced questions from MPs about pensions.\n" },
  { key: "t/04", publishedAt: "2005-03-02T09:00:00Z", section: "business", text: "Markets rise in London\n\nShares rose in London as investors welcomed the figures.\n" },
  { key: "t/05", section: "world", source: "Al Jazeera", text: "Lavrov warns over Syria\n\nSergey Lavrov said chemical weapons inspectors needed more time in Syria.\n" },
  { key: "t/06", section: "world", source: "Al Jazeera", text: "Talks in Geneva\n\nSergey Lavrov met John Kerry in Geneva to discuss the chemical weapons plan.\n" },
  { key: "t/07", publishedAt: "2005-02-27T08:00:00Z", section: "politics", text: "Blair and Brown united\n\nTony Blair and Gordon Brown appeared together in Manchester.\n" },
  { key: "t/08", publishedAt: "2005-02-28T08:00:00Z", section: "culture", text: "José Manuel visits Madrid\n\nJosé Manuel Barroso visited Madrid. A sign read <b>Fish & Chips</b> weapons.\n" },
  { key: "t/09", publishedAt: "2005-03-01T10:00:00Z", section: "politics", text: "Weapons inspectors report\n\nThe weapons inspectors said chemical traces were found, but no weapons.\n" },
  { key: "t/10", section: "politics", text: "Blair visits schools\n\nTony Blair visited schools in Leeds on Monday.\n" },
  { key: "t/11", publishedAt: "2005-03-03T12:00:00Z", section: "business", text: "Brown meets bankers\n\nGordon Brown met bankers in the City of London.\n" },
];

describe("the public API over HTTP", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let client: GraphQLClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const s of STORIES) {
      await ingestText(t.db, s.text, {
        sourceKey: s.key,
        section: s.section,
        source: s.source,
        publishedAt: s.publishedAt ? new Date(s.publishedAt) : null,
      });
    }
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    client = new GraphQLClient(`http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`);
    const people: any = await client.request(`{ people(first: 100) { edges { node { id name } } } }`);
    for (const e of people.people.edges) ids[e.node.name] = e.node.id;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const fail = async (query: string, variables?: Record<string, unknown>) => {
    const error = await client.request(query, variables).then(
      () => null,
      (e) => e,
    );
    expect(error).toBeInstanceOf(ClientError);
    return (error as ClientError).response.errors![0];
  };

  async function pageAll(order: string, direction: "forward" | "backward", size = 7, filter = "") {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (let i = 0; i < 50; i++) {
      const args = direction === "forward" ? `first: ${size}, after: $c` : `last: ${size}, before: $c`;
      const data: any = await client.request(
        `query($c: String) { articles(${args} ${order} ${filter}) { totalCount edges { cursor node { headline } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { c: cursor },
      );
      const c = data.articles;
      total = c.totalCount;
      const headlines = c.edges.map((e: any) => e.node.headline);
      if (direction === "forward") seen.push(...headlines);
      else seen.unshift(...headlines);
      const more = direction === "forward" ? c.pageInfo.hasNextPage : c.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = direction === "forward" ? c.pageInfo.endCursor : c.pageInfo.startCursor;
    }
    return { seen, total };
  }

  it("pages every article exactly once forward and backward, ties in publishedAt included", async () => {
    const forward = await pageAll("", "forward");
    const backward = await pageAll("", "backward");
    expect(forward.total).toBe(STORIES.length);
    expect(forward.seen).toHaveLength(STORIES.length);
    expect(new Set(forward.seen).size).toBe(STORIES.length);
    expect(backward.seen).toEqual(forward.seen);
    // Newest first, undated last.
    expect(forward.seen[0]).toBe("Brown meets bankers");
    expect(forward.seen.slice(-3).sort()).toEqual(["Blair visits schools", "Lavrov warns over Syria", "Talks in Geneva"]);
  });

  it("pages in every ordering and direction without skipping or repeating", async () => {
    for (const order of ["orderBy: { field: HEADLINE, direction: ASC }", "orderBy: { field: PUBLISHED_AT, direction: ASC }", "orderBy: { field: HEADLINE, direction: DESC }"]) {
      for (const size of [1, 3, 7]) {
        const forward = await pageAll(order, "forward", size);
        const backward = await pageAll(order, "backward", size);
        expect(new Set(forward.seen).size).toBe(STORIES.length);
        expect(backward.seen).toEqual(forward.seen);
      }
    }
    const asc = await pageAll("orderBy: { field: PUBLISHED_AT, direction: ASC }", "forward");
    expect(asc.seen[0]).toBe("Blair and Brown united");
    expect(asc.seen.slice(-3).sort()).toEqual(["Blair visits schools", "Lavrov warns over Syria", "Talks in Geneva"]);
  });

  it("searches with phrases, exclusions and highlights that are HTML-safe", async () => {
    const phrase: any = await client.request(`{ articles(filter: { search: "\\"chemical weapons\\"" }, orderBy: { field: RELEVANCE }) {
      totalCount edges { rank highlight node { headline } } } }`);
    const headlines = phrase.articles.edges.map((e: any) => e.node.headline).sort();
    expect(headlines).toEqual(["Lavrov warns over Syria", "Talks in Geneva"]);
    for (const e of phrase.articles.edges) {
      expect(e.rank).toBeGreaterThan(0);
      expect(e.highlight).toMatch(/<mark>chemical<\/mark> <mark>weapons<\/mark>/);
    }
    const ranks = phrase.articles.edges.map((e: any) => e.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    const excluded: any = await client.request(`{ articles(filter: { search: "blair -brown" }) { edges { node { headline body } } } }`);
    const found = excluded.articles.edges.map((e: any) => e.node);
    expect(found.map((a: any) => a.headline).sort()).toEqual(["Blair sets out election plans", "Blair visits schools"]);
    for (const a of found) expect(a.body).not.toMatch(/brown/i);

    const escaped: any = await client.request(`{ articles(filter: { search: "fish" }) { edges { highlight } } }`);
    expect(escaped.articles.edges[0].highlight).toContain("&lt;b&gt;<mark>Fish</mark> &amp; Chips&lt;/b&gt;");

    const accent: any = await client.request(`{ articles(filter: { search: "jose" }) { totalCount } }`);
    expect(accent.articles.totalCount).toBe(1);
  });

  it("finds people by name despite typos and accents", async () => {
    const typo: any = await client.request(`{ people(filter: { nameContains: "Lavrof" }) { edges { node { name } } } }`);
    expect(typo.people.edges.map((e: any) => e.node.name)).toContain("Sergey Lavrov");
    const accent: any = await client.request(`{ people(filter: { nameContains: "jose manuel" }) { edges { node { name } } } }`);
    expect(accent.people.edges.map((e: any) => e.node.name)).toContain("José Manuel Barroso");
  });

  it("filters by several people with ALL and ANY", async () => {
    const vars = { ids: [ids["Tony Blair"], ids["Gordon Brown"]] };
    expect(vars.ids.every(Boolean)).toBe(true);
    const all: any = await client.request(`query($ids: [ID!]) { articles(filter: { people: $ids }) { totalCount edges { node { headline } } } }`, vars);
    expect(all.articles.edges.map((e: any) => e.node.headline).sort()).toEqual(["Blair and Brown united", "Brown defends the budget"]);
    expect(all.articles.totalCount).toBe(2);
    const any: any = await client.request(
      `query($ids: [ID!]) { articles(filter: { people: $ids, entityMatch: ANY }) { totalCount } }`,
      vars,
    );
    expect(any.articles.totalCount).toBe(6); // 01, 02, 03, 07, 10, 11
  });

  it("filters by source, section and dates, and counts the filtered set", async () => {
    const q = async (filter: string) => ((await client.request(`{ articles(filter: { ${filter} }) { totalCount edges { node { headline } } } }`)) as any).articles;
    expect((await q(`source: "Al Jazeera"`)).totalCount).toBe(2);
    expect((await q(`section: "business"`)).totalCount).toBe(2);
    expect((await q(`publishedAfter: "2005-03-01T10:00:00Z", publishedBefore: "2005-03-03T00:00:00Z"`)).totalCount).toBe(5);
    expect((await q(`updatedSince: "2999-01-01T00:00:00Z"`)).totalCount).toBe(0);
    expect((await q(`updatedSince: "2000-01-01T00:00:00Z"`)).totalCount).toBe(STORIES.length);
  });

  it("offers facets over the whole filtered list", async () => {
    const data: any = await client.request(`{ articles(first: 1, filter: { section: "politics" }) {
      facets { people(first: 2) { count entity { name } } sources { value count } sections { value count } } } }`);
    const f = data.articles.facets;
    expect(f.people).toEqual([
      { count: 4, entity: { name: "Tony Blair" } },
      { count: 3, entity: { name: "Gordon Brown" } },
    ]);
    expect(f.sections).toEqual([{ value: "politics", count: 6 }]);
  });

  it("answers a search box with entities above articles", async () => {
    const data: any = await client.request(`{ search(query: "Lavrov") { entities(first: 3) { edges { node { __typename name } } }
      articles(first: 5) { totalCount edges { highlight node { headline } } } } }`);
    expect(data.search.entities.edges[0].node).toEqual({ __typename: "Person", name: "Sergey Lavrov" });
    expect(data.search.articles.totalCount).toBe(2);
    expect(data.search.articles.edges[0].highlight).toContain("<mark>Lavrov</mark>");
  });

  it("fetches any object again by its global ID", async () => {
    const list: any = await client.request(`{ articles(first: 1) { edges { node { id headline } } } }`);
    const article = list.articles.edges[0].node;
    const data: any = await client.request(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { headline } ... on Person { name } } }`, {
      ids: [article.id, ids["Tony Blair"], "bm9wZQ"],
    });
    expect(data.nodes).toEqual([{ id: article.id, headline: article.headline }, { id: ids["Tony Blair"], name: "Tony Blair" }, null]);
  });

  it("refuses broken arguments with BAD_USER_INPUT and a message stating the rule", async () => {
    expect(await fail(`{ articles(first: 2, last: 2) { totalCount } }`)).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/either "first" or "last"/) });
    expect(await fail(`{ articles(first: -1) { totalCount } }`)).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(await fail(`{ articles(orderBy: { field: RELEVANCE }) { totalCount } }`)).toMatchObject({ message: expect.stringMatching(/RELEVANCE needs a full-text search/) });
    const headlineCursor: any = await client.request(`{ articles(first: 1, orderBy: { field: HEADLINE }) { pageInfo { endCursor } } }`);
    expect(await fail(`query($c: String) { articles(after: $c) { totalCount } }`, { c: headlineCursor.articles.pageInfo.endCursor })).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringMatching(/cursor returned by this field with the same ordering/),
    });
    expect(await fail(`{ articles(filter: { people: ["QXJ0aWNsZTox"] }) { totalCount } }`)).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("QXJ0aWNsZTox"),
    });
    expect(await fail(`{ articles(filter: { search: "   " }) { totalCount } }`)).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });
});
