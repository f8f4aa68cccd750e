import path from "node:path";
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
