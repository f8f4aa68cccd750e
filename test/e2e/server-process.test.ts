import fs from "node:fs";
import os from "node:os";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT, runNode, type Running } from "../helpers/process";

/**
 * The server as a user runs it (`node dist/src/main.js`, what `npm start` runs) on the embedded database in a
 * data folder: seeding, restart, and the ingest command refusing to open a folder the server holds.
 */
describe("npm start on the embedded database", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-e2e-"));
  const seeds = path.join(tmp, "seeds");
  let port: number;
  let env: Record<string, string>;
  let server: Running | null = null;

  beforeAll(async () => {
    fs.mkdirSync(seeds);
    fs.copyFileSync(path.join(ROOT, "seeds/000_0ccf3f5374bbbccc.txt"), path.join(seeds, "000_0ccf3f5374bbbccc.txt"));
    fs.writeFileSync(path.join(seeds, "empty.txt"), "");
    fs.writeFileSync(path.join(seeds, "latin1.txt"), Buffer.from([0x48, 0x69, 0x0a, 0x0a, 0xa3, 0x31, 0x0a]));
    port = await freePort();
    env = { PORT: String(port), STORYGRAPH_DATA_DIR: path.join(tmp, "data"), STORYGRAPH_SEED_DIR: seeds };
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function query(q: string): Promise<any> {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: q }),
    });
    return res.json();
  }

  it("seeds, reports bad seed files by name, and serves the seed", async () => {
    server = runNode("src/main.js", [], env);
    await server.waitFor(/Storygraph ready at http:\/\/localhost:\d+\/graphql/);
    expect(server.output()).toMatch(/empty\.txt.*empty/i);
    expect(server.output()).toMatch(/latin1\.txt.*UTF-8.*byte offset 4/);
    const body = await query("{ articles { totalCount edges { node { headline people { name } } } } }");
    expect(body.data.articles.totalCount).toBe(1);
    expect(body.data.articles.edges[0].node.people.map((p: any) => p.name)).toContain("John Kerry");
  });

  it("refuses to let the ingest command open the folder the server holds", async () => {
    const ingest = runNode("src/cli/ingest.js", [seeds], env);
    expect(await ingest.exited).toBe(1);
    expect(ingest.output()).toMatch(/in use by a running server \(pid \d+/);
  });

  it("finishes a request already in flight when SIGTERM arrives, then exits", async () => {
    // A POST whose body is still arriving when the signal comes: the server must answer it before it exits.
    const body = JSON.stringify({ query: "{ articles { totalCount } }" });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, path: "/graphql", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server!.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ data: { articles: { totalCount: 1 } } });
    expect(await server!.exited).toBe(0);
    // Exited through the orderly path (drain, close the pool), not because the event loop happened to empty.
    expect(server!.output()).toMatch(/"msg":"stopped"/);
  });

  it("stops on SIGTERM and, started again, keeps its data without ingesting twice", async () => {
    server = runNode("src/main.js", [], env);
    await server.waitFor(/Storygraph ready/);
    expect(server.output()).toMatch(/seed unchanged: seeds\/000_0ccf3f5374bbbccc\.txt/);
    const body = await query("{ articles { totalCount } }");
    expect(body.data.articles.totalCount).toBe(1);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
