/**
 * Span rules: the small, pure decisions made about a run of capitalised tokens before it becomes a name
 * candidate. Where a title sits inside a run, whether "and" joins one name or lists two, whether a run is
 * only an office. `candidates.ts` applies them in order.
 */
import {
  isFacilityHead, isFirstName, isHonorific, isOrganisationHead, isTitleHead, isTitleModifier, lookupKnown, titlePhrases,
} from "./data";
import { isNameToken, type Token } from "./text";

/** Titles of peers, whose names may carry a territorial designation ("Lord Irvine of Lairg"). */
export const PEERAGE = new Set(["lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "duke", "duchess", "marquess"]);

/** Lower-case words that may sit inside one name: "Bank of England", "Marks & Spencer", "de Villepin". */
export const CONNECTORS: ReadonlyArray<readonly string[]> = [
  ["of", "the"], ["for", "the"], ["of"], ["for"], ["and"], ["&"], ["upon"], ["de", "la"], ["van", "der"],
  ["van", "den"], ["von", "der"], ["de"], ["van"], ["von"], ["der"], ["du"], ["da"], ["di"], ["del"],
  ["la"], ["le"], ["bin"], ["ibn"], ["al"], ["el"], ["y"], ["on"],
];
/** Only spaces between two tokens: they may belong to one name. */
export const SPACES = /^[ \t]+$/;
/** Compass words start place names ("East Kilbride", "North Yorkshire"), so they are never stripped. */
export const COMPASS_WORDS = new Set(["north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower", "greater", "st"]);
/** Text between tokens that ends a sentence or opens a quotation, so the next word's capital proves nothing. */
export const SENTENCE_GAP = /[.!?:;…]|^\s*["“]|["“]\s*$|\s[-–—]\s/u;

/** Whether token `i` starts a sentence (or a quotation after a colon). */
export function isSentenceInitial(tokens: Token[], i: number): boolean {
  if (i === 0) return true;
  return SENTENCE_GAP.test(tokens[i].gapBefore);
}

const CONNECTOR_WORDS = new Set(CONNECTORS.flat().concat(["the"]));
/** Whether a token is a connector word rather than part of a name. */
export const isConnector = (t: Token) => CONNECTOR_WORDS.has(t.text) && !isNameToken(t.text);
/** The source text a run of tokens covers. */
export const textOf = (ts: Token[], src: string) => (ts.length ? src.slice(ts[0].start, ts[ts.length - 1].end) : "");

/** Drops connectors at either end of a run ("of the X" → "X"). */
export function trimConnectors(ts: Token[]): Token[] {
  let a = 0, b = ts.length;
  while (a < b && isConnector(ts[a])) a++;
  while (b > a && isConnector(ts[b - 1])) b--;
  return ts.slice(a, b);
}

/**
 * Finds the last title phrase inside a run that is followed by a name: tokens `[from, to)` are the title,
 * `[to, end)` the name, `middle` the "X" of "Archbishop of X" when the title has one.
 * @returns null when the run holds no title followed by a name.
 */
export function findTitle(ts: Token[]): { from: number; to: number; end: number; middle: [number, number] | null } | null {
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
    // "Secretary of State for Health John Reid", "Archbishop of Cardiff Peter Smith": the office's "of/for X"
    // runs up to a given name; X is kept as a name of its own.
    let middle: [number, number] | null = null;
    if (lower[to] === "for" || lower[to] === "of") {
      let k = to + 2;
      while (k < ts.length && !(isFirstName(ts[k].text) && !isConnector(ts[k - 1]))) k++;
      if (k >= ts.length) continue;
      middle = [to + 1, k];
      to = k;
    }
    if (to >= ts.length || isConnector(ts[to]) || isTitleHead(lower[to])) continue;
    // What follows a title must look like a name: no "of", "the", "and" ("Director General of the BCC"),
    // except a peer's designation, which is cut off ("Lord Roberts of Conwy").
    let end = ts.length;
    const ofAt = ts.findIndex((t, k) => k > to && t.text === "of");
    // "President Musharraf of Pakistan": a head of state's country after the name is not part of it.
    const ofPlace = ofAt !== -1 && lookupKnown(ts.slice(ofAt + 1).map((t) => t.text).join(" "))?.kind === "PLACE";
    if (ofAt !== -1 && (PEERAGE.has(lower[i]) || ofPlace) && ofAt > to) end = ofAt;
    if (ts.slice(to, end).some((t) => /^(of|for|the|and|&)$/.test(t.text))) continue;
    // "Daily Mail & General Trust", "General Motors": what follows is an organisation, not a titled person.
    const tail = ts[ts.length - 1].text;
    if (!isHonorific(lower[i]) && (isOrganisationHead(tail) || isFacilityHead(tail) || lookupKnown(ts.slice(to).map((t) => t.text).join(" "))?.kind === "ORGANISATION")) continue;
    let from = i;
    while (from > 0 && (isTitleModifier(lower[from - 1]) || isTitleHead(lower[from - 1]) || isHonorific(lower[from - 1]))) from--;
    while (from < i && isConnector(ts[from])) from++; // a title never starts with "of" or "and"
    // "Association of Chief Police Officers": an office word inside an organisation's name.
    if (from > 0 && /^(of|for|the)$/.test(ts[from - 1].text)) continue;
    return { from, to, end, middle };
  }
  return null;
}

/** Whether the run, or a run of two or more of its first tokens, is a name the tables know ("New York and ..."). */
export function startsWithKnown(ts: Token[], src: string): boolean {
  for (let k = ts.length; k >= 1; k--) {
    if (k === 1 && ts.length > 1) break;
    if (lookupKnown(textOf(ts.slice(0, k), src))) return true;
  }
  return false;
}

/** Whether a run is only an office: modifiers, then a title head, then at most "of/for (the) X". */
export function isOffice(ts: Token[]): boolean {
  const lower = ts.map((t) => t.text.toLowerCase());
  let i = 0;
  while (i < ts.length && isTitleModifier(lower[i]) && !isTitleHead(lower[i])) i++;
  if (i >= ts.length || !isTitleHead(lower[i])) return false;
  i++;
  while (i < ts.length && !isConnector(ts[i]) && (isTitleHead(lower[i]) || isTitleModifier(lower[i]))) i++;
  return i === ts.length || lower[i] === "of" || lower[i] === "for";
}

/** Splits "Russia and France" but keeps "Securities and Exchange Commission" and "Marks & Spencer". */
export function splitLists(ts: Token[], src: string): Token[][] {
  const at = ts.findIndex((t) => t.text === "and" || t.text === "&");
  if (at === -1) return [ts];
  if (lookupKnown(textOf(ts, src))) return [ts];
  const left = ts.slice(0, at), right = ts.slice(at + 1);
  const leftKnown = lookupKnown(textOf(left, src)), rightKnown = lookupKnown(textOf(right, src));
  const rightEndsOrg = isOrganisationHead(right[right.length - 1].text);
  const leftHasOf = left.some((t) => t.text === "of" || t.text === "for");
  // "Robbie Williams and Guy Chambers": two people, whatever the last word looks like.
  if (isFirstName(left[0].text) && isFirstName(right[0].text) && left.length >= 2 && right.length >= 2) return [left, ...splitLists(right, src)];
  const rightIsPerson = isHonorific(right[0].text) || isTitleHead(right[0].text) || (isFirstName(right[0].text) && right.length >= 2);
  if (!leftKnown && !rightIsPerson && (rightEndsOrg || leftHasOf)) return [ts];
  if (ts[at].text === "&" && !(leftKnown && rightKnown)) return [ts];
  return [left, ...splitLists(right, src)];
}

