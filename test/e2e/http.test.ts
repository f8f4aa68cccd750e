import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { GraphQLClient, ClientError } from "graphql-request";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { NESTED_QUERY } from "../helpers/graphql";

describe("GraphQL over HTTP", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let client: GraphQLClient;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    const port = await server.listen(0, "127.0.0.1");
    url = `http://127.0.0.1:${port}/graphql`;
    client = new GraphQLClient(url);
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("answers the nested query POSTed by a GraphQL client", async () => {
    const data: any = await client.request(NESTED_QUERY);
    const article = data.articles.edges[0].node;
    expect(article.people.map((p: any) => p.name)).toEqual(expect.arrayContaining(["John Kerry", "Sergey Lavrov", "Barack Obama"]));
    expect(article.organisations.map((o: any) => o.name)).toContain("Al Jazeera");
    expect(article.people[0].articles.edges[0].node.headline).toBe(article.headline);
  });

  it("answers a JSON POST alike on the direct path and through Express (charset, compression, other encodings)", async () => {
    const query = JSON.stringify({ query: "{ articles(first: 1) { totalCount edges { node { slug } } } }" });
    const post = async (headers: Record<string, string>, body: string | Buffer) => {
      const res = await fetch(url, { method: "POST", headers, body });
      return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
    };
    // The direct path (plain JSON, with or without a UTF-8 charset, with a query string)…
    const plain = await post({ "content-type": "application/json" }, query);
    expect(plain.status).toBe(200);
    expect(plain.type).toMatch(/^application\/json/);
    expect(JSON.parse(plain.body).data.articles.totalCount).toBe(1);
    expect(await post({ "content-type": "application/json; charset=UTF-8" }, query)).toEqual(plain);
    expect((await fetch(`${url}?x=1`, { method: "POST", headers: { "content-type": "application/json" }, body: query })).status).toBe(200);
    // …and Express's JSON parser for a gzip body: the same answer.
    expect(await post({ "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(query))).toEqual(plain);
    // A charset other than UTF-8 is refused by Express's parser (415), as before the direct path existed.
    expect((await post({ "content-type": "application/json; charset=latin1" }, query)).status).toBe(415);
    // An empty JSON body is a GraphQL request without a query (400 from Apollo), on both paths alike.
    const empty = await post({ "content-type": "application/json" }, "");
    expect(empty.status).toBe(400);
    expect(await post({ "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(""))).toEqual(empty);
    // A JSON scalar is not a request body (strict JSON, as Express's parser has it).
    const scalar = await post({ "content-type": "application/json" }, '"{ __typename }"');
    expect(scalar.status).toBe(400);
    expect(JSON.parse(scalar.body).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses first above 100 with BAD_USER_INPUT naming the rule", async () => {
    const error: ClientError = await client.request("{ articles(first: 101) { totalCount } }").catch((e) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error.response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.response.errors?.[0].message).toMatch(/between 0 and 100/);
  });

  it("answers a malformed cursor with BAD_USER_INPUT, not a server error", async () => {
    const error: ClientError = await client.request(`{ articles(after: "not-a-cursor") { totalCount } }`).catch((e) => e);
    expect(error.response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("returns null for an unknown article id", async () => {
    const data: any = await client.request(`{ article(id: "QXJ0aWNsZTo5OTk5OTk") { headline } node(id: "garbage") { id } }`);
    expect(data).toEqual({ article: null, node: null });
  });

  it("answers an unknown path with a JSON 404, not an HTML page", async () => {
    const res = await fetch(url.replace("/graphql", "/no-such-path"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe("NOT_FOUND");
    expect(body.errors[0].message).toMatch(/GraphQL is at \/graphql/);
  });

  it("returns the request id in a header", async () => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
