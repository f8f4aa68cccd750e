/**
 * decode: raw article bytes → clean text (the step before `parse`).
 *
 * Why a hand-written UTF-8 check: `TextDecoder({ fatal: true })` only says *that* the bytes are invalid; an
 * editor fixing a file needs *where*, so we walk the bytes once (RFC 3629 §4 well-formed sequences) and
 * report the offset of the first byte that cannot start or continue a sequence.
 */

/** Why an article's input was refused. */
export type ArticleInputErrorCode = "EMPTY" | "NOT_UTF8" | "BINARY" | "TOO_LARGE" | "NO_HEADLINE" | "HEADLINE_TOO_LONG";

/** Default upper bound on an article file: 1 MiB. */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;

/**
 * An article file that cannot be ingested as given. A data problem, not a programmer mistake: callers show
 * `message` to whoever supplied the file.
 */
export class ArticleInputError extends Error {
  /** Which rule the input broke. */
  readonly code: ArticleInputErrorCode;
  /** For `NOT_UTF8` and `BINARY`: the zero-based byte offset of the first offending byte. */
  readonly byteOffset?: number;
  /** The file the bytes came from, when the caller said. */
  readonly file?: string;

  constructor(code: ArticleInputErrorCode, message: string, options: { byteOffset?: number; file?: string } = {}) {
    super(options.file ? `${options.file}: ${message}` : message);
    this.name = "ArticleInputError";
    this.code = code;
    if (options.byteOffset !== undefined) this.byteOffset = options.byteOffset;
    if (options.file !== undefined) this.file = options.file;
  }
}

/**
 * Returns the byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 when the
 * whole buffer is valid. Rejects overlongs, surrogates (ED A0..BF) and code points above U+10FFFF.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80, hi = 0xbf; // allowed range of the first continuation byte (Table 3-7 of the Unicode standard)
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = bytes[i + k];
      const [l, h] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < l || c > h) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes one article file to text ready for `parseArticle`.
 *
 * Steps, in order: size check, NUL check (binary), strict UTF-8 check, decode, strip a leading BOM (U+FEFF),
 * CRLF and lone CR → LF, Unicode NFC.
 *
 * @param bytes the file contents.
 * @param file optional path, only used to prefix error messages.
 * @param maxBytes upper bound in bytes, default {@link DEFAULT_MAX_ARTICLE_BYTES} (1 MiB).
 * @returns the decoded text (LF line endings, NFC).
 * @throws ArticleInputError `TOO_LARGE` over `maxBytes`; `BINARY` when it holds a NUL byte; `NOT_UTF8` with
 *   `byteOffset` of the first invalid byte; `EMPTY` when nothing but whitespace remains.
 */
export function decodeArticle(bytes: Buffer, file?: string, maxBytes: number = DEFAULT_MAX_ARTICLE_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new ArticleInputError("TOO_LARGE", `article is ${bytes.length} bytes, over the limit of ${maxBytes} bytes`, { file });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ArticleInputError("BINARY", `looks binary: NUL byte at byte offset ${nul}`, { byteOffset: nul, file });
  }
  const bad = firstInvalidUtf8Offset(bytes);
  if (bad !== -1) {
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, "0");
    throw new ArticleInputError("NOT_UTF8", `not valid UTF-8 at byte offset ${bad} (byte 0x${hex})`, { byteOffset: bad, file });
  }
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, "\n").normalize("NFC");
  if (text.trim() === "") throw new ArticleInputError("EMPTY", "article is empty or whitespace only", { file });
  return text;
}
