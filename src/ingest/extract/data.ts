/**
 * Loads the reviewed data tables in `../data/*.json` once and exposes them as lookups keyed by
 * {@link fold}ed names. Also wraps compromise's lexicon, used for first names, places and common words.
 */
import nlp from "compromise";
import aliasTable from "../data/aliases.json";
import demonymTable from "../data/demonyms.json";
import organisationTable from "../data/organisations.json";
import placeTable from "../data/places.json";
import stopwordTable from "../data/stopwords.json";
import titleTable from "../data/titles.json";
import type { EntityKind } from "../types";
import { fold } from "./text";

/** A canonical entity from the alias table or a gazetteer. */
export interface KnownEntity {
  /** Canonical display name. */
  name: string;
  kind: EntityKind;
  /** `alias`: the curated alias table or known-organisation list; `gazetteer`: a place list or compromise's lexicon. */
  source: "alias" | "gazetteer";
}

const aliasByForm = new Map<string, KnownEntity>();
/** All-caps aliases (`UN`, `AP`, `US`) only match when written in capitals, so "us" and "Ap" never do. */
const acronymAliases = new Map<string, KnownEntity>();
for (const e of aliasTable.entities) {
  const known: KnownEntity = { name: e.name, kind: e.kind as EntityKind, source: "alias" };
  for (const form of [e.name, ...e.aliases]) {
    const letters = form.replace(/[^\p{L}]/gu, "");
    if (letters.length <= 5 && letters === letters.toUpperCase() && !/\s/.test(form)) acronymAliases.set(form.replace(/\./g, ""), known);
    else aliasByForm.set(fold(form), known);
  }
}
const knownOrgs = new Map<string, KnownEntity>();
for (const name of organisationTable.known) {
  const letters = name.replace(/[^\p{L}]/gu, "");
  const known: KnownEntity = { name, kind: "ORGANISATION", source: "alias" };
  if (letters.length <= 5 && letters === letters.toUpperCase() && !/\s/.test(name)) acronymAliases.set(name, known);
  else knownOrgs.set(fold(name), known);
}
const knownPlaces = new Map<string, KnownEntity>();
for (const name of placeTable.places) knownPlaces.set(fold(name), { name: name.replace(/^the /, ""), kind: "PLACE", source: "gazetteer" });

const lexicon = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one.lexicon;
function lexTags(word: string): string[] {
  const t = lexicon[word.toLowerCase()];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/**
 * Looks a surface form up in the alias table, the known-organisation list and the place gazetteers.
 * @param form the name as written (titles and possessive already removed).
 * @returns the canonical entity, or null when no table knows it.
 */
export function lookupKnown(form: string): KnownEntity | null {
  const compact = form.replace(/\./g, "");
  const acr = acronymAliases.get(compact);
  if (acr) return acr;
  if (/^\p{Lu}{2,5}$/u.test(compact)) return null; // an unknown acronym is not "Un" or "Ap" in lower case
  const key = fold(form);
  const hit = aliasByForm.get(key) ?? knownOrgs.get(key) ?? knownPlaces.get(key);
  if (hit) return hit;
  const tags = lexTags(key);
  if (tags.includes("Country") || tags.includes("City") || tags.includes("Region") || (tags.includes("Place") && tags.includes("ProperNoun"))) {
    return { name: form, kind: "PLACE", source: "gazetteer" };
  }
  return null;
}

/** Whether compromise's lexicon tags the word as an organisation. */
export function isLexiconOrganisation(word: string): boolean {
  return lexTags(word).includes("Organization");
}

/** Whether the word is a given name (compromise's FirstName/MaleName/FemaleName). */
export function isFirstName(word: string): boolean {
  const t = lexTags(word);
  return t.includes("FirstName") || t.includes("MaleName") || t.includes("FemaleName");
}

/** Whether the word is a surname in compromise's lexicon. */
export function isLastName(word: string): boolean {
  return lexTags(word).includes("LastName");
}

const demonyms = new Set(demonymTable.demonyms);
/** Whether the word is a nationality or regional adjective/noun ("Syrian", "British", "Scots"). */
export function isDemonym(word: string): boolean {
  const w = fold(word);
  return demonyms.has(w) || lexTags(w).includes("Demonym");
}

const stopwords = new Set(stopwordTable.words);
/** Whether a capitalised form on its own never names an entity (weekday, pronoun, "Government"). */
export function isStopword(form: string): boolean {
  return stopwords.has(fold(form));
}

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person", "City", "Country", "Region", "Place", "Organization", "ProperNoun", "SportsTeam"]);
const commonWordCache = new Map<string, boolean>();
/**
 * Whether a word is an ordinary English word (verb, adjective, adverb, function word, common noun) rather
 * than a name. Uses the lexicon, then compromise's tagger on the lower-case word (cached).
 */
export function isCommonWord(word: string): boolean {
  const w = word.toLowerCase();
  const cached = commonWordCache.get(w);
  if (cached !== undefined) return cached;
  let result: boolean;
  const tags = lexTags(w);
  if (tags.length > 0) result = !tags.some((t) => NAME_TAGS.has(t));
  else {
    const term = (nlp(w).json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0];
    const t = term?.tags ?? [];
    // compromise guesses unknown words as nouns; only trust it for other parts of speech or plain endings.
    result = t.some((x) => ["Verb", "Adjective", "Adverb", "Conjunction", "Preposition", "Determiner", "Pronoun", "Gerund", "PastTense"].includes(x))
      || /(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|ings?|ers|ies)$/.test(w);
  }
  commonWordCache.set(w, result);
  return result;
}

const honorifics = new Set(titleTable.honorifics);
const heads = new Set(titleTable.heads);
const multiwordHeads = titleTable.multiwordHeads;
const titleModifiers = new Set(titleTable.modifiers);
const lowercaseCues = new Set(titleTable.lowercaseCues);

/** Whether a word is an honorific written before a name ("Mr", "Dr", "Sir", "Baroness"). */
export function isHonorific(word: string): boolean {
  return honorifics.has(word.toLowerCase().replace(/\.$/, ""));
}
/** Whether a word is an office that ends a title phrase ("Secretary", "Minister", "President"). */
export function isTitleHead(word: string): boolean {
  return heads.has(word.toLowerCase());
}
/** Multi-word offices ("Secretary of State", "Chancellor of the Exchequer"), lower-case words. */
export function titlePhrases(): readonly string[][] {
  return multiwordHeads;
}
/** Whether a word may precede a title head inside a title ("Shadow", "Home", "Trade"). */
export function isTitleModifier(word: string): boolean {
  return titleModifiers.has(word.toLowerCase());
}
/** Whether a lower-case word right before a name marks it as a person ("leader", "spokesman"). */
export function isPersonCue(word: string): boolean {
  return lowercaseCues.has(word.toLowerCase());
}

const orgHeads = new Set(organisationTable.heads);
const facilityHeads = new Set(organisationTable.facilityHeads);
/** Whether a word ends organisation names ("Party", "Commission", "Group", "Times"). */
export function isOrganisationHead(word: string): boolean {
  return orgHeads.has(word.toLowerCase());
}
/** Whether a word ends names of facilities, events and laws ("Base", "Street", "Act", "Summit"). */
export function isFacilityHead(word: string): boolean {
  return facilityHeads.has(word.toLowerCase());
}
