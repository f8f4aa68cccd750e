import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT, runNode, type Running } from "../helpers/process";
import { startThrowawayPostgres, throwawayPostgresAvailable, type ThrowawayPostgres } from "../helpers/throwaway-postgres";

/**
 * Failures on a real PostgreSQL, each on a server this file starts for itself (initdb into a temporary folder,
 * its own port), never the shared one: two instances starting at once, an ingest killed mid-batch, and the
 * database restarting under a running server and ingest. The processes are the real `dist/` entry points.
 * Timeouts are generous: the machine is shared and slow; a hang still fails.
 */
describe.skipIf(!throwawayPostgresAvailable())("faults on a throwaway PostgreSQL", () => {
  let postgres: ThrowawayPostgres;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-faults-"));
  const running: Running[] = [];
  const seedText = fs.readFileSync(path.join(ROOT, "seeds/000_0ccf3f5374bbbccc.txt"), "utf8");

  /** A folder of `count` articles that differ only in their headline's number, so each extracts the same way. */
  function articles(name: string, count: number): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    const [, ...rest] = seedText.split("\n");
    for (let i = 0; i < count; i++) {
      fs.writeFileSync(path.join(dir, `${String(i).padStart(4, "0")}.txt`), [`Dispatch ${i}: US and Russia face off over Syria weapons`, ...rest].join("\n"));
    }
    return dir;
  }

  function start(script: string, args: string[], env: Record<string, string>): Running {
    const process = runNode(script, args, { LOG_LEVEL: "info", ...env });
    running.push(process);
    return process;
  }

  async function sql<T = any>(url: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  }

  /** Source keys an ingest run reported as written or already there. */
  const reportedDone = (output: string) => [...output.matchAll(/^(?:ingested|updated|unchanged)\s+(\S+) →/gm)].map((m) => m[1]);

  /** Per article: its entity links and mentions; a half-written article would differ from the others. */
  async function articleShapes(url: string) {
    return sql<{ source_key: string; links: number; mentions: number; orphan_mentions: number }>(
      url,
      `SELECT a.source_key,
              (SELECT count(*)::int FROM article_entity ae WHERE ae.article_id = a.id) AS links,
              (SELECT count(*)::int FROM mention m WHERE m.article_id = a.id) AS mentions,
              (SELECT count(*)::int FROM mention m WHERE m.article_id = a.id AND NOT EXISTS
                 (SELECT 1 FROM article_entity ae WHERE ae.article_id = m.article_id AND ae.entity_id = m.entity_id)) AS orphan_mentions
         FROM article a ORDER BY a.source_key`,
    );
  }

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const p of running) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill("SIGKILL");
        await p.exited;
      }
    }
    await postgres?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  it("two instances starting at once on a fresh database migrate and seed once", async () => {
    const url = await postgres.createDatabase("startup");
    const seeds = articles("startup-seeds", 3);
    const env = (port: number) => ({ DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", STORYGRAPH_SEED_DIR: seeds });
    const [a, b] = [start("src/main.js", [], env(await freePort())), start("src/main.js", [], env(await freePort()))];
    await Promise.all([a.waitFor(/Storygraph ready/, 120_000), b.waitFor(/Storygraph ready/, 120_000)]);

    const migrations = await sql(url, `SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.n === 1)).toBe(true);
    expect((await sql(url, `SELECT count(*)::int AS n FROM article`))[0].n).toBe(3);
    const ingested = (a.output() + b.output()).match(/seed ingested/g) ?? [];
    const unchanged = (a.output() + b.output()).match(/seed unchanged/g) ?? [];
    expect(ingested).toHaveLength(3);
    expect(unchanged).toHaveLength(3);

    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  }, 240_000);

  it("a kill in the middle of a batch ingest leaves no half-written article, and a rerun writes each article once", async () => {
    const url = await postgres.createDatabase("killed");
    const count = 40;
    const dir = articles("killed", count);
    const first = start("src/cli/ingest.js", [dir], { DATABASE_URL: url });
    await first.waitFor(/^ingested\s+killed\/0009\.txt/m, 120_000);
    first.child.kill("SIGKILL");
    await first.exited;

    const partial = await articleShapes(url);
    expect(partial.length).toBeGreaterThanOrEqual(10);
    expect(partial.length).toBeLessThan(count);
    // Every article reported done is stored; at most the one in flight at the kill is stored unreported.
    const reported = reportedDone(first.output());
    expect(partial.map((a) => a.source_key)).toEqual(expect.arrayContaining(reported));
    expect(partial.length - reported.length).toBeLessThanOrEqual(1);

    const second = start("src/cli/ingest.js", [dir], { DATABASE_URL: url });
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(new RegExp(`done: ${count - partial.length} ingested, 0 updated, ${partial.length} unchanged, 0 failed`));

    const all = await articleShapes(url);
    expect(all).toHaveLength(count);
    expect(new Set(all.map((a) => a.source_key)).size).toBe(count);
    // Same text, same extraction: every article, whether written before or after the kill, has the same rows.
    const { links, mentions } = all[count - 1];
    expect(links).toBeGreaterThan(0);
    expect(mentions).toBeGreaterThanOrEqual(links);
    for (const article of all) expect(article).toMatchObject({ links, mentions, orphan_mentions: 0 });
  }, 300_000);

  it("a server survives PostgreSQL restarting under queries and an ingest; a rerun completes the batch", async () => {
    const url = await postgres.createDatabase("restarted");
    const count = 40;
    const dir = articles("restarted", count);
    const port = await freePort();
    const server = start("src/main.js", [], { DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", STORYGRAPH_SEED: "false" });
    await server.waitFor(/Storygraph ready/, 120_000);
    const base = `http://127.0.0.1:${port}`;
    const ready = async () => (await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(10_000) })).status;
    const query = async () => {
      try {
        const res = await fetch(`${base}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ articles(first: 3) { totalCount edges { node { headline people { name } } } } }" }),
          signal: AbortSignal.timeout(20_000),
        });
        const body = (await res.json()) as any;
        return body.data ? "ok" : body.errors[0].extensions.code;
      } catch {
        return "no answer";
      }
    };
    expect(await ready()).toBe(200);

    // Queries keep coming throughout.
    let querying = true;
    const answers: string[] = [];
    const load = (async () => {
      while (querying) {
        answers.push(await query());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const ingest = start("src/cli/ingest.js", [dir], { DATABASE_URL: url });
    await ingest.waitFor(/^ingested\s+restarted\/0004\.txt/m, 120_000);
    await postgres.stop("immediate");
    expect(await ready()).toBe(503);
    const duringOutage = answers.length;
    await new Promise((r) => setTimeout(r, 1000));
    await postgres.start();

    // Readiness recovers by itself within seconds, and queries answer again.
    const deadline = Date.now() + 60_000;
    while ((await ready()) !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await query()).toBe("ok");
    querying = false;
    await load;
    expect(server.child.exitCode).toBeNull();
    expect(answers.slice(0, duringOutage).filter((a) => a === "ok").length).toBeGreaterThan(0);
    expect(answers).toContain("INTERNAL_SERVER_ERROR");
    expect(answers).not.toContain("no answer");

    // The ingest either failed on the outage or, if it reconnected, went on; what it reported done is stored.
    const exit = await ingest.exited;
    const reported = reportedDone(ingest.output());
    const stored = (await sql(url, `SELECT source_key FROM article`)).map((r) => r.source_key);
    expect(stored).toEqual(expect.arrayContaining(reported));
    if (exit !== 0) expect(stored.length).toBeLessThan(count);

    const rerun = start("src/cli/ingest.js", [dir], { DATABASE_URL: url });
    expect(await rerun.exited).toBe(0);
    const all = await articleShapes(url);
    expect(all).toHaveLength(count);
    expect(all.every((a) => a.orphan_mentions === 0 && a.links === all[0].links && a.mentions === all[0].mentions)).toBe(true);

    // SIGTERM: stops within the 15 s budget with exit code 0.
    const stopping = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15_000);
  }, 400_000);
});
