import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { Browser } from "playwright-core";
import { hasChromium, launchChromium } from "../helpers/chromium";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { parseWebConfig } from "../../src/server/routes/web-config";
import { createTestDatabase, type TestDatabase } from "../helpers/database";


/** A page server standing for a web app on its own origin. */
function pageServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const s = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>app</title>"));
  return new Promise((resolve) =>
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => s.close(() => r())) });
    }),
  );
}

describe("CORS", () => {
  let t: TestDatabase;
  let allowedPage: Awaited<ReturnType<typeof pageServer>>;
  let otherPage: Awaited<ReturnType<typeof pageServer>>;
  const servers: StorygraphServer[] = [];
  let api: string;
  let closedApi: string;
  let openApi: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    allowedPage = await pageServer();
    otherPage = await pageServer();
    const start = async (corsOrigins: string[] | "*") => {
      const s = await createServer({ db: t.db, logger: pino({ level: "silent" }), web: { corsOrigins } });
      servers.push(s);
      return `http://127.0.0.1:${await s.listen(0, "127.0.0.1")}/graphql`;
    };
    api = await start([allowedPage.origin]);
    closedApi = await start([]);
    openApi = await start("*");
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await allowedPage?.close();
    await otherPage?.close();
    await t?.drop();
  });

  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
    });
  const post = (url: string, origin: string) =>
    fetch(url, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });

  it("allows a listed origin, in the preflight and the actual request", async () => {
    const pre = await preflight(api, allowedPage.origin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(allowedPage.origin);
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const res = await post(api, allowedPage.origin);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowedPage.origin);
    expect(res.headers.get("access-control-expose-headers")).toMatch(/x-request-id/);
    expect(res.headers.get("vary")).toMatch(/origin/i);
  });

  it("gives an unlisted origin no CORS headers, so browsers refuse it", async () => {
    const pre = await preflight(api, otherPage.origin);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const res = await post(api, otherPage.origin);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin by default, and any origin only when configured with *", async () => {
    expect((await post(closedApi, allowedPage.origin)).headers.get("access-control-allow-origin")).toBeNull();
    expect((await post(openApi, "https://anywhere.example")).headers.get("access-control-allow-origin")).toBe("*");
  });

  it("reads the allow-list from STORYGRAPH_CORS_ORIGINS and rejects malformed origins", () => {
    const problems: string[] = [];
    expect(parseWebConfig({}, problems).corsOrigins).toEqual([]);
    expect(parseWebConfig({ STORYGRAPH_CORS_ORIGINS: "*" }, problems).corsOrigins).toBe("*");
    expect(parseWebConfig({ STORYGRAPH_CORS_ORIGINS: "https://a.example, http://localhost:3000" }, problems).corsOrigins).toEqual([
      "https://a.example",
      "http://localhost:3000",
    ]);
    expect(problems).toEqual([]);
    parseWebConfig({ STORYGRAPH_CORS_ORIGINS: "https://a.example/app/" }, problems);
    expect(problems[0]).toMatch(/STORYGRAPH_CORS_ORIGINS must be .* but got: "https:\/\/a.example\/app\/"/);
  });

  describe.skipIf(!hasChromium)("from pages in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    const queryFrom = async (origin: string) => {
      const page = await browser.newPage();
      await page.goto(origin);
      const outcome = await page.evaluate(async (url) => {
        try {
          const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
          return JSON.stringify((await res.json()).data);
        } catch (err) {
          return `refused: ${String(err)}`;
        }
      }, api);
      await page.close();
      return outcome;
    };

    it("lets a page on the allowed origin query the API and refuses a page on another origin", async () => {
      expect(await queryFrom(allowedPage.origin)).toBe('{"__typename":"Query"}');
      expect(await queryFrom(otherPage.origin)).toMatch(/^refused: TypeError/);
    });
  });
});
