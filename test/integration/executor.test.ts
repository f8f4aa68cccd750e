/**
 * Execution through graphql-jit (src/server/executor.ts) keeps GraphQL's semantics where compiled code could
 * differ from graphql-js. A document runs through graphql-js the first time and compiled from the second, so each
 * check below sends its document twice and expects the same answer from both: several operations in one document chosen by name (each compiled and kept apart),
 * abstract types resolved from `__typename`, variables refused as the client's error, errors carrying their path
 * and code with partial data kept, and a non-null field's error nulling its parent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { ingestText } from "../../src/ingest/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

const TEXT = `Merkel meets Macron in Berlin\n\nAngela Merkel met Emmanuel Macron in Berlin on Monday, the European Commission said.\n`;

describe("operation execution", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestText(t.db, TEXT, { sourceKey: "x/1.txt", publishedAt: new Date("2024-05-06T10:00:00Z") });
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const postOnce = async (body: unknown) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Sends the request twice (interpreted, then compiled), checks both answers agree, returns one. */
  const post = async (body: unknown) => {
    const first = await postOnce(body);
    const second = await postOnce(body);
    const strip = (r: typeof first) => ({ ...r, body: { ...r.body, extensions: { ...r.body.extensions, requestId: undefined } } });
    expect(strip(second)).toEqual(strip(first));
    return second;
  };

  it("runs the operation a document names, each compiled apart, and asks for a name when there are several", async () => {
    const query = `
      query Headlines { articles { edges { node { headline } } } }
      query People { people(first: 5) { edges { node { name } } } }`;
    for (let i = 0; i < 2; i++) {
      expect((await post({ query, operationName: "Headlines" })).body.data).toEqual({
        articles: { edges: [{ node: { headline: "Merkel meets Macron in Berlin" } }] },
      });
      const people = (await post({ query, operationName: "People" })).body.data.people.edges.map((e: any) => e.node.name);
      expect(people.sort()).toEqual(["Angela Merkel", "Emmanuel Macron"]);
    }
    const unnamed = await post({ query });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].message).toMatch(/operation name/i);
  });

  it("resolves interfaces and fragments on them to each object's own type", async () => {
    const query = `{ articles { edges { node { id entities { entity { __typename ...E } } } } } }
      fragment E on Entity { name ... on Person { id } ... on Organisation { slug } }`;
    const { data } = await execute(server.apollo, t.db, query);
    expect((await execute(server.apollo, t.db, query)).data).toEqual(data);
    const entities = data.articles.edges[0].node.entities.map((x: any) => x.entity);
    expect(entities.map((e: any) => e.__typename).sort()).toEqual(["Organisation", "Person", "Person", "Place"]);
    for (const e of entities) expect(Object.keys(e).sort()).toEqual(e.__typename === "Person" ? ["__typename", "id", "name"] : e.__typename === "Organisation" ? ["__typename", "name", "slug"] : ["__typename", "name"]);
    for (let i = 0; i < 2; i++) {
      const node = await execute(server.apollo, t.db, `query ($id: ID!) { node(id: $id) { __typename ... on Article { headline } } }`, { id: data.articles.edges[0].node.id });
      expect(node.data).toEqual({ node: { __typename: "Article", headline: "Merkel meets Macron in Berlin" } });
    }
  });

  it("refuses a bad variable as the client's error, with status 400 and the variable named", async () => {
    const { status, body } = await post({ query: "query ($n: Int) { articles(first: $n) { totalCount } }", variables: { n: "many" } });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/\$n/);
    expect(body.data).toBeUndefined();
  });

  it("keeps the data that resolved beside a field's error, with the error's path and code", async () => {
    const { status, body } = await post({ query: `{ ok: articles { totalCount } bad: article(id: "x", slug: "y") { headline } }` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ ok: { totalCount: 1 }, bad: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ["bad"], extensions: { code: "BAD_USER_INPUT" }, locations: [{ line: 1, column: 31 }] });
  });

  it("nulls the nearest nullable parent when a non-null field fails", async () => {
    const { body } = await post({ query: `{ articles { edges { node { headline related(minScore: 2) { edges { score } } } } } }` });
    expect(body.errors[0]).toMatchObject({ path: ["articles", "edges", 0, "node", "related"], extensions: { code: "BAD_USER_INPUT" } });
    // `related`, the edge's `node`, the `edges` items and list, and `Query.articles` are all non-null: the error
    // nulls everything up to `data` itself, as graphql-js would.
    expect(body.data).toBeNull();
    const nullable = await post({ query: `{ article(slug: "merkel-meets-macron-in-berlin") { headline related(minScore: 2) { edges { score } } } }` });
    expect(nullable.body.data).toEqual({ article: null });
    expect(nullable.body.errors[0].path).toEqual(["article", "related"]);
  });

  it("answers the same to requests a compiled operation could read differently (found by review)", async () => {
    // An empty operation name names no operation: 400 every time (graphql-jit would run the only one).
    const empty = await post({ query: "{ __typename }", operationName: "" });
    expect(empty.status).toBe(400);
    // A subscription (the API has none): a stable 400, not a masked server error.
    const subscription = await post({ query: "subscription { articles { totalCount } }" });
    expect(subscription.status).toBe(400);
    expect(subscription.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    // `__proto__` cannot be a response key of a plain object: refused as an alias before execution.
    const proto = await post({ query: "{ __proto__: __typename }" });
    expect(proto.status).toBe(400);
    expect(proto.body.errors[0].message).toMatch(/__proto__/);
  });

  it("refuses NUL characters with 400, however deep the variables nest", async () => {
    const nul = await postOnce({ query: "query ($s: String) { article(slug: $s) { id } }", variables: { s: "a\u0000b" } });
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const literal = await postOnce({ query: '{ article(slug: "a\\u0000b") { id } }' });
    expect(literal.status).toBe(400);
    // Written by hand: JSON.stringify itself overflows the stack on such a value.
    for (const [open, close] of [["[", "]"], ['{"a":', "}"]]) {
      const body = `{"query":"{ __typename }","variables":{"y":${open.repeat(10_000)}"x"${close.repeat(10_000)}}}`;
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data).toEqual({ __typename: "Query" });
    }
  });

  it("reads a body of only whitespace as not JSON, on the direct path as through Express", async () => {
    const send = async (path: string) => {
      const res = await fetch(url.replace(/\/graphql$/, path), { method: "POST", headers: { "content-type": "application/json" }, body: "   " });
      return { status: res.status, code: ((await res.json()) as any).errors[0].extensions.code };
    };
    expect(await send("/graphql")).toEqual({ status: 400, code: "BAD_REQUEST" });
    expect(await send("/graphql/")).toEqual(await send("/graphql"));
  });
});
