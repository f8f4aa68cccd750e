/**
 * Classification: decides, for one candidate on its own, whether it names a person, an organisation or a
 * place, and how sure that is. Article-wide evidence (surnames, acronyms defined in brackets) is applied
 * later, in `resolve.ts`.
 */
import type { EntityKind } from "../types";
import {
  isCommonWord, isFacilityHead, isPlaceHead, isFirstName, isLastName, isLexiconOrganisation, isOrganisationHead, isStopword, lookupKnown,
} from "./data";
import type { Candidate } from "./candidates";
import { fold, isAcronym } from "./text";

/** Article-wide word evidence used to classify single words. */
export interface ArticleContext {
  /** Folded words written with a capital in mid-sentence somewhere in the article. */
  capitalisedMidSentence: ReadonlySet<string>;
  /** Lower-case words the article also uses in lower case ("tobacco firms" makes "Tobacco" a common word). */
  lowercaseWords: ReadonlySet<string>;
}
const EMPTY_CONTEXT: ArticleContext = { capitalisedMidSentence: new Set(), lowercaseWords: new Set() };

/** The verdict on one candidate. */
export interface Classification {
  /** The kind, or null when the candidate is not an entity we keep (a facility, a law, an event). */
  kind: EntityKind | null;
  /**
   * Confidence, higher is surer: 3 = a table or a title says so, 2 = a strong structural cue (organisation
   * head word, given name), 1 = a weak cue, 0.5 = a guess that `resolve` may overrule or drop.
   */
  strength: number;
  /** Canonical name from the alias table or gazetteer, when one matched. */
  canonical: string | null;
  /** Which table matched the whole form, or null. */
  fromTable: "alias" | "gazetteer" | null;
}

/** Organisation heads strong enough that a given name in front does not make a person ("Sandra Group" is rare, "Jack Straw" is not). */
const STRONG_ORG_HEADS = new Set(["centre", "center", "society", "alliance", "league", "organisation", "organization", "party", "commission", "council", "committee", "union", "association", "agency", "authority", "department", "ministry", "court", "parliament", "assembly", "university", "institute", "federation", "confederation", "trust", "foundation", "bank", "group", "corporation", "corp", "inc", "ltd", "plc", "office", "executive", "international", "democrats"]);
/** Lower-case words before a single unknown name that mark an organisation ("the firm Acme"). */
const ORG_CUES = new Set(["by", "firm", "company", "group", "bank", "retailer", "carrier", "airline", "chain", "giant", "maker", "operator", "party", "newspaper", "paper", "broadcaster", "agency", "charity", "union", "club", "insurer", "lender", "supermarket", "publisher", "network", "channel", "watchdog", "regulator", "organisation", "consultancy", "tabloid", "rival", "owner", "producer", "brewer", "conglomerate", "multinational", "manufacturer", "supplier", "provider", "exchange", "fund", "think-tank", "thinktank", "pressure"]);
/** Lower-case words before a single unknown name that mark a place ("in Hinckley"). */
const PLACE_CUES = new Set(["in", "to", "near", "from", "outside", "around", "across", "throughout", "towards", "via", "visit", "visited", "visiting", "visits"]);
/** Words before "in" that make what follows a company, not a place ("shares in Acme", "a stake in Acme"). */
const STAKE_WORDS = new Set(["shares", "share", "stake", "stakes", "investment", "investments", "interest", "interests", "holding", "holdings", "confidence", "jobs", "role", "roles", "job", "position", "sale", "deal", "merger", "rise", "fall", "falls", "rises"]);
/** Words after a single unknown name that mark a place ("Ashfield seat", "Hinckley constituency"). */
const PLACE_NOUNS = new Set(["seat", "constituency", "constituents", "borough", "county", "town", "city", "village", "area", "region", "province", "district", "suburb", "coast", "valley", "airport", "residents", "voters", "by-election"]);

/** Verbs of speech after a name: people speak ("Lynton Crosby said"). Also used by `resolve`. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(["said", "says", "told", "added", "argued", "insisted", "warned", "claimed", "admitted", "wrote", "replied", "stressed", "denied", "explained", "urged"]);

/** Compass words that, before a known place, still make a place ("North Yorkshire", "Southern Africa"). */
const COMPASS = new Set(["north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower", "greater", "inner", "outer", "mid"]);

const nameTokens = (c: Candidate) => c.tokens.filter((t) => /^[\p{Lu}\p{N}]/u.test(t.text) || t.text.includes("-"));

/**
 * Classifies one candidate by itself.
 * @param c the candidate (see `findCandidates`).
 * @param context article-wide word evidence (capitals mid-sentence, words also used in lower case).
 * @returns the kind (or null to drop it), a strength (see {@link Classification}) and a canonical name when
 *   the tables know the form.
 */
export function classifyCandidate(c: Candidate, context: ArticleContext = EMPTY_CONTEXT): Classification {
  const knownForms = context.capitalisedMidSentence;
  const known = lookupKnown(c.form);
  if (known && !(c.titled && known.kind !== "PERSON" && c.tokens.length === 1)) {
    return { kind: known.kind, strength: 3, canonical: known.name, fromTable: known.source };
  }
  if (c.constituency) return { kind: "PLACE", strength: 2, canonical: null, fromTable: null };
  const words = nameTokens(c);
  const last = c.tokens[c.tokens.length - 1].text;
  const beforeOf = c.tokens.findIndex((t) => t.text === "of" || t.text === "for" || t.text === "on");
  const headBeforeOf = beforeOf > 0 && isOrganisationHead(c.tokens[beforeOf - 1].text);
  const orgHead = isOrganisationHead(last) || headBeforeOf;
  const strongOrgHead = STRONG_ORG_HEADS.has(last.toLowerCase()) || headBeforeOf;

  const facilityBeforeOf = beforeOf > 0 && isFacilityHead(c.tokens[beforeOf - 1].text) && !headBeforeOf;
  if (c.tokens.length > 1 && ((isFacilityHead(last) && !orgHead) || facilityBeforeOf)) return { kind: null, strength: 2, canonical: null, fromTable: null };
  if (c.titled) return { kind: "PERSON", strength: 3, canonical: null, fromTable: null };
  // "SRX SUVs", "Acme PCs": a plural of an acronym names a kind of product, not an entity.
  if (c.tokens.length > 1 && /^\p{Lu}{2,}s$/u.test(last)) return { kind: null, strength: 1, canonical: null, fromTable: null };
  // "Acme Partners, the investment bank,": an appositive with an organisation noun.
  if (c.appositiveHead !== null && ORG_CUES.has(c.appositiveHead) && c.appositiveHead !== "by") return { kind: "ORGANISATION", strength: 2, canonical: null, fromTable: null };
  if (c.personCue && !orgHead && !isAcronym(c.tokens[0].text)) return { kind: "PERSON", strength: 2, canonical: null, fromTable: null };
  // "the investment bank Acme Partners": an organisation noun right before a name not led by a given name.
  if (words.length >= 2 && c.prevWord !== null && ORG_CUES.has(c.prevWord) && !["by", "rival", "owner", "party"].includes(c.prevWord)
    && !isFirstName(words[0].text)) return { kind: "ORGANISATION", strength: 2, canonical: null, fromTable: null };
  // A given name then a surname, unless the last word is a place or a curated name ("Jack London" is rare,
  // "Sandra Gidley" common); a company from the gazetteer does not block it ("Ian Pearson").
  const lastKnown = lookupKnown(words[words.length - 1].text);
  if (words.length >= 2 && isFirstName(words[0].text) && !strongOrgHead
    && (!lastKnown || (lastKnown.kind === "ORGANISATION" && lastKnown.source === "gazetteer"))) {
    return { kind: "PERSON", strength: 2, canonical: null, fromTable: null };
  }
  if (orgHead && c.tokens.length > 1) return { kind: "ORGANISATION", strength: 2, canonical: null, fromTable: null };
  const placeHeadBeforeOf = beforeOf > 0 && isPlaceHead(c.tokens[beforeOf - 1].text);
  if (c.tokens.length > 1 && (isPlaceHead(last) || placeHeadBeforeOf) && !isFirstName(c.tokens[0].text)) return { kind: "PLACE", strength: 2, canonical: null, fromTable: null };
  // A run led by a long acronym ("WMC Resources", "MSCI World") is not a person's name.
  if (words.length >= 2 && /^\p{Lu}{3,}$/u.test(words[0].text)) return { kind: "ORGANISATION", strength: 1, canonical: null, fromTable: null };
  if (words.length >= 2 && COMPASS.has(words[0].text.toLowerCase()) && lookupKnown(c.tokens.slice(1).map((t) => t.text).join(" "))?.kind === "PLACE") {
    return { kind: "PLACE", strength: 2, canonical: null, fromTable: null };
  }
  // East Asian given names written with a hyphen ("Ban Ki-moon", "Kim Jong-il").
  if (words.length >= 2 && words.some((t) => /^\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,}$/u.test(t.text) && !isCommonWord(t.text.split("-")[0]))) {
    return { kind: "PERSON", strength: 2, canonical: null, fromTable: null };
  }
  if (c.tokens.length > 1) {
    // A known place or organisation inside a longer run ("Cardiff Bay", "London Underground") names a facility
    // or something else; a run of ordinary words ("North East Says No") is an organisation or campaign.
    const speaks = c.nextWord !== null && SPEECH_VERBS.has(c.nextWord.toLowerCase());
    const common = words.some((t) => isCommonWord(t.text) && !isLastName(t.text) && !isFirstName(t.text));
    if (speaks && words.length <= 3 && !isAcronym(words[0].text) && !words.some((t) => isCommonWord(t.text) && !isFirstName(t.text) && !isLastName(t.text))) {
      return { kind: "PERSON", strength: 1, canonical: null, fromTable: null };
    }
    if (common) return { kind: "ORGANISATION", strength: 1, canonical: null, fromTable: null };
    if (words.some((t) => lookupKnown(t.text))) return { kind: null, strength: 0.5, canonical: null, fromTable: null };
    // "in Folkestone & Hythe": a place preposition before a name with no given name.
    if (c.prevWord !== null && ["in", "near", "outside", "around"].includes(c.prevWord)) return { kind: "PLACE", strength: 1, canonical: null, fromTable: null };
    return { kind: "PERSON", strength: 1, canonical: null, fromTable: null };
  }
  // One token from here on.
  const word = c.tokens[0].text;
  if (isStopword(word)) return { kind: null, strength: 1, canonical: null, fromTable: null };
  if (isAcronym(word) && /\p{Lu}.*\p{Lu}/u.test(word)) return { kind: "ORGANISATION", strength: 1, canonical: null, fromTable: null };
  if (isLexiconOrganisation(word)) return { kind: "ORGANISATION", strength: 2, canonical: null, fromTable: null };
  if (c.prevWord && ORG_CUES.has(c.prevWord) && !(c.prevWord === "by" && (isFirstName(word) || isLastName(word)))) return { kind: "ORGANISATION", strength: 2, canonical: null, fromTable: null };
  if (isFirstName(word) || isLastName(word)) return { kind: "PERSON", strength: 0.5, canonical: null, fromTable: null };
  if (isCommonWord(word) || context.lowercaseWords.has(word.toLowerCase())) return { kind: null, strength: 0.5, canonical: null, fromTable: null };
  // A capital at a sentence start proves nothing: an unknown word there counts only if it is also written
  // with a capital mid-sentence somewhere in the article.
  if (c.sentenceInitial && !knownForms.has(fold(word))) return { kind: null, strength: 0.5, canonical: null, fromTable: null };
  const placeCue = c.prevWord !== null && PLACE_CUES.has(c.prevWord) && !(c.prevWord2 !== null && STAKE_WORDS.has(c.prevWord2));
  // "Normanton in West Yorkshire": a town inside a known place (but not "shares in Acme in London").
  const inPlace = c.inKnownPlace && !(c.prevWord === "in" && c.prevWord2 !== null && STAKE_WORDS.has(c.prevWord2));
  if (placeCue || inPlace || (c.nextWord && PLACE_NOUNS.has(c.nextWord.toLowerCase()))) {
    return { kind: "PLACE", strength: 1, canonical: null, fromTable: null };
  }
  return { kind: "ORGANISATION", strength: 0.5, canonical: null, fromTable: null };
}
