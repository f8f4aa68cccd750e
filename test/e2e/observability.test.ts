import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

describe("logs, metrics and the schema contract over HTTP", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let base: string;
  const lines: any[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    server = await createServer({ db: t.db, logger, auth: { adminToken: "observability-token-123", adminName: "desk" } });
    base = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  /** Log lines are written when the response finishes, just after the client has it. */
  async function logLineOf(requestId: string): Promise<any> {
    await expect.poll(() => lines.find((l) => l.requestId === requestId), { timeout: 5000 }).toBeDefined();
    return lines.find((l) => l.requestId === requestId);
  }

  it("writes one JSON line per request with its id, operation, duration and status, and no variables", async () => {
    const res = await post(
      { query: "query SeedHeadlines($n: Int) { articles(first: $n) { edges { node { headline } } } }", operationName: "SeedHeadlines", variables: { n: 7 } },
      { "x-request-id": "log-test-1", authorization: "Bearer secret-never-logged" },
    );
    expect(res.headers.get("x-request-id")).toBe("log-test-1");
    const line = await logLineOf("log-test-1");
    expect(line).toMatchObject({ level: 30, req: { id: "log-test-1", method: "POST", path: "/graphql" }, res: { statusCode: 200 }, operationName: "SeedHeadlines", operationType: "query" });
    expect(typeof line.responseTime).toBe("number");
    expect(line.msg).toMatch(/^POST \/graphql 200 in \d+ ms$/);
    const text = JSON.stringify(line);
    expect(text).not.toContain("secret-never-logged");
    expect(text).not.toContain('"n"');
    expect(line.errorCodes).toBeUndefined();
  });

  it("logs the error codes of a request that failed, and generates an id when none is sent", async () => {
    const res = await post({ query: "mutation Gone { deleteArticle(id: \"QXJ0aWNsZTo5OTk5\") { deletedId } }" });
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await logLineOf(id);
    expect(line).toMatchObject({ operationName: "Gone", operationType: "mutation", errorCodes: ["UNAUTHENTICATED"] });
  });

  it("keeps a GET query's variables out of the logged path", async () => {
    const q = encodeURIComponent("query V($n: Int) { articles(first: $n) { totalCount } }");
    await fetch(`${base}/graphql?query=${q}&variables=${encodeURIComponent('{"n":"secret-var"}')}`, { headers: { "x-request-id": "log-get-1", "apollo-require-preflight": "1" } });
    const line = await logLineOf("log-get-1");
    expect(line.req.path).toBe("/graphql");
    expect(JSON.stringify(line)).not.toContain("secret-var");
  });

  it("exposes request durations by operation, errors by code, pool usage and ingestion counts at /metrics", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toMatch(/^storygraph_graphql_request_duration_seconds_bucket\{le="0\.005",operation="SeedHeadlines"\} \d+$/m);
    expect(body).toMatch(/^storygraph_graphql_request_duration_seconds_count\{operation="SeedHeadlines"\} 1$/m);
    expect(body).toMatch(/^storygraph_graphql_errors_total\{code="UNAUTHENTICATED"\} 1$/m);
    expect(body).toMatch(/^storygraph_db_pool_connections\{state="total"\} \d+$/m);
    expect(body).toMatch(/^storygraph_db_pool_connections\{state="waiting"\} \d+$/m);
    // The seed was ingested in this process before the server started.
    expect(body).toMatch(/^storygraph_articles_ingested_total\{status="ingested"\} [1-9]\d*$/m);
    expect(body).toMatch(/^storygraph_process_cpu_seconds_total /m);
  });

  it("serves exactly schema/schema.graphql at /schema.graphql", async () => {
    const res = await fetch(`${base}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/graphql/);
    expect(await res.text()).toBe(fs.readFileSync(path.resolve(__dirname, "../../schema/schema.graphql"), "utf8"));
    // Revalidation: the same ETag comes back 304 with no body; another one gets the schema again. (An explicit
    // Cache-Control: fetch would add `no-cache` to a conditional request, which asks the server not to answer 304.)
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${base}/schema.graphql`, { headers: { "if-none-match": etag!, "cache-control": "max-age=0" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const changed = await fetch(`${base}/schema.graphql`, { headers: { "if-none-match": '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it("answers GraphQL without an ETag (nothing revalidates a POST; hashing every answer cost CPU)", async () => {
    const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBeNull();
  });
});
