/**
 * Candidate finding: capitalised word sequences in one section of text, cut into name candidates.
 *
 * A raw span is a run of name tokens (capitalised, or particle-led like `al-Assad`) separated only by
 * spaces, which may also hold connectors inside (`of`, `of the`, `for`, `and`, `&`, name particles `de`,
 * `van`, `bin`). Each span is then refined: a sentence-initial ordinary word is dropped ("However", "The"),
 * titles are cut off and remembered as a person cue ("US Secretary of State John Kerry" → `US` + person
 * `John Kerry`), lists joined by `and` are split, leading demonyms are dropped ("Russian"), and
 * stop-words alone are discarded. The individual span decisions live in `spans.ts`. Positions stay UTF-16
 * here; `extract.ts` converts to code points.
 */
import type { ArticleSection } from "../types";
import {
  isAdjective, isCommonWord, isDemonym, isFacilityHead, isFirstName, isFunctionWord, isHonorific, isOrganisationHead, isPersonCue, isPlaceHead,
  isPostNominal, isRole, isStopword, isTitleHead, isTitleModifier, lookupKnown,
} from "./data";
import {
  COMPASS_WORDS, CONNECTORS, findTitle, PEERAGE, isConnector, isOffice, isSentenceInitial, SENTENCE_GAP, SPACES, splitLists, startsWithKnown,
  textOf, trimConnectors,
} from "./spans";
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
  /** The lower-case word before `prevWord` ("shares" in "shares in Acme"), or null. */
  prevWord2: string | null;
  /** The word just after, when only spaces separate them. */
  nextWord: string | null;
  /** The first token begins a sentence, so its capital letter proves nothing. */
  sentenceInitial: boolean;
  /** An acronym given in brackets right after the name: "Confederation of British Industry (CBI)". */
  bracketAcronym: string | null;
  /** The name follows "MP for", so it is a constituency (a place). */
  constituency: boolean;
  /** The honorific written just before the name ("mr", "ms", "lord"), lower case, or null. */
  honorific: string | null;
  /**
   * The head noun of a short appositive right after the name, lower case: "bank" in "Acme, the investment
   * bank, said"; null when none.
   */
  appositiveHead: string | null;
  /** The name is followed by "in" and a known place ("Normanton in West Yorkshire"). */
  inKnownPlace: boolean;
}

/** ", the investment bank," / ", a Swiss firm.": a short lower-case noun phrase closed by punctuation. */
const APPOSITIVE = /^\s*,\s+(?:the|a|an)\s+(?:[\p{Lu}\p{Ll}-]+\s+){0,3}?([\p{Ll}-]+)\s*[,.;:)]/u;
/** " in West Yorkshire", " in the Gaza Strip": up to four capitalised words after "in". */
const IN_PLACE = /^\s+in\s+(?:the\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})/u;

/** Whether the capitalised words after "in" start with a place the tables know. */
function followedByKnownPlace(after: string): boolean {
  const m = IN_PLACE.exec(after);
  if (!m) return false;
  const words = m[1].split(/\s+/);
  for (let k = words.length; k >= 1; k--) {
    const hit = lookupKnown(words.slice(0, k).join(" "));
    if (hit) return hit.kind === "PLACE";
  }
  return false;
}

/** Reads the raw capitalised runs of one section. */
function rawSpans(tokens: Token[]): Token[][] {
  const spans: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameToken(tokens[i].text) || tokens[i].text === "&") { i++; continue; }
    const span = [tokens[i]];
    let j = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      // A possessive ends a name, except a saint's in a place name: "St James's Palace", "St Paul's Cathedral".
      if (tokens[j].possessive && !(j > i && /^(st|saint)\.?$/i.test(tokens[j - 1].text) && isNameToken(next.text) && SPACES.test(next.gapBefore))) break;
      if (!SPACES.test(next.gapBefore)) break;
      if (isNameToken(next.text)) { span.push(next); j++; continue; }
      const conn = CONNECTORS.find((c) => c.every((w, k) => {
        const t = tokens[j + 1 + k];
        return t && t.text === w && SPACES.test(t.gapBefore) && !t.possessive;
      }));
      const after = conn ? tokens[j + 1 + conn.length] : undefined;
      // "for" joins only after an organisation or office word ("Institute for Fiscal Studies",
      // "Secretary of State for Health"), not "Fenwick Street for Geneva" or "Britain for Labour".
      if (conn && conn[0] === "for" && !(isOrganisationHead(tokens[j].text) || isTitleHead(tokens[j].text) || isTitleModifier(tokens[j].text))) break;
      // "on" only inside names of conventions and committees ("European Convention on Human Rights").
      if (conn && conn[0] === "on" && !((isFacilityHead(tokens[j].text) || /^(committee|commission|council|conference|panel|inquiry)$/i.test(tokens[j].text))
        && after !== undefined && !isStopword(after.text))) break;
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
  const emit = (ts: Token[], titled: boolean, placeCue?: "PLACE") => {
    ts = trimConnectors(ts);
    if (ts.length === 0) return;
    const form = textOf(ts, text);
    if (isStopword(form) && !lookupKnown(form) && !titled) return; // "Mr West" is still a person
    const first = ts[0], last = ts[ts.length - 1];
    const prev = tokens[first.index - 1];
    const prevWord = prev && SPACES.test(first.gapBefore) && !isNameToken(prev.text) ? prev.text.toLowerCase() : null;
    const prev2 = prevWord ? tokens[first.index - 2] : undefined;
    const prevWord2 = prev2 && prev && SPACES.test(prev.gapBefore) ? prev2.text.toLowerCase() : null;
    const next = tokens[last.index + 1];
    const nextWord = next && !last.possessive && SPACES.test(next.gapBefore) ? next.text : null;
    // "the Health Service (Miscellaneous Provisions) Bill": both parts belong to the name of a law.
    const afterText = text.slice(last.end + (last.possessive ? 2 : 0));
    if (/^\s*\([^)]*\)\s+(Bill|Act|Order|Regulations)\b/.test(afterText)) return;
    if (/^\)\s+(Bill|Act|Order|Regulations)\b/.test(afterText) && /\(\s*$/.test(first.gapBefore)) return;
    // "the party's leader, David McLetchie": a person cue before an appositive comma.
    const cueAppositive = prev && /^\s*,\s+$/.test(first.gapBefore) && isPersonCue(prev.text) && !isNameToken(prev.text);
    const bracket = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{Ll}&]{1,7})\s*\)/u.exec(text.slice(last.end + (last.possessive ? 2 : 0)));
    const appositive = last.possessive ? null : APPOSITIVE.exec(text.slice(last.end));
    out.push({
      section, paragraph, tokens: ts, start: first.start, end: last.end, form, titled,
      personCue: (prevWord !== null && isPersonCue(prevWord)) || Boolean(cueAppositive), prevWord, prevWord2, nextWord,
      sentenceInitial: isSentenceInitial(tokens, first.index),
      bracketAcronym: bracket && isAcronym(bracket[1]) ? bracket[1] : null,
      constituency: placeCue === "PLACE",
      honorific: prev && isHonorific(prev.text) && SPACES.test(first.gapBefore) ? prev.text.toLowerCase().replace(/\.$/, "") : null,
      appositiveHead: appositive ? appositive[1] : null,
      inKnownPlace: !last.possessive && followedByKnownPlace(text.slice(last.end)),
    });
  };

  const refine = (span: Token[], titled: boolean) => {
    let ts = trimConnectors(span);
    // Leading words that do not start a name: "The", "His"; at a sentence start an ordinary word
    // ("However", "Critics", "Speaking") unless it is an adjective opening a name ("New Party", "National
    // Union of ..."); a hyphenated word made of ordinary words ("Euro-sceptic").
    while (ts.length > 0) {
      const t = ts[0];
      const rest = ts.length > 1;
      if (isFunctionWord(t.text) && rest) { ts = trimConnectors(ts.slice(1)); continue; }
      if (startsWithKnown(ts, text)) break;
      const initial = isSentenceInitial(tokens, t.index);
      const opensOrganisation = rest && isAdjective(t.text) && ts.some((x) => isOrganisationHead(x.text));
      const known = knownForms.has(fold(t.text)) || lookupKnown(t.text) || isFirstName(t.text) || isAcronym(t.text) || isHonorific(t.text) || isTitleHead(t.text) || isTitleModifier(t.text);
      const beforeOf = rest && ((ts[1].text === "of" || ts[1].text === "for") || COMPASS_WORDS.has(t.text.toLowerCase()));
      // "Bill Cash", "Sri Mulyani": a given name that is also a stop-word ("the Bill") still leads a short name.
      const givenNameLed = rest && ts.length <= 3 && isFirstName(t.text) && ts.slice(1).every((x) => !isConnector(x) && !isOrganisationHead(x.text)
        && !isFacilityHead(x.text) && !isTitleHead(x.text) && !isStopword(x.text) && !isDemonym(x.text) && !isDemonym(x.text.replace(/s$/, "")));
      const ordinary = !opensOrganisation && ((rest && !beforeOf && !givenNameLed && isStopword(t.text) && !isHonorific(t.text) && !isTitleHead(t.text) && !isTitleModifier(t.text))
        || (initial && !known && isCommonWord(t.text)));
      const hyphenCommon = rest && /[-‐]/.test(t.text) && !lookupKnown(t.text) && t.text.split(/[-‐]/).every((p) => isCommonWord(p) || isStopword(p));
      if (!ordinary && !hyphenCommon) break;
      ts = trimConnectors(ts.slice(1));
    }
    if (ts.length === 0) return;
    // "St Egwin's Middle School", "St James's Palace": a saint's name inside a place or building's name is no person.
    if (ts.length > 2 && /^(st|saint)\.?$/i.test(ts[0].text) && ts[1].possessive && !ts.some((t) => t.text === "and" || t.text === "&")) {
      emit(ts, false);
      return;
    }
    // "Labour MPs", "MP for Wantage": a member's role splits the run; "for X" after it is a constituency.
    const role = ts.findIndex((t, k) => isRole(t.text) && /^\p{Lu}/u.test(t.text) && (k === ts.length - 1 || ts[k + 1].text === "for"));
    if (role !== -1 && !lookupKnown(textOf(ts, text))) {
      if (role > 0) refine(ts.slice(0, role), false);
      if (ts[role + 1]?.text === "for") {
        // "MP for Meirionnydd Nant Conwy and Plaid Cymru": a known name after the seat is not part of it.
        const seat = trimConnectors(ts.slice(role + 2));
        const parts = splitLists(seat, text);
        if (parts.length > 1 && parts.slice(1).every((p) => lookupKnown(textOf(p, text)))) {
          emit(parts[0], false, "PLACE");
          for (const p of parts.slice(1)) refine(p, false);
        } else emit(seat, false, "PLACE");
      }
      return;
    }
    const whole = lookupKnown(textOf(ts, text));
    if (!whole) {
      // Lists first: "Mr Abbasi and Mr Mubanga", "Home Office Minister Lord Falconer and Downing Street".
      const parts = splitLists(ts, text);
      if (parts.length > 1) { for (const p of parts) refine(p, titled); return; }
      // "Lord Irvine of Lairg": a peer's territorial designation is not part of the name.
      const of = ts.findIndex((t) => t.text === "of");
      if (of >= 2 && isHonorific(ts[0].text) && !isTitleHead(ts[1].text)) { refine(ts.slice(0, of), titled); return; }
      // "Environmental Audit Committee Peter Ainsworth": an organisation's name, then a person's.
      for (let k = 2; k < ts.length - 1; k++) {
        if (isFirstName(ts[k].text) && isOrganisationHead(ts[k - 1].text) && !isConnector(ts[k + 1])) {
          refine(ts.slice(0, k), false);
          refine(ts.slice(k), titled);
          return;
        }
      }
      // "Backbencher Stephen Pound", "Families Margaret Hodge": ordinary words before a given-name-led name.
      for (let k = 1; k < ts.length - 1; k++) {
        if (!isFirstName(ts[k].text) || isConnector(ts[k + 1])) continue;
        const before = ts.slice(0, k);
        let core = before.length;
        while (core > 0 && (isTitleHead(before[core - 1].text) || isTitleModifier(before[core - 1].text))) core--;
        if (core > 0 && startsWithKnown(before.slice(0, core), text)) break; // "European Commission President ..."
        if (!lookupKnown(textOf(before, text)) && before.every((t) => !isConnector(t) && !lookupKnown(t.text) && (isCommonWord(t.text) || isTitleModifier(t.text) || isTitleHead(t.text)))) {
          refine(ts.slice(k), titled || before.some((t) => isTitleHead(t.text)));
          return;
        }
        break;
      }
      // "Lib Dem Norman Baker": a known party or place directly before a given-name-led name.
      for (let k = ts.length - 2; k >= 1; k--) {
        if (isFirstName(ts[k].text) && !isConnector(ts[k - 1]) && lookupKnown(textOf(ts.slice(0, k), text)) && !lookupKnown(textOf(ts.slice(k), text))) {
          emit(ts.slice(0, k), false);
          refine(ts.slice(k), titled);
          return;
        }
      }
    }
    if (!whole) {
      // "NUJ General Secretary", "Conservative Shadow Home Secretary": a known name then an office.
      let end = ts.length;
      while (end > 1 && (isTitleHead(ts[end - 1].text) || isTitleModifier(ts[end - 1].text)) && !isOrganisationHead(ts[end - 1].text)) end--;
      // ... but "Association of Chief Police Officers": office words after "of" belong to an organisation's name.
      if (end < ts.length && end > 0 && isTitleHead(ts[ts.length - 1].text) && !isFirstName(ts[0].text)
        && !(!lookupKnown(textOf(ts.slice(0, end), text)) && ts.slice(1, end + 1).some((t, k) => (t.text === "of" || t.text === "for") && isOrganisationHead(ts[k].text)))) {
        const rest = ts.slice(0, end);
        if (lookupKnown(textOf(rest, text)) || (rest.length === 1 && isAcronym(rest[0].text))) refine(rest, false);
        return; // an office ("Information Commissioner") names no one by itself
      }
      // "Britain for Labour": two known names joined by "for"/"of" are two names.
      const joint = ts.findIndex((t) => t.text === "for" || t.text === "of");
      if (joint > 0 && lookupKnown(textOf(ts.slice(0, joint), text)) && lookupKnown(textOf(ts.slice(joint + 1), text))) {
        refine(ts.slice(0, joint), titled);
        refine(ts.slice(joint + 1), false);
        return;
      }
    }
    if (!whole) {
      const title = findTitle(ts);
      if (title) {
        if (title.from > 0) refine(ts.slice(0, title.from), false);
        // The "X" of "Minister for X" only when it is a known name ("Cardiff"), not a portfolio ("Health").
        if (title.middle) {
          const mid = trimConnectors(ts.slice(title.middle[0], title.middle[1]));
          if (mid.length > 0 && lookupKnown(textOf(mid, text))) refine(mid, false);
        }
        refine(ts.slice(title.to, title.end), true);
        // ... and the country of "President Musharraf of Pakistan" (not a peer's designation) is a place.
        const rest = trimConnectors(ts.slice(title.end));
        if (rest.length > 0 && !PEERAGE.has(ts[title.from].text.toLowerCase()) && lookupKnown(textOf(rest, text))?.kind === "PLACE") refine(rest, false);
        return;
      }
      // "Cara Diemont of Acme", "Rhian Beynon of the JCWI": a person's name before "of" an organisation.
      const of = ts.findIndex((t) => t.text === "of");
      const left = of >= 2 && of <= 3 ? ts.slice(0, of) : [];
      const nameShaped = left.length > 0 && !lookupKnown(textOf(left, text))
        && !left.some((t) => isOrganisationHead(t.text) || isPlaceHead(t.text) || isTitleHead(t.text));
      const after = trimConnectors(ts.slice(of + 1));
      const orgAfter = after.length > 0 && (lookupKnown(textOf(after, text))?.kind === "ORGANISATION" || (isAcronym(after[0].text) && after.length === 1) || after.some((t) => isOrganisationHead(t.text)));
      if (nameShaped && (isFirstName(left[0].text) || (orgAfter && !left.some((t) => isCommonWord(t.text))))) {
        refine(ts.slice(0, of), titled);
        refine(ts.slice(of + 1), false);
        return;
      }
    }
    // An office with no name after it ("Shadow Secretary of State for the Family") is not an entity.
    if (isOffice(ts) && !lookupKnown(textOf(ts, text))) {
      // ... but "Director General of the British Chambers of Commerce" names an organisation after "of".
      // Skip connectors that are part of the office itself ("Secretary of State for ...").
      const of = ts.findIndex((t, k) => (t.text === "of" || t.text === "for")
        && !isTitleModifier((ts[k + 1]?.text === "the" ? ts[k + 2] : ts[k + 1])?.text ?? ""));
      // Only a known name, an acronym or a name ending in an organisation word: "Minister for Children" and
      // "Director of Public Prosecutions" name no organisation.
      const after = of === -1 ? [] : trimConnectors(ts.slice(of + 1));
      if (after.length > 0 && (lookupKnown(textOf(after, text)) || startsWithKnown(after, text) || isAcronym(after[0].text)
        || splitLists(after, text).every((p) => lookupKnown(textOf(trimConnectors(p), text)))
        || (after.length >= 2 && after.some((t) => isOrganisationHead(t.text))))) refine(after, false);
      return;
    }
    // "Philippe Sands QC": letters after a name mark a person and are not part of the name.
    let postNominal = false;
    while (ts.length > 1 && isPostNominal(ts[ts.length - 1].text) && /^\p{Lu}+$/u.test(ts[ts.length - 1].text)) { ts = ts.slice(0, -1); postNominal = true; }
    if (postNominal) { emit(ts, true); return; }
    for (const part of splitLists(ts, text)) {
      let p = trimConnectors(part);
      // A trailing demonym is an adjective for what follows ("... Buccaneers American football team").
      while (p.length > 1 && isDemonym(p[p.length - 1].text) && !lookupKnown(textOf(p, text)) && !isOrganisationHead(p[p.length - 1].text)
        && !(p.length === 2 && isFirstName(p[0].text))) p = trimConnectors(p.slice(0, -1));
      // Leading demonyms go unless they start an organisation's name ("Scottish Parliament", "British Airways").
      while (p.length > 1 && isDemonym(p[0].text) && !lookupKnown(textOf(p, text)) && !p.some((t) => isOrganisationHead(t.text))) {
        p = trimConnectors(p.slice(1));
      }
      if (p.length === 1 && isDemonym(p[0].text) && !lookupKnown(p[0].text)) continue;
      if (p.length === 1 && (isTitleHead(p[0].text) || isHonorific(p[0].text)) && !lookupKnown(p[0].text)) continue;
      if (p.length === 1 && p[0].text.length === 1) continue; // an initial on its own ("Mr P") says nothing
      // "London Tory spin doctors": a run of separately known names that is not itself a name.
      if (p.length > 1 && !titled && !lookupKnown(textOf(p, text)) && p.every((t) => lookupKnown(t.text))) {
        for (const t of p) emit([t], false);
        continue;
      }
      emit(p, titled);
    }
  };

  for (const span of rawSpans(tokens)) refine(span, false);
  return out;
}

/** Words written in lower case somewhere in these texts. */
export function lowercaseWords(texts: string[]): Set<string> {
  const seen = new Set<string>();
  for (const text of texts) for (const t of tokenize(text)) if (/^\p{Ll}/u.test(t.text)) seen.add(t.text);
  return seen;
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
