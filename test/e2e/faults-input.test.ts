import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/data-source";
import { ROOT, runNode } from "../helpers/process";

/**
 * Bad article files given to the ingest command (`node dist/src/cli/ingest.js`): each is refused with a clear
 * reason and nothing of it is written, the size limit comes from STORYGRAPH_MAX_ARTICLE_BYTES, and good files in
 * the same batch are still ingested; and what a kill mid-batch leaves on the embedded database (README, "Limits
 * and safety"). The PostgreSQL kill and restart cases are in faults-postgres.test.ts.
 */
describe("the ingest command on bad files", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-input-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("refuses empty, non-UTF-8, binary and too large files by name and reason, and writes only the good one", async () => {
    const dir = path.join(tmp, "batch");
    fs.mkdirSync(dir);
    const seed = fs.readFileSync(path.join(ROOT, "seeds/000_0ccf3f5374bbbccc.txt"));
    fs.writeFileSync(path.join(dir, "a-good.txt"), seed);
    fs.writeFileSync(path.join(dir, "b-empty.txt"), " \n\n");
    fs.writeFileSync(path.join(dir, "c-latin1.txt"), Buffer.from("Headline\n\nCaf\xe9 society\n", "latin1"));
    fs.writeFileSync(path.join(dir, "d-binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    fs.writeFileSync(path.join(dir, "e-large.txt"), Buffer.concat([Buffer.from("Headline\n\n"), Buffer.alloc(seed.length + 10, "word ")]));
    const dataDir = path.join(tmp, "data");

    const ingest = runNode("src/cli/ingest.js", [dir], { STORYGRAPH_DATA_DIR: dataDir, STORYGRAPH_MAX_ARTICLE_BYTES: String(seed.length) });
    expect(await ingest.exited).toBe(1);
    const out = ingest.output();
    expect(out).toMatch(/^ingested\s+batch\/a-good\.txt/m);
    expect(out).toMatch(/^failed\s+batch\/b-empty\.txt: .*empty/m);
    expect(out).toMatch(/^failed\s+batch\/c-latin1\.txt: not valid UTF-8 at byte offset 13 \(byte 0xE9\)/m);
    expect(out).toMatch(/^failed\s+batch\/d-binary\.txt: looks binary: NUL byte at byte offset 4/m);
    expect(out).toMatch(new RegExp(`^failed\\s+batch/e-large\\.txt: article is ${seed.length + 20} bytes, over the limit of ${seed.length} bytes`, "m"));
    expect(out).toMatch(/done: 1 ingested, 0 updated, 0 unchanged, 4 failed/);

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.dataSource.query(`SELECT source_key FROM article`);
      expect(rows).toEqual([{ source_key: "batch/a-good.txt" }]);
    } finally {
      await db.close();
    }
  }, 180_000);

  it("keeps every article reported done when killed mid-batch on the embedded database; a rerun writes the rest once", async () => {
    const dir = path.join(tmp, "killed");
    fs.mkdirSync(dir);
    const [, ...rest] = fs.readFileSync(path.join(ROOT, "seeds/000_0ccf3f5374bbbccc.txt"), "utf8").split("\n");
    const count = 30;
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `${String(i).padStart(2, "0")}.txt`), [`Dispatch ${i}: US and Russia face off`, ...rest].join("\n"));
    const dataDir = path.join(tmp, "killed-data");

    const first = runNode("src/cli/ingest.js", [dir], { STORYGRAPH_DATA_DIR: dataDir });
    await first.waitFor(/^ingested\s+killed\/05\.txt/m, 120_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const reported = [...first.output().matchAll(/^ingested\s+(\S+) →/gm)].map((m) => m[1]);

    const db = await openDatabase({ dataDir });
    let stored: string[];
    try {
      stored = (await db.dataSource.query(`SELECT source_key FROM article`)).map((r: { source_key: string }) => r.source_key);
    } finally {
      await db.close();
    }
    expect(stored).toEqual(expect.arrayContaining(reported));
    expect(stored.length).toBeLessThan(count);

    const second = runNode("src/cli/ingest.js", [dir], { STORYGRAPH_DATA_DIR: dataDir });
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(new RegExp(`done: ${count - stored.length} ingested, 0 updated, ${stored.length} unchanged, 0 failed`));
  }, 240_000);
});
