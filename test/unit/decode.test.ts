import { describe, expect, it } from "vitest";
import { ArticleInputError, decodeArticle, firstInvalidUtf8Offset } from "../../src/ingest/decode";

function errorOf(fn: () => unknown): ArticleInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ArticleInputError) return e;
    throw e;
  }
  throw new Error("expected an ArticleInputError");
}

describe("decodeArticle", () => {
  it("decodes UTF-8, strips a BOM and normalises line endings", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Head\r\n\r\nBody\rline £5\n")]);
    expect(decodeArticle(bytes)).toBe("Head\n\nBody\nline £5\n");
  });

  it("NFC-normalises decomposed accents", () => {
    const text = decodeArticle(Buffer.from("Jose\u0301 Bove\u0301\n"));
    expect(text).toBe("José Bové\n");
    expect(text.length).toBe(10);
  });

  it("reports the byte offset of the first invalid UTF-8 byte", () => {
    const bytes = Buffer.concat([Buffer.from("a "), Buffer.from([0xa3]), Buffer.from("15.8m signing")]);
    const err = errorOf(() => decodeArticle(bytes, "sport/199.txt"));
    expect(err.code).toBe("NOT_UTF8");
    expect(err.byteOffset).toBe(2);
    expect(err.message).toMatch(/sport\/199\.txt: not valid UTF-8 at byte offset 2/);
  });

  it("rejects overlong encodings, surrogates and truncated sequences", () => {
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8Offset(Buffer.from("ok 😀 é", "utf8"))).toBe(-1);
  });

  it("refuses empty and whitespace-only files", () => {
    expect(errorOf(() => decodeArticle(Buffer.alloc(0))).code).toBe("EMPTY");
    expect(errorOf(() => decodeArticle(Buffer.from(" \n\r\n\t"))).code).toBe("EMPTY");
  });

  it("refuses binary files with a NUL byte", () => {
    const err = errorOf(() => decodeArticle(Buffer.from([0x48, 0x69, 0x00, 0x01])));
    expect(err.code).toBe("BINARY");
    expect(err.byteOffset).toBe(2);
  });

  it("refuses files over the size limit", () => {
    const err = errorOf(() => decodeArticle(Buffer.from("x".repeat(101)), "big.txt", 100));
    expect(err.code).toBe("TOO_LARGE");
    expect(err).toBeInstanceOf(Error);
  });
});
