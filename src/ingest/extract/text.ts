/**
 * Text primitives for extraction: tokens with UTF-16 positions, code-point conversion, accent folding.
 */

/** One word-like token of a section's text. Positions are UTF-16 indices (JavaScript string indices). */
export interface Token {
  /** The token as written, possessive included (`Assad’s`). */
  raw: string;
  /** The token without a trailing possessive `'s`/`’s`. */
  text: string;
  /** UTF-16 index of the first character. */
  start: number;
  /** UTF-16 index one past the last character of `text` (the possessive is outside). */
  end: number;
  /** Whether `raw` ended in a possessive that was cut off. */
  possessive: boolean;
  /** The characters between the previous token (or the section start) and this one. */
  gapBefore: string;
  /** Zero-based position among the section's tokens. */
  index: number;
}

// Dotted acronyms (U.S.), the ampersand, and words that may hold inner apostrophes, hyphens or dots
// (O'Brien, al-Assad, Ki-moon, Kilroy-Silk) so each name part stays one token.
const TOKEN_RE = /(?:\p{Lu}\.){2,}|&|[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*/gu;
const POSSESSIVE_RE = /['’]s$/u;

/** Splits a section's text into tokens (see {@link Token}). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    for (const [raw, start] of splitAffixes(m[0], m.index ?? 0)) {
      pushToken(tokens, text, raw, start, last);
      last = start + raw.length;
    }
  }
  return tokens;
}

// "ex-BBC", "anti-EU": the prefix is not part of the name. "London-based", "Labour-led": the suffix is not.
const NAME_PREFIX = /^((?:ex|pro|anti|non|post|pre|neo|pan|mid|then|all|cross)[-‐])(?=\p{Lu})/iu;
const ADJECTIVE_SUFFIX = /(?<=\p{L})([-‐](?:\p{Ll}{3,}(?:ing|ed)|based|led|backed|owned|run|born|speaking|style|controlled|funded|made|bound|wide|related|inspired|dominated|focused|registered|listed|headquartered|educated|trained|friendly|sceptic|sceptics|skeptic|type|like|only|centric|era))$/u;

function splitAffixes(raw: string, start: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const pre = NAME_PREFIX.exec(raw);
  if (pre) { out.push([pre[1].slice(0, -1), start]); start += pre[1].length; raw = raw.slice(pre[1].length); }
  const suf = ADJECTIVE_SUFFIX.exec(raw);
  if (suf && suf.index > 0) { out.push([raw.slice(0, suf.index), start]); out.push([raw.slice(suf.index + 1), start + suf.index + 1]); }
  else out.push([raw, start]);
  return out;
}

function pushToken(tokens: Token[], text: string, raw: string, start: number, last: number): void {
  const possessive = POSSESSIVE_RE.test(raw) && raw.length > 2;
  const word = possessive ? raw.slice(0, -2) : raw;
  tokens.push({ raw, text: word, start, end: start + word.length, possessive, gapBefore: text.slice(last, start), index: tokens.length });
}

/**
 * Builds a function converting UTF-16 indices of `text` to code-point offsets (what `ExtractedMention`
 * stores), so astral characters such as emoji count once.
 */
export function codePointIndexer(text: string): (utf16Index: number) => number {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: the low half maps to the same index.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { map[i + 1] = cp; i++; }
    }
    cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

/** Slices `text` by code-point offsets (end exclusive). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/**
 * The matching key of a name: NFKD, accents removed, lower case, curly apostrophes straightened, a leading
 * "the " dropped, runs of punctuation and space collapsed to one space. "José Bové" and "Jose Bove" share it.
 */
export function fold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}&']+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

/** Whether a token starts with an upper-case letter or digit-led acronym (`G8`), or is a particle-led surname (`al-Assad`). */
export function isNameToken(word: string): boolean {
  if (word === "I") return false; // the pronoun
  if (/^\p{Lu}/u.test(word)) return true;
  return /^(al|el|ad|as|ash|ar|at|bin|ibn|abu|d|da|de|di|du|le|la|van|von|ben|bint)['’\-‐]\p{Lu}/u.test(word);
}

/** Whether a word is written all in capitals (an acronym such as `CBI`, `BBC2`, `U.S.`). */
export function isAcronym(word: string): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(word) || (/^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(word) && word.length <= 7);
}
