import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { StatementCounter } from "../../src/db/statement-counter";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { withLimits } from "../../src/server/limits";
import { createSchema } from "../../src/server/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The attack corpus: hostile requests against the running server over HTTP. Each is refused with the stated
 * status and error code before any SQL statement is sent (counted by a StatementCounter on the database).
 * Every request has a generous deadline, so a hang fails the test instead of stalling the run; latencies are
 * measured by `npm run bench:hostile`, not asserted here.
 */

/** `articles { edges { node { people { articles { … } } } } }` with `hops` people → articles hops, pages of `first`. */
function cycle(hops: number, first = 20): string {
  let selection = "headline";
  for (let i = 0; i < hops; i++) selection = `people { articles(first: ${first}) { edges { node { ${selection} } } } }`;
  return `articles(first: ${first}) { edges { node { ${selection} } } }`;
}
/** Six hops: depth 3 + 6×4 + 1 = 28. */
const DEEP_SELECTION = cycle(6);
/** Four nested `first: 100` pages (depth 16). */
const NESTED_100_X4 = `{ ${cycle(3, 100)} }`;
/** Three nested `first: 100` pages: depth 12, within the depth limit, far over the cost limit. */
const NESTED_100_X3 = `{ ${cycle(2, 100)} }`;

describe("the attack corpus", () => {
  const counter = new StatementCounter();
  const previousNodeEnv = process.env.NODE_ENV;
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    // Development mode is where Apollo and Express would show stack traces: prove they stay hidden there too.
    process.env.NODE_ENV = "development";
    t = await createTestDatabase({ logger: counter });
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    process.env.NODE_ENV = previousNodeEnv;
    await server?.stop();
    await t?.drop();
  });

  interface Answer {
    status: number;
    contentType: string;
    text: string;
    body: any;
  }

  /** Sends a request with a 30 s deadline; resets the statement counter first. */
  async function send(init: RequestInit & { query?: string }, target = url): Promise<Answer> {
    counter.reset();
    const res = await fetch(target, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, body };
  }
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    send({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(payload) });

  /** Asserts the answer is a refusal with `status` and `code`, leaking nothing, and that no SQL ran. */
  function expectRefused(answer: Answer, status: number, code: string, message?: RegExp) {
    expect(answer.status).toBe(status);
    expect(answer.body?.errors?.[0]?.extensions?.code).toBe(code);
    if (message) expect(answer.body.errors.map((e: any) => e.message)).toContainEqual(expect.stringMatching(message));
    expectNothingLeaked(answer.text);
    expect(counter.count).toBe(0);
    expect(counter.transactionStatements).toBe(0);
  }

  it("is ready while the database answers", async () => {
    const res = await fetch(url.replace(/\/graphql$/, "/health/ready"), { signal: AbortSignal.timeout(30_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("answers an ordinary query, reporting its cost (the baseline: SQL does run here)", async () => {
    const answer = await post({ query: "{ articles(first: 5) { totalCount edges { node { headline people { name } } } } }" });
    expect(answer.status).toBe(200);
    expect(answer.body.data.articles.totalCount).toBe(1);
    // articles: 1 + 5 × (edges 1 + node 1 + people (1 + 10 × 0)); scalars are free.
    expect(answer.body.extensions.cost).toBe(1 + 5 * 3);
    expect(counter.count).toBeGreaterThan(0);
  });

  it("refuses a 25-level article → people → articles cycle (depth limit 12)", async () => {
    expectRefused(await post({ query: `{ ${DEEP_SELECTION} }` }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit of 12 exceeded/);
  });

  it("refuses the same cycle hidden under a fragment or an operation named __schema", async () => {
    const fragment = `{ articles { edges { node { people { ...__schema } } } } } fragment __schema on Person { ${DEEP_SELECTION} }`;
    expectRefused(await post({ query: fragment }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit of 12 exceeded/);
    expectRefused(await post({ query: `{ ...__schema } fragment __schema on Query { ${DEEP_SELECTION} }` }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit/);
    expectRefused(await post({ query: `query __schema { ${DEEP_SELECTION} }` }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit/);
  });

  it("refuses 1,000 aliases (token limit) and 16 aliases (alias limit 15)", async () => {
    const many = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }`;
    expectRefused(await post({ query: many }), 400, "GRAPHQL_PARSE_FAILED", /Document contains more th\w+ 2000 tokens/);
    const sixteen = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }`;
    expectRefused(await post({ query: sixteen }), 400, "GRAPHQL_VALIDATION_FAILED", /Aliases limit of 15 exceeded, found 16/);
  });

  it("refuses 2,000 repeated fields (token limit 2000)", async () => {
    expectRefused(await post({ query: `{ articles { ${"totalCount ".repeat(2000)} } }` }), 400, "GRAPHQL_PARSE_FAILED", /tokens/);
  });

  it("refuses circular fragments", async () => {
    const query = `{ ...A } fragment A on Query { articles { edges { node { people { ...B } } } } } fragment B on Person { articles { ...C } } fragment C on ArticleConnection { edges { node { people { ...B } } } }`;
    expectRefused(await post({ query }), 400, "GRAPHQL_VALIDATION_FAILED", /Cannot spread fragment "[BC]" within itself/);
  });

  it("refuses exponentially nested fragments (30⁴ spreads) quickly, by cost", async () => {
    const levels = 5;
    const fragments = Array.from({ length: levels }, (_, i) =>
      `fragment F${i} on Query { ${i === levels - 1 ? "articles(first: 1) { totalCount }" : Array(30).fill(`...F${i + 1}`).join(" ")} }`,
    ).join("\n");
    expectRefused(await post({ query: `{ ...F0 }\n${fragments}` }), 400, "GRAPHQL_VALIDATION_FAILED", /Query cost limit of 50000 exceeded/);
  });

  it("refuses 100 operations in one JSON array (batching is off)", async () => {
    const batch = Array.from({ length: 100 }, () => ({ query: "{ articles { totalCount } }" }));
    expectRefused(await post(batch), 400, "BAD_REQUEST", /batching/i);
  });

  it("refuses a directive flood (directive limit 50) and a longer one (token limit)", async () => {
    expectRefused(await post({ query: `{ articles { totalCount ${"@include(if: true) ".repeat(51)}} }` }), 400, "GRAPHQL_VALIDATION_FAILED");
    const answer = await post({ query: `{ articles { totalCount ${"@include(if: true) ".repeat(51)}} }` });
    expect(answer.body.errors.map((e: any) => e.message)).toContain("Directives limit of 50 exceeded, found 51.");
    expectRefused(await post({ query: `{ articles { totalCount ${"@skip(if: false) ".repeat(1000)}} }` }), 400, "GRAPHQL_PARSE_FAILED");
  });

  it("refuses first: 2147483647, even nested below a field that would query first", async () => {
    expectRefused(await post({ query: "{ articles(first: 2147483647) { totalCount } }" }), 400, "BAD_USER_INPUT", /"first" must be between 0 and 100, but got: 2147483647/);
    const nested = "{ articles(first: 1) { edges { node { people { articles(last: 2147483647) { totalCount } } } } } }";
    expectRefused(await post({ query: nested }), 400, "BAD_USER_INPUT", /"last" must be between 0 and 100/);
  });

  it("refuses nested first: 100 pages: four deep by depth, three deep by cost (limit 50,000), naming the cost", async () => {
    expectRefused(await post({ query: NESTED_100_X4 }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit of 12 exceeded, found 16/);
    const answer = await post({ query: NESTED_100_X3 });
    expectRefused(answer, 400, "GRAPHQL_VALIDATION_FAILED", /Query cost limit of 50000 exceeded, found \d+/);
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: "cost", maxCost: 50000 });
  });

  it("refuses variables of the wrong type with BAD_USER_INPUT", async () => {
    const query = "query ($n: Int, $id: ID!) { articles(first: $n) { totalCount } article(id: $id) { headline } }";
    expectRefused(await post({ query, variables: { n: "ten", id: "x" } }), 400, "BAD_USER_INPUT", /\$n/);
    expectRefused(await post({ query, variables: { n: 1 } }), 400, "BAD_USER_INPUT", /\$id/);
    expectRefused(await post({ query, variables: { n: 2 ** 40, id: "x" } }), 400, "BAD_USER_INPUT");
  });

  it("refuses a 10 MB body with 413, with or without a Content-Length", async () => {
    const big = JSON.stringify({ query: `{ articles { totalCount } } # ${"x".repeat(10 * 1024 * 1024)}` });
    expectRefused(await send({ method: "POST", headers: { "content-type": "application/json" }, body: big }), 413, "PAYLOAD_TOO_LARGE", /limit of 1048576 bytes/);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? `{"query":"{ __typename }", "x": "` : "y".repeat(1024 * 1024)));
        controller.close();
      },
    });
    const streamed = await send({ method: "POST", headers: { "content-type": "application/json" }, body: chunked, duplex: "half" } as RequestInit);
    expectRefused(streamed, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers a body that is not JSON with 400 and no stack trace", async () => {
    expectRefused(await send({ method: "POST", headers: { "content-type": "application/json" }, body: '{"query": ' }), 400, "BAD_REQUEST", /not valid JSON/);
  });

  it("refuses a mutation sent with GET (405 when the schema has mutations; 400 otherwise)", async () => {
    const answer = await send({ method: "GET", headers: { "apollo-require-preflight": "true" } }, `${url}?query=${encodeURIComponent("mutation { __typename }")}`);
    if ((await createSchema()).getMutationType()) {
      expectRefused(answer, 405, "BAD_REQUEST", /GET requests only support query operations/);
    } else {
      expectRefused(answer, 400, "GRAPHQL_VALIDATION_FAILED", /not configured to execute mutation/);
    }
  });

  it("blocks a GET that a browser could send cross-site (CSRF prevention) and answers one with a preflight header", async () => {
    const target = `${url}?query=${encodeURIComponent("{ __typename }")}`;
    expectRefused(await send({ method: "GET" }, target), 400, "BAD_REQUEST", /Cross-Site Request Forgery/);
    const allowed = await send({ method: "GET", headers: { "apollo-require-preflight": "true" } }, target);
    expect(allowed.status).toBe(200);
    expect(allowed.body.data).toEqual({ __typename: "Query" });
  });

  it("answers in application/graphql-response+json when asked, with 4xx for a refused request", async () => {
    const accept = { accept: "application/graphql-response+json" };
    const ok = await post({ query: "{ __typename }" }, accept);
    expect(ok.status).toBe(200);
    expect(ok.contentType).toMatch(/^application\/graphql-response\+json/);
    const refused = await post({ query: NESTED_100_X3 }, accept);
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/graphql-response\+json/);
  });

  it("suggests field names while introspection is on", async () => {
    const answer = await post({ query: "{ articlez { totalCount } }" });
    expectRefused(answer, 400, "GRAPHQL_VALIDATION_FAILED", /Did you mean .*"articles"/);
  });
});

describe("a server with introspection switched off", () => {
  const counter = new StatementCounter();
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase({ logger: counter });
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }), limits: withLimits({ http: { introspection: false } }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const post = async (query: string) => {
    counter.reset();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("refuses __schema and __type", async () => {
    for (const query of ["{ __schema { types { name } } }", '{ __type(name: "Article") { name } }']) {
      const answer = await post(query);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(answer.body.errors[0].message).toMatch(/introspection is not allowed/i);
      expect(counter.count).toBe(0);
    }
  });

  it("gives no 'Did you mean' suggestions", async () => {
    const answer = await post("{ articlez { totalCount } }");
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toMatch(/Cannot query field "articlez"/);
    expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean|"articles"/);
  });
});

describe("an unexpected failure", () => {
  const previousNodeEnv = process.env.NODE_ENV;
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;
  const logged: unknown[] = [];

  beforeAll(async () => {
    process.env.NODE_ENV = "development";
    t = await createTestDatabase();
    const logger = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    server = await createServer({ db: t.db, logger });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
    // The database goes away under the server: every query now fails inside the driver.
    await t.db.close();
  });
  afterAll(async () => {
    process.env.NODE_ENV = previousNodeEnv;
    await server?.stop();
    await t?.drop();
  });

  it("reaches the client as INTERNAL_SERVER_ERROR with a generic message and the request id, and is logged in full", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "attack-test-1" },
      body: JSON.stringify({ query: "{ articles { totalCount edges { node { headline } } } }" }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.errors[0]).toMatchObject({
      message: "Internal server error. Quote the request id when reporting it.",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(body.extensions.requestId).toBe("attack-test-1");
    expect(res.headers.get("x-request-id")).toBe("attack-test-1");
    expectNothingLeaked(text);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).toMatch(/"stack"/);
  });
  it("fails readiness while the database is away; liveness still answers", async () => {
    const base = url.replace(/\/graphql$/, "");
    const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(30_000) });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable" });
    const live = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(30_000) });
    expect(live.status).toBe(200);
  });
});

/** No SQL, stack trace, file path or driver detail in what a client receives. */
function expectNothingLeaked(text: string) {
  expect(text).not.toMatch(/\bSELECT\b|\bFROM "?\w+"?\b.*\bWHERE\b|\bINSERT INTO\b/i);
  expect(text).not.toMatch(/\n\s+at |\bat \S+ \(|node_modules|\/work\/|\/src\/|\.ts:\d+|\.js:\d+/);
  expect(text).not.toMatch(/stacktrace|<html|<pre>/i);
  expect(text).not.toMatch(/QueryFailedError|TypeORM|pg_|ECONNREFUSED|Driver/);
}
