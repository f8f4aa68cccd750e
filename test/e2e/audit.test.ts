import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { serverAudits } from "graphql-http";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The GraphQL-over-HTTP conformance audit of graphql-http (`serverAudits`), run against the server listening on
 * a real port. Every MUST audit passes; SHOULD/MAY ones may warn (Apollo Server answers some of them its own way),
 * and those warnings are listed here so a change in them shows up in review.
 */
describe("the GraphQL-over-HTTP audit", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("passes every MUST audit", async () => {
    const results = [];
    for (const audit of serverAudits({ url: () => url })) results.push(await audit.fn());
    const failures = results.filter((r) => r.status === "error").map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(50);
    const warnings = results.filter((r) => r.status === "warn").map((r) => r.name);
    // Known SHOULD-level differences of Apollo Server; a new one fails here so it gets a look.
    expect(warnings).toEqual(KNOWN_WARNINGS);
  });
});

/**
 * SHOULD audits Apollo Server answers differently: for a request that fails before execution it answers 400
 * even to `Accept: application/json` clients (the spec suggests 200 for that legacy media type). We keep 400: a
 * refused query is the client's error, and the attack corpus asserts it.
 */
const KNOWN_WARNINGS: string[] = [
  "SHOULD use 200 status code on document parsing failure when accepting application/json",
  "SHOULD use 200 status code on document validation failure when accepting application/json",
  "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
];
