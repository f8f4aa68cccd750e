import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverUrl, createTestDatabase, type TestDatabase } from "../helpers/database";
import { ROOT, runNode } from "../helpers/process";

/**
 * `npm run ingest` as a newsroom schedules it (`node dist/src/cli/ingest.js`, what the npm script runs): folders
 * and globs, plain lines off a terminal, a summary naming failures, exit codes, --dry-run and the metadata options.
 */
describe("the ingest command", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-cli-"));
  const corpus = path.join(tmp, "desk");
  let t: TestDatabase | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    fs.mkdirSync(path.join(corpus, "world"), { recursive: true });
    fs.mkdirSync(path.join(corpus, "local"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "seeds/000_0ccf3f5374bbbccc.txt"), path.join(corpus, "world/syria.txt"));
    fs.writeFileSync(path.join(corpus, "local/leeds.txt"), "Minister Jane Holloway visits Leeds\nJane Holloway opened the station in Leeds on Monday.\n");
    fs.writeFileSync(path.join(corpus, "local/latin1.txt"), Buffer.from([0x48, 0x69, 0x0a, 0x0a, 0xa3, 0x31, 0x0a]));
    fs.writeFileSync(path.join(corpus, "local/notes.md"), "not an article");
    if (serverUrl) {
      t = await createTestDatabase();
      env = { DATABASE_URL: t.url! };
    } else {
      env = { STORYGRAPH_DATA_DIR: path.join(tmp, "data") };
    }
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function ingest(...args: string[]): Promise<{ code: number | null; out: string }> {
    const run = runNode("src/cli/ingest.js", args, env);
    const code = await run.exited;
    return { code, out: run.output() };
  }

  it("checks files with --dry-run without opening a database", async () => {
    const { code, out } = await ingest("--dry-run", corpus);
    expect(out).toMatch(/parsed +desk\/world\/syria\.txt: "US and Russia face off over Syria weapons", \d+ entities/);
    expect(out).toMatch(/failed +desk\/local\/latin1\.txt: not valid UTF-8 at byte offset 4/);
    expect(out).toMatch(/done \(dry run, nothing written\): 2 parsed, 1 failed \(3 files/);
    expect(code).toBe(1);
    if (!serverUrl) expect(fs.existsSync(path.join(tmp, "data"))).toBe(false);
  });

  it("ingests a folder, names the bad file with its reason in the summary, and exits 1", async () => {
    const { code, out } = await ingest(corpus, "--section-from-dir", "--source", "Desk Wire");
    expect(out).toMatch(/ingested +desk\/world\/syria\.txt → us-and-russia/);
    expect(out).toMatch(/ingested +desk\/local\/leeds\.txt/);
    expect(out).toMatch(/done: 2 ingested, 0 updated, 0 unchanged, 1 failed \(3 files in [\d.]+ s\)/);
    expect(out).toMatch(/failed files:\n {2}desk\/local\/latin1\.txt: not valid UTF-8 at byte offset 4 \(byte 0xA3\)/);
    expect(out).not.toMatch(/notes\.md/);
    expect(code).toBe(1);
  });

  it("reports everything unchanged on a second run", async () => {
    const { out } = await ingest(corpus, "--section-from-dir", "--source", "Desk Wire");
    expect(out).toMatch(/done: 0 ingested, 0 updated, 2 unchanged, 1 failed/);
  });

  it("expands a quoted glob, counts a changed option as an update, and exits 0 when nothing failed", async () => {
    const { code, out } = await ingest(path.join(corpus, "**/s*.txt"), "--section", "syria", "--source", "Desk Wire", "--published-at", "2013-09-09");
    expect(out).toMatch(/updated +desk\/world\/syria\.txt/);
    expect(out).toMatch(/done: 0 ingested, 1 updated, 0 unchanged, 0 failed \(1 files/);
    expect(code).toBe(0);
  });

  it("draws a progress bar when asked (a terminal gets one by default), then the summary", async () => {
    const { code, out } = await ingest("--dry-run", "--progress", "bar", path.join(corpus, "world"));
    expect(out).toMatch(/checking \[=+\] 100% \| 1\/1 files \| 0 failed/);
    expect(out).not.toMatch(/^parsed /m);
    expect(out).toMatch(/done \(dry run, nothing written\): 1 parsed, 0 failed/);
    expect(code).toBe(0);
  });

  it("exits 2 on bad usage: a missing path, an invalid date, or both section options", async () => {
    expect((await ingest(path.join(tmp, "nope"))).code).toBe(2);
    const date = await ingest(corpus, "--published-at", "yesterday-ish");
    expect(date.code).toBe(2);
    expect(date.out).toMatch(/ISO 8601/);
    expect((await ingest(corpus, "--section", "a", "--section-from-dir")).code).toBe(2);
  });
});
