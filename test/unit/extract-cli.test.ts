import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandPaths, extractFile } from "../../src/cli/extract";
import { articleKey, normaliseName, prf, scoreExtraction } from "../../src/ingest/extract/score";

const fixtures = path.resolve(__dirname, "../fixtures");

describe("extract CLI helpers", () => {
  it("expands a directory to its .txt files, sorted", () => {
    const files = expandPaths([fixtures]).map((f) => path.basename(f));
    expect(files).toEqual([...files].sort());
    expect(files).toContain("bbc-layout.txt");
  });

  it("reports unreadable articles as entries with an error code", () => {
    expect(extractFile(path.join(fixtures, "not-utf8.txt"))).toMatchObject({ error: { code: "NOT_UTF8" } });
    expect(extractFile(path.join(fixtures, "empty.txt"))).toMatchObject({ error: { code: "EMPTY" } });
  });

  it("lists people, organisations and places with aliases and mention counts", () => {
    const out = extractFile(path.join(fixtures, "bbc-layout.txt"));
    if ("error" in out) throw new Error(out.error.message);
    expect(out.headline).toBe("Tories pledge tax cuts");
    expect(out.people).toEqual([expect.objectContaining({ name: "Michael Howard", aliases: ["Michael Howard", "Howard"], mentions: 3 })]);
    expect(out.organisations.map((o) => o.name)).toEqual(["Conservative Party"]);
  });
});

describe("scoring (port of the reference scorer)", () => {
  it("normalises names like the reference scorer", () => {
    expect(normaliseName("The Washington Post")).toBe("washington post");
    expect(normaliseName("Bashar al-Assad’s")).toBe("bashar al assad");
    expect(normaliseName("José Bové")).toBe("jose bove");
  });

  it("pairs output and gold files by their last two path parts", () => {
    expect(articleKey("../shared/corpus/bbc-news/politics/001.txt")).toBe("politics-001");
    expect(articleKey("bbc-news/politics-001.json")).toBe("politics-001");
    expect(articleKey("seeds/000_abc.txt")).toBe("000_abc");
  });

  it("counts a second match of one gold entity as a false positive and ignores optional names", () => {
    const gold = [{ file: "seeds/a.txt", people: [{ name: "John Kerry", aliases: ["Kerry"] }], optional: ["Swiss"] }];
    const out = [{ file: "seeds/a.txt", people: [{ name: "John Kerry" }, { name: "Kerry" }, { name: "Swiss" }, { name: "Nobody" }] }];
    const r = scoreExtraction(gold, out);
    expect(r.totals.people).toEqual({ tp: 1, fp: 2, gold: 1 });
    expect(prf(r.totals.people).p).toBeCloseTo(1 / 3);
    expect(r.misses).toEqual(["a people duplicate: Kerry", "a people spurious: Nobody"]);
  });
});
