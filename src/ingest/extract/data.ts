/**
 * Loads the reviewed data tables in `../data/*.json` once and exposes them as lookups keyed by
 * {@link fold}ed names. Also wraps compromise's lexicon, used for first names, places and common words.
 */
import nlp from "compromise";
import aliasTable from "../data/aliases.json";
import demonymTable from "../data/demonyms.json";
import givenNameTable from "../data/given-names.json";
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
  /** `alias`: the curated alias table; `gazetteer`: the known-organisation list, a place list or compromise's lexicon. */
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
  // A gazetteer entry, not a curated alias: a surname the article gives a person ("Ian Pearson" ... "Pearson")
  // beats a company of the same name.
  const known: KnownEntity = { name, kind: "ORGANISATION", source: "gazetteer" };
  if (letters.length <= 5 && letters === letters.toUpperCase() && !/\s/.test(name)) acronymAliases.set(name, known);
  else knownOrgs.set(fold(name), known);
}
const placeHeads = new Set(placeTable.placeHeads);
/** Whether a word ends place names ("Island", "Straits", "Valley"). */
export function isPlaceHead(word: string): boolean {
  return placeHeads.has(word.toLowerCase());
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
  if (tags.includes("SportsTeam") || (tags.includes("Organization") && /\s/.test(key))) return { name: form, kind: "ORGANISATION", source: "gazetteer" };
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
const givenNames = new Set(givenNameTable.names.map((n) => n.toLowerCase()));
export function isFirstName(word: string): boolean {
  if (givenNames.has(word.toLowerCase())) return true;
  const t = lexTags(word);
  return t.includes("FirstName") || t.includes("MaleName") || t.includes("FemaleName");
}

/** The gender compromise's lexicon gives a given name ("MaleName", "FemaleName"), or null. */
export function givenNameGender(word: string): "MaleName" | "FemaleName" | null {
  const t = lexTags(word);
  return t.includes("MaleName") ? "MaleName" : t.includes("FemaleName") ? "FemaleName" : null;
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
const functionWords = new Set(stopwordTable.functionWords);
/** Whether a capitalised word is a determiner or possessive that never starts a name ("The", "His"). */
export function isFunctionWord(word: string): boolean {
  return functionWords.has(word.toLowerCase());
}
/** Whether a capitalised form on its own never names an entity (weekday, pronoun, "Government"). */
export function isStopword(form: string): boolean {
  return stopwords.has(fold(form));
}

/** Whether compromise's lexicon lists the lower-case word as an adjective ("new", "national"), or its ending says so. */
export function isAdjective(word: string): boolean {
  const w = word.toLowerCase();
  const tags = lexTags(w);
  if (tags.length > 0) return tags.includes("Adjective");
  return guessedTags(w).includes("Adjective");
}

/**
 * Part of speech of a lower-case word compromise's lexicon does not list, guessed from its ending the way
 * compromise's own tagger does for unknown words, but without running the tagger (about 1 ms per call, too
 * slow per word in a long article). Only long, telling endings are used, so names are rarely caught.
 */
function guessedTags(w: string): string[] {
  if (/(?:ically|ously|ively|fully|lessly|ably|ibly|edly|ingly)$/.test(w)) return ["Adverb"];
  if (/(?:ous|ive|able|ible|ful|less|ical|istic|esque|[^aeiou]ic|ary|[^aeiou]al)$/.test(w) && w.length > 5) return ["Adjective"];
  if (/(?:ised|ized|ises|izes|ising|izing|ified|ifies|ifying|ated|ating)$/.test(w)) return ["Verb"];
  if (/[^aeiou]ing$/.test(w) && w.length > 5) return ["Verb", "Gerund"];
  if (/[^aeiou]ed$/.test(w) && w.length > 5) return ["Verb", "PastTense"];
  return [];
}

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person", "City", "Country", "Region", "Place", "Organization", "ProperNoun", "SportsTeam"]);
const commonWordCache = new Map<string, boolean>();
/**
 * Whether a word is an ordinary English word (verb, adjective, adverb, function word, common noun) rather
 * than a name. Uses compromise's lexicon, then the word's ending (see `guessedTags`); cached.
 */
export function isCommonWord(word: string): boolean {
  const w = word.toLowerCase();
  const cached = commonWordCache.get(w);
  if (cached !== undefined) return cached;
  let result: boolean;
  const tags = lexTags(w);
  // A plural of an ordinary word is ordinary too ("Jobcentres", "Eurosceptics", "Workers").
  if (tags.length === 0 && /[^s]s$/.test(w) && w.length > 4 && isCommonWord(w.slice(0, -1))) { commonWordCache.set(w, true); return true; }
  if (tags.length > 0) result = !tags.some((t) => NAME_TAGS.has(t));
  else {
    const t = guessedTags(w);
    result = t.some((x) => ["Verb", "Adjective", "Adverb", "Conjunction", "Preposition", "Determiner", "Pronoun", "Gerund", "PastTense"].includes(x))
      || (w.length > 5 && /(?:tion|sion|ment|ness|ity|ism|ance|ence|ship)s?$/.test(w));
  }
  commonWordCache.set(w, result);
  return result;
}

const honorifics = new Set(titleTable.honorifics);
const heads = new Set(titleTable.heads);
const multiwordHeads = titleTable.multiwordHeads;
const titleModifiers = new Set(titleTable.modifiers);
const lowercaseCues = new Set(titleTable.lowercaseCues);
const roles = new Set(titleTable.roles);
/** Whether a word names a member's role after a party or place ("Labour MPs", "MP for Wantage"). */
export function isRole(word: string): boolean {
  return roles.has(word.toLowerCase());
}

/** Whether a word is an honorific written before a name ("Mr", "Dr", "Sir", "Baroness"). */
export function isHonorific(word: string): boolean {
  return honorifics.has(word.toLowerCase().replace(/\.$/, ""));
}
/** Whether a word is an office that ends a title phrase ("Secretary", "Minister", "President"). */
export function isTitleHead(word: string): boolean {
  const w = word.toLowerCase();
  const bare = w.replace(/^(co|vice|deputy|joint|acting|under)-/, "");
  // Plurals of offices count too ("Presidents George W Bush and Ronald Reagan").
  return heads.has(bare) || (/(?:ents|ers|ors|ies)$/.test(bare) && heads.has(bare.replace(/ies$/, "y").replace(/s$/, "")));
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
const subBrands = new Set(organisationTable.subBrands);
/** Whether a word names a channel or branch of an organisation ("BBC Radio", "BBC News 24"). */
export function isSubBrand(word: string): boolean {
  return subBrands.has(word.toLowerCase());
}
const postNominals = new Set(titleTable.postNominals);
/** Whether a word is a letter after a person's name ("QC", "MP", "OBE"). */
export function isPostNominal(word: string): boolean {
  return postNominals.has(word.toLowerCase());
}
const facilityHeads = new Set(organisationTable.facilityHeads);
/** Whether a word ends organisation names ("Party", "Commission", "Group", "Times"). */
export function isOrganisationHead(word: string): boolean {
  return orgHeads.has(word.toLowerCase());
}
/** Whether a word ends names of facilities, events and laws ("Base", "Street", "Act", "Summit"). */
export function isFacilityHead(word: string): boolean {
  return facilityHeads.has(word.toLowerCase());
}
