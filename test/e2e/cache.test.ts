import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { Redis } from "ioredis";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import type { WebConfig } from "../../src/server/routes";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/** The machine's Redis (CI starts it; see .ci/run). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const TOKEN = "cache-test-admin-token-42";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("HTTP caching and automatic persisted queries", () => {
  let t: TestDatabase;
  const servers: StorygraphServer[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await t?.drop();
  });

  async function start(web: Partial<WebConfig> = {}): Promise<string> {
    const s = await createServer({ db: t.db, logger: pino({ level: "silent" }), auth: { adminToken: TOKEN, adminName: "desk" }, web });
    servers.push(s);
    return `http://127.0.0.1:${await s.listen(0, "127.0.0.1")}/graphql`;
  }

  const get = (url: string, params: Record<string, unknown>) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return fetch(`${url}?${qs}`, { headers: { "apollo-require-preflight": "1" } });
  };
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  /** A query text no earlier run registered (its hash is new). */
  const freshQuery = () => `# run ${randomBytes(6).toString("hex")}\n{ articles(first: 1) { totalCount edges { node { headline } } } }`;
  const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

  it("answers GET queries with no-store by default, so writes are visible at once", async () => {
    const url = await start();
    const res = await get(url, { query: "{ articles(first: 1) { totalCount } }" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("gives GET queries the configured max-age, and never POSTs or mutations", async () => {
    const url = await start({ cacheMaxAgeSeconds: 60 });
    const got = await get(url, { query: "{ articles(first: 1) { totalCount } }" });
    expect(got.headers.get("cache-control")).toBe("max-age=60, public");
    const posted = await post(url, { query: "{ articles(first: 1) { totalCount } }" });
    expect(posted.headers.get("cache-control")).toBe("no-store");
    const mutation = await post(url, { query: `mutation { ingestArticle(input: { text: "Cache test headline\\nBody text about Leeds." }) { status } }` }, { authorization: `Bearer ${TOKEN}` });
    expect((await mutation.json()).data.ingestArticle.status).toMatch(/INGESTED|UNCHANGED/);
    expect(mutation.headers.get("cache-control")).toBe("no-store");
  });

  it("registers a persisted query in memory and answers it by hash over GET", async () => {
    const url = await start({ cacheMaxAgeSeconds: 30 });
    const query = freshQuery();
    const miss = await (await get(url, { extensions: apq(query) })).json();
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await (await post(url, { query, extensions: apq(query) })).json();
    expect(registered.data.articles.totalCount).toBeGreaterThan(0);
    const hit = await get(url, { extensions: apq(query) });
    expect((await hit.json()).data).toEqual(registered.data);
    expect(hit.headers.get("cache-control")).toBe("max-age=30, public");
  });

  it("keeps in-memory persisted queries per instance", async () => {
    const a = await start();
    const b = await start();
    const query = freshQuery();
    await post(a, { query, extensions: apq(query) });
    const onB = await (await get(b, { extensions: apq(query) })).json();
    expect(onB.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("shares persisted queries between instances through Redis", async () => {
    const a = await start({ redisUrl: REDIS_URL });
    const b = await start({ redisUrl: REDIS_URL });
    const query = freshQuery();
    const missOnB = await (await get(b, { extensions: apq(query) })).json();
    expect(missOnB.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    await post(a, { query, extensions: apq(query) });
    // Apollo stores a registered query without holding up the response: wait for the write to land.
    await expect.poll(async () => (await (await get(b, { extensions: apq(query) })).json()).data?.articles.edges.length, { timeout: 5000 }).toBe(1);

    const redis = new Redis(REDIS_URL);
    try {
      const key = (await redis.keys(`storygraph:apq:*${sha256(query)}`))[0];
      expect(key).toBeDefined();
      expect(await redis.get(key)).toBe(query);
      expect(await redis.ttl(key)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it("treats an unreachable Redis as a cache miss, never a failed request", async () => {
    const url = await start({ redisUrl: "redis://127.0.0.1:1/0" });
    const query = freshQuery();
    const res = await (await post(url, { query, extensions: apq(query) })).json();
    expect(res.errors).toBeUndefined();
    expect(res.data.articles.totalCount).toBeGreaterThan(0);
  });
});
