import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleInputError, decodeArticle } from "../../src/ingest/decode";
import { normalisePublisher, parseArticle, parseDateLine } from "../../src/ingest/parse";

const root = path.resolve(__dirname, "../..");
const read = (rel: string) => decodeArticle(fs.readFileSync(path.join(root, rel)), rel);

describe("parseArticle: the seed (Al Jazeera) layout", () => {
  const article = parseArticle(read("seeds/000_0ccf3f5374bbbccc.txt"));

  it("takes the first line as headline and drops its repeat", () => {
    expect(article.headline).toBe("US and Russia face off over Syria weapons");
    expect(article.paragraphs[0]).toMatch(/^US secretary of state John Kerry/);
    expect(article.paragraphs).not.toContain(article.headline);
  });

  it("separates the photo caption from the body", () => {
    expect(article.photoCaption).toMatch(/^US Secretary of State John Kerry departs Andrews Air Force Base/);
    expect(article.paragraphs.some((p) => p.includes("PHOTO CAPTION"))).toBe(false);
    expect(article.paragraphs.at(-1)).toMatch(/^The Washington Post/);
    expect(article.paragraphs).toHaveLength(13);
  });

  it("normalises the source line and collects an empty related block", () => {
    expect(article.sourceLine).toBe("Aljazeera");
    expect(article.source).toBe("Al Jazeera");
    expect(article.relatedHeadlines).toEqual([]);
    expect(article.paragraphs).not.toContain("Related Articles");
  });

  it("keeps the curly apostrophe and has no dateline", () => {
    expect(article.paragraphs.join(" ")).toContain("al-Assad\u2019s");
    expect(article.publishedAt).toBeNull();
  });

  it("collects headlines under a Related Articles heading", () => {
    const a = parseArticle("Head\n\nBody one.\n\nPHOTO CAPTION\n\nA caption.\n\nAljazeera\n\nRelated Articles\n\nFirst story\nSecond story\n");
    expect(a.relatedHeadlines).toEqual(["First story", "Second story"]);
    expect(a.photoCaption).toBe("A caption.");
    expect(a.source).toBe("Al Jazeera");
    expect(a.paragraphs).toEqual(["Body one."]);
  });
});

describe("parseArticle: the BBC corpus layout", () => {
  const article = parseArticle(read("test/fixtures/bbc-layout.txt"));

  it("reads one paragraph per line, trimmed, with runs of spaces collapsed", () => {
    expect(article.headline).toBe("Tories pledge tax cuts");
    expect(article.paragraphs[0]).toBe("The Conservative leader Michael Howard said on Monday that taxes would fall.");
  });

  it("keeps bullets as their own paragraphs and skips runs of blank lines", () => {
    expect(article.paragraphs).toEqual([
      "The Conservative leader Michael Howard said on Monday that taxes would fall.",
      "- First bullet about Mr Howard",
      "- Second bullet",
      'Mr Howard added: "We will deliver."',
    ]);
  });

  it("has no caption, source line, related headlines or dateline", () => {
    expect(article.photoCaption).toBeNull();
    expect(article.sourceLine).toBeNull();
    expect(article.source).toBeNull();
    expect(article.relatedHeadlines).toEqual([]);
    expect(article.publishedAt).toBeNull();
  });

  it("does not take a short last paragraph for a source line", () => {
    expect(parseArticle("Head\n\nA body.\n\nThe End\n").paragraphs).toEqual(["A body.", "The End"]);
  });
});

describe("datelines", () => {
  it("reads an explicit date line near the top and removes it from the body", () => {
    const a = parseArticle(read("test/fixtures/dateline-crlf.txt"));
    expect(a.publishedAt?.toISOString()).toBe("2013-09-12T00:00:00.000Z");
    expect(a.paragraphs).toEqual(["LONDON, Sept 11 (Reuters) - Foreign ministers met."]);
    expect(a.source).toBe("Reuters");
  });

  it("reads common date-only line forms", () => {
    expect(parseDateLine("September 11, 2013")?.toISOString()).toBe("2013-09-11T00:00:00.000Z");
    expect(parseDateLine("2013-09-11")?.toISOString()).toBe("2013-09-11T00:00:00.000Z");
    expect(parseDateLine("31 February 2013")).toBeNull();
    expect(parseDateLine("The talks began on 11 September 2013")).toBeNull();
  });

  it("reads an agency dateline only when it carries a year", () => {
    expect(parseArticle("Head\n\nLONDON, Sept 11, 2013 (Reuters) - Text.\n").publishedAt?.toISOString()).toBe("2013-09-11T00:00:00.000Z");
    expect(parseArticle("Head\n\nLONDON, Sept 11 (Reuters) - Text.\n").publishedAt).toBeNull();
  });
});

describe("errors and publishers", () => {
  it("throws NO_HEADLINE for text without a non-empty line", () => {
    expect(() => parseArticle("\n \n")).toThrow(ArticleInputError);
    try { parseArticle("  \n"); } catch (e) { expect((e as ArticleInputError).code).toBe("NO_HEADLINE"); }
  });

  it("normalises publisher names through the table", () => {
    expect(normalisePublisher("BBC")).toBe("BBC News");
    expect(normalisePublisher("AP")).toBe("Associated Press");
    expect(normalisePublisher("Someone Else")).toBeNull();
  });
});
