import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { QueryFailedError } from "typeorm";
import { ingestText } from "../../src/ingest/ingest";
import { ArticleInputError } from "../../src/ingest/decode";
import { parseArticle, MAX_HEADLINE_LENGTH } from "../../src/ingest/parse";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createFormatError } from "../../src/server/format-error";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/** Inputs a client controls that PostgreSQL cannot store, or that are absurd: typed errors, never internal ones. */
describe("input hygiene", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestText(t.db, "Hygiene headline\n\nJane Doe spoke in Leeds.\n", { sourceKey: "t/hygiene" });
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const post = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("refuses a NUL character in a variable with BAD_USER_INPUT naming where it is", async () => {
    const { body } = await post(`query($s: String) { articles(filter: { search: $s }) { totalCount } }`, { s: "bl\u0000air" });
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/NUL character .*variables\.s/);
  });

  it("refuses a NUL character in a literal argument", async () => {
    const { body } = await post(`{ article(slug: "a\\u0000b") { id } }`);
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a forged cursor carrying a NUL as a bad cursor, and does not echo a long one whole", async () => {
    const forged = Buffer.from(JSON.stringify({ o: "headline-asc", v: ["x\u0000y", "1"] })).toString("base64url");
    const { body } = await post(`query($c: String) { articles(after: $c, orderBy: { field: HEADLINE, direction: ASC }) { totalCount } }`, { c: forged });
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const long = "A".repeat(900);
    const { body: b2 } = await post(`query($c: String) { articles(after: $c) { totalCount } }`, { c: long });
    expect(b2.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(b2.errors[0].message.length).toBeLessThan(300);
  });

  it("refuses a headline longer than the limit, by reason", () => {
    const text = `${"x".repeat(MAX_HEADLINE_LENGTH + 1)}\n\nBody.\n`;
    expect(() => parseArticle(text)).toThrow(ArticleInputError);
    expect(() => parseArticle(text)).toThrow(/headline .* at most 500/);
    expect(parseArticle(`${"x".repeat(MAX_HEADLINE_LENGTH)}\n\nBody.\n`).headline).toHaveLength(MAX_HEADLINE_LENGTH);
  });

  it("logs an unexpected database error without the client's parameters", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const format = createFormatError(pino({ level: "error" }, sink));
    const dbError = new QueryFailedError("SELECT 1 WHERE x = $1", ["secret search text"], Object.assign(new Error("boom"), { code: "22021" }));
    const shown = format({ message: "boom", extensions: {} }, dbError);
    expect(shown.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(shown.message).not.toMatch(/SELECT|boom/);
    expect(lines.join("")).toContain("SELECT 1 WHERE x = $1");
    expect(lines.join("")).not.toContain("secret search text");
  });
});
