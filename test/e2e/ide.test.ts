import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { Browser } from "playwright-core";
import { CHROMIUM, hasChromium, launchChromium } from "../helpers/chromium";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { EXAMPLE_QUERY } from "../../src/server/ide/ide";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const SEED_HEADLINE = "US and Russia face off over Syria weapons";

describe("the GraphQL IDE over HTTP", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  let base: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    base = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("serves the IDE page to a browser at /graphql and at /, with a same-origin-only policy", async () => {
    for (const url of [`${base}/graphql`, `${base}/`]) {
      const res = await fetch(url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
      const html = await res.text();
      expect(html).toContain("/ide/assets/graphiql.min.js");
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  it("leaves GraphQL GET requests to the API", async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8", "apollo-require-preflight": "1" },
    });
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect((await res.json()).data).toEqual({ __typename: "Query" });
  });

  it("serves every asset from this server and nothing else under the asset path", async () => {
    for (const name of ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "storygraph-ide.js"]) {
      const res = await fetch(`${base}/ide/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect((await res.arrayBuffer()).byteLength, name).toBeGreaterThan(100);
    }
    expect((await fetch(`${base}/ide/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it("opens with an example query walking article → people → their stories, within the depth limit", () => {
    expect(EXAMPLE_QUERY).toMatch(/articles\(first: 3\)[\s\S]*people \{[\s\S]*articles\(first: 5\)[\s\S]*headline/);
    let depth = 0;
    let max = 0;
    for (const c of EXAMPLE_QUERY.replace(/#.*$/gm, "")) {
      if (c === "{") max = Math.max(max, ++depth);
      if (c === "}") depth--;
    }
    expect(max - 1).toBeLessThanOrEqual(12);
  });

  describe.skipIf(!hasChromium)(`in headless Chromium (${CHROMIUM})`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("runs the example query, shows the seed headline, opens the docs, and requests nothing off this host", async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
      await page.goto(`${base}/graphql`);
      await page.locator(".graphiql-execute-button").click({ timeout: 30_000 });
      await expect.poll(() => page.locator(".result-window").innerText(), { timeout: 30_000 }).toContain(SEED_HEADLINE);
      expect(await page.locator(".result-window").innerText()).toContain('"people"');

      await page.locator('[aria-label="Show Documentation Explorer"]').click();
      const docs = page.locator(".graphiql-doc-explorer");
      await expect.poll(() => docs.innerText(), { timeout: 30_000 }).toMatch(/Root Types\s+query: Query\s+mutation: Mutation/);
      await docs.locator("a.graphiql-doc-explorer-type-name", { hasText: /^Query$/ }).first().click();
      // The root type's description and its fields' descriptions come from introspection.
      await expect.poll(() => docs.innerText(), { timeout: 30_000 }).toMatch(/Entry points for reading/);
      expect(await docs.innerText()).toMatch(/articles/);

      expect(requests.length).toBeGreaterThan(5);
      const offHost = requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith("data:"));
      expect(offHost).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  });
  if (!hasChromium) {
    it.skip(`browser test skipped: ${CHROMIUM} is missing (install it with: apt-get install -y chromium; .ci/run does)`, () => {});
  }
});
