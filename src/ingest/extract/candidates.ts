/**
 * Candidate finding: capitalised word sequences in one section of text, cut into name candidates.
 *
 * A raw span is a run of name tokens (capitalised, or particle-led like `al-Assad`) separated only by
 * spaces, which may also hold connectors inside (`of`, `of the`, `for`, `and`, `&`, name particles `de`,
 * `van`, `bin`). Each span is then refined: a sentence-initial ordinary word is dropped ("However", "The"),
 * titles are cut off and remembered as a person cue ("US Secretary of State John Kerry" → `US` + person
 * `John Kerry`), lists joined by `and` are split, leading demonyms are dropped ("Russian"), and
 * stop-words alone are discarded. Positions stay UTF-16 here; `extract.ts` converts to code points.
 */
import type { ArticleSection } from "../types";
import {
  isCommonWord, isDemonym, isFirstName, isHonorific, isOrganisationHead, isPersonCue, isStopword, isTitleHead,
  isTitleModifier, lookupKnown, titlePhrases,
} from "./data";
import { fold, isAcronym, isNameToken, tokenize, type Token } from "./text";

/** One name-like stretch of text, before classification. */
export interface Candidate {
  section: ArticleSection;
  /** Paragraph index within the section. */
  paragraph: number;
  /** The name's tokens (titles, demonyms, leading "The" removed). */
  tokens: Token[];
  /** UTF-16 start of the first token within the section text. */
  start: number;
  /** UTF-16 end (exclusive) of the last token, possessive excluded. */
  end: number;
  /** The surface text between start and end. */
  form: string;
  /** A title or honorific preceded the name inside the capitalised run ("Mr", "Foreign Minister"). */
  titled: boolean;
  /** A lower-case person cue preceded it ("leader Michael Howard", "spokesman Joe Bloggs"). */
  personCue: boolean;
  /** The lower-case word just before, when only spaces separate them. */
  prevWord: string | null;
  /** The word just after, when only spaces separate them. */
  nextWord: string | null;
  /** The first token begins a sentence, so its capital letter proves nothing. */
  sentenceInitial: boolean;
  /** An acronym given in brackets right after the name: "Confederation of British Industry (CBI)". */
  bracketAcronym: string | null;
}

const CONNECTORS: ReadonlyArray<readonly string[]> = [
  ["of", "the"], ["for", "the"], ["of"], ["for"], ["and"], ["&"], ["upon"], ["de", "la"], ["van", "der"],
  ["van", "den"], ["von", "der"], ["de"], ["van"], ["von"], ["der"], ["du"], ["da"], ["di"], ["del"],
  ["la"], ["le"], ["bin"], ["ibn"], ["al"], ["el"], ["y"],
];
const SPACES = /^[ \t]+$/;
const SENTENCE_GAP = /[.!?:;…]|^\s*["“]|["“]\s*$|\s[-–—]\s/u;

function isSentenceInitial(tokens: Token[], i: number): boolean {
  if (i === 0) return true;
  return SENTENCE_GAP.test(tokens[i].gapBefore);
}

/** Reads the raw capitalised runs of one section. */
function rawSpans(tokens: Token[]): Token[][] {
  const spans: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameToken(tokens[i].text) || tokens[i].text === "&") { i++; continue; }
    const span = [tokens[i]];
    let j = i;
    while (!tokens[j].possessive && j + 1 < tokens.length) {
      const next = tokens[j + 1];
      if (!SPACES.test(next.gapBefore)) break;
      if (isNameToken(next.text)) { span.push(next); j++; continue; }
      const conn = CONNECTORS.find((c) => c.every((w, k) => {
        const t = tokens[j + 1 + k];
        return t && t.text === w && SPACES.test(t.gapBefore) && !t.possessive;
      }));
      const after = conn ? tokens[j + 1 + conn.length] : undefined;
      if (conn && after && SPACES.test(after.gapBefore) && isNameToken(after.text)) {
        for (let k = 1; k <= conn.length + 1; k++) span.push(tokens[j + k]);
        j += conn.length + 1;
        continue;
      }
      break;
    }
    spans.push(span);
    i = j + 1;
  }
  return spans;
}

const CONNECTOR_WORDS = new Set(CONNECTORS.flat().concat(["the"]));
const isConnector = (t: Token) => CONNECTOR_WORDS.has(t.text) && !isNameToken(t.text);
const textOf = (ts: Token[], src: string) => (ts.length ? src.slice(ts[0].start, ts[ts.length - 1].end) : "");

function trimConnectors(ts: Token[]): Token[] {
  let a = 0, b = ts.length;
  while (a < b && isConnector(ts[a])) a++;
  while (b > a && isConnector(ts[b - 1])) b--;
  return ts.slice(a, b);
}

/** Finds the last title phrase inside a run that is followed by at least one name token. */
function findTitle(ts: Token[]): { from: number; to: number } | null {
  const lower = ts.map((t) => t.text.toLowerCase());
  for (let i = ts.length - 2; i >= 0; i--) {
    if (isConnector(ts[i])) continue;
    // The longest multi-word office starting here, else a one-word head or honorific.
    let to = -1;
    for (const p of titlePhrases()) {
      if (p.every((w, k) => lower[i + k] === w) && i + p.length < ts.length) to = Math.max(to, i + p.length);
    }
    if (to === -1 && (isTitleHead(lower[i]) || isHonorific(lower[i]))) to = i + 1;
    if (to === -1) continue;
    // "Secretary of State for Health John Reid": the "for X" belongs to the title.
    if (lower[to] === "for" && to + 2 < ts.length) to += 2;
    if (to >= ts.length || isConnector(ts[to])) continue;
    let from = i;
    while (from > 0 && (isTitleModifier(lower[from - 1]) || isTitleHead(lower[from - 1]) || isHonorific(lower[from - 1]))) from--;
    return { from, to };
  }
  return null;
}

/** Splits "Russia and France" but keeps "Securities and Exchange Commission" and "Marks & Spencer". */
function splitLists(ts: Token[], src: string): Token[][] {
  const at = ts.findIndex((t) => t.text === "and" || t.text === "&");
  if (at === -1) return [ts];
  if (lookupKnown(textOf(ts, src))) return [ts];
  const left = ts.slice(0, at), right = ts.slice(at + 1);
  const leftKnown = lookupKnown(textOf(left, src)), rightKnown = lookupKnown(textOf(right, src));
  const rightEndsOrg = isOrganisationHead(right[right.length - 1].text);
  const leftHasOf = left.some((t) => t.text === "of" || t.text === "for");
  if (!leftKnown && (rightEndsOrg || leftHasOf)) return [ts];
  if (ts[at].text === "&" && !(leftKnown && rightKnown)) return [ts];
  return [left, ...splitLists(right, src)];
}

/**
 * Finds name candidates in one section's text.
 * @param text the paragraph, headline or caption text, exactly as stored in `ParsedArticle`.
 * @param section which section it is; `paragraph` its index there.
 * @param knownForms folded forms already seen capitalised mid-sentence in the article: a sentence-initial
 *   word in this set is kept even when it is also an ordinary word.
 */
export function findCandidates(text: string, section: ArticleSection, paragraph: number, knownForms: ReadonlySet<string>): Candidate[] {
  const tokens = tokenize(text);
  const out: Candidate[] = [];
  const emit = (ts: Token[], titled: boolean) => {
    ts = trimConnectors(ts);
    if (ts.length === 0) return;
    const form = textOf(ts, text);
    if (ts.length === 1 && isStopword(form) && !lookupKnown(form)) return;
    const first = ts[0], last = ts[ts.length - 1];
    const prev = tokens[first.index - 1];
    const prevWord = prev && SPACES.test(first.gapBefore) && !isNameToken(prev.text) ? prev.text.toLowerCase() : null;
    const next = tokens[last.index + 1];
    const nextWord = next && !last.possessive && SPACES.test(next.gapBefore) ? next.text : null;
    const bracket = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{Ll}&]{1,7})\s*\)/u.exec(text.slice(last.end + (last.possessive ? 2 : 0)));
    out.push({
      section, paragraph, tokens: ts, start: first.start, end: last.end, form, titled,
      personCue: prevWord !== null && isPersonCue(prevWord), prevWord, nextWord,
      sentenceInitial: isSentenceInitial(tokens, first.index),
      bracketAcronym: bracket && isAcronym(bracket[1]) ? bracket[1] : null,
    });
  };

  const refine = (span: Token[], titled: boolean) => {
    let ts = trimConnectors(span);
    if (ts.length === 0) return;
    const whole = lookupKnown(textOf(ts, text));
    // Leading ordinary words: "The", sentence-initial "However", "Shares" (unless a known name starts here).
    while (ts.length > 0 && !whole) {
      const t = ts[0];
      const f = fold(t.text);
      const initial = isSentenceInitial(tokens, t.index);
      const ordinary = isStopword(t.text) && !isHonorific(t.text) && !isTitleHead(t.text) && !isTitleModifier(t.text)
        || (initial && !knownForms.has(f) && !lookupKnown(t.text) && !isFirstName(t.text) && !isAcronym(t.text) && isCommonWord(t.text));
      if (t.text === "The" && lookupKnown(textOf(ts, text))) break;
      if (!ordinary) break;
      ts = trimConnectors(ts.slice(1));
    }
    if (ts.length === 0) return;
    if (!lookupKnown(textOf(ts, text))) {
      const title = findTitle(ts);
      if (title) {
        if (title.from > 0) refine(ts.slice(0, title.from), false);
        refine(ts.slice(title.to), true);
        return;
      }
    }
    for (const part of splitLists(ts, text)) {
      let p = trimConnectors(part);
      // Leading demonyms go unless they start an organisation's name ("Scottish Parliament", "British Airways").
      while (p.length > 1 && isDemonym(p[0].text) && !lookupKnown(textOf(p, text)) && !isOrganisationHead(p[p.length - 1].text)) {
        p = trimConnectors(p.slice(1));
      }
      if (p.length === 1 && isDemonym(p[0].text) && !lookupKnown(p[0].text)) continue;
      if (p.length === 1 && (isTitleHead(p[0].text) || isHonorific(p[0].text)) && !lookupKnown(p[0].text)) continue;
      emit(p, titled);
    }
  };

  for (const span of rawSpans(tokens)) refine(span, false);
  return out;
}

/**
 * Folded single-token forms written with a capital in mid-sentence somewhere in these texts: evidence that
 * the word is a name even where it starts a sentence.
 */
export function midSentenceCapitals(texts: string[]): Set<string> {
  const seen = new Set<string>();
  for (const text of texts) {
    const tokens = tokenize(text);
    tokens.forEach((t, i) => {
      if (i > 0 && isNameToken(t.text) && !SENTENCE_GAP.test(t.gapBefore) && !isStopword(t.text)) seen.add(fold(t.text));
    });
  }
  return seen;
}
