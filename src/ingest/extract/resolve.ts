/**
 * Within-article entity resolution: groups classified candidates into entities.
 *
 * Rules, in order:
 * 1. People named with two or more words group by their folded name; a shorter full name that ends another
 *    ("Kilroy Silk" / "Robert Kilroy-Silk") joins the longer one.
 * 2. A one-word mention equal to a person's surname (or a part of a hyphenated surname, or the last word
 *    of a particle surname: "Assad" → "Bashar al-Assad") joins that person, wherever it occurs in the text
 *    (a headline "Kerry ..." before "John Kerry" in the body too). It beats a gazetteer match ("Sharon" the
 *    person, not a place) but not the curated alias table. When two people share it, the honorific's
 *    gender, then the person named in full most often, decides.
 * 3. A one-word given name used for exactly one person joins them when it is not a surname of anyone.
 * 4. An acronym given in brackets after a name ("Confederation of British Industry (CBI)") or equal to the
 *    initials of exactly one organisation in the article joins that organisation.
 * 5. A single word equal to the first word of exactly one organisation whose other words are organisation
 *    heads ("Telegraph" → "Telegraph Group") joins it.
 * 6. A country before an organisation's name ("US Supreme Court" beside "Supreme Court") is that
 *    organisation. A channel or branch of a known organisation ("BBC Radio") is that organisation.
 * 7. An unknown single word guessed to be an organisation is kept only when it occurs at least twice.
 * 8. Everything else groups by canonical name (alias table) or folded form; the kind is the one with the
 *    largest summed classification strength.
 */
import type { EntityKind } from "../types";
import type { Candidate } from "./candidates";
import { SPEECH_VERBS, type Classification } from "./classify";
import { isAcronym, fold } from "./text";
import { givenNameGender, isOrganisationHead, isPlaceHead, isSubBrand, lookupKnown } from "./data";

/** A candidate with its classification. */
export interface ClassifiedCandidate {
  cand: Candidate;
  cls: Classification;
}

/** An entity before salience: its kind, display name and the candidates that mention it. */
export interface ResolvedEntity {
  kind: EntityKind;
  name: string;
  mentions: Candidate[];
}

interface Group {
  key: string;
  name: string | null;
  votes: Map<EntityKind, number>;
  mentions: Candidate[];
}

const wordsOf = (c: Candidate) => c.tokens.filter((t) => !/^(of|the|for|and|&)$/.test(t.text));

const MALE_HONORIFICS = new Set(["mr", "sir", "lord", "baron", "viscount", "earl", "father", "herr", "monsieur", "senor", "señor", "signor"]);
const FEMALE_HONORIFICS = new Set(["mrs", "ms", "miss", "lady", "baroness", "dame", "mme", "madame"]);

/**
 * Chooses which of several people sharing a surname a bare or titled surname means ("Mr Blair" with Tony and
 * Cherie Blair in the story): the honorific's gender when the given names tell it, then the person named
 * in full most often, then the first named.
 */
function pickAmong(keys: string[], honorific: string | null, counts: Map<string, number>, firstWords: Map<string, string>): string {
  let pool = keys;
  if (honorific) {
    const want = MALE_HONORIFICS.has(honorific) ? "MaleName" : FEMALE_HONORIFICS.has(honorific) ? "FemaleName" : null;
    const fit = want ? keys.filter((k) => givenNameGender(firstWords.get(k) ?? "") === want) : [];
    if (fit.length > 0) pool = fit;
  }
  return pool.reduce((best, k) => ((counts.get(k) ?? 0) > (counts.get(best) ?? 0) ? k : best));
}

/** Whether an honorific's gender contradicts the gender of a given name ("Mrs" and "Michael"). */
function genderClash(honorific: string | null, givenName: string): boolean {
  if (!honorific) return false;
  const g = givenNameGender(givenName);
  return (g === "MaleName" && FEMALE_HONORIFICS.has(honorific)) || (g === "FemaleName" && MALE_HONORIFICS.has(honorific));
}

/** Initials of a name, hyphenated parts counted apart: "Robert Kilroy-Silk" → "RKS". */
function initials(c: Candidate): string {
  return wordsOf(c).flatMap((t) => t.text.split(/[-‐]/)).map((w) => w[0] ?? "").join("").toUpperCase();
}

/**
 * Resolves the classified candidates of one article into entities.
 * @param items every candidate of the article with its classification, in reading order.
 * @returns entities in order of first mention; each mention list in reading order.
 */
export function resolveEntities(items: ClassifiedCandidate[]): ResolvedEntity[] {
  const groups = new Map<string, Group>();
  const order: string[] = [];
  const add = (key: string, kind: EntityKind, strength: number, cand: Candidate, name: string | null) => {
    let g = groups.get(key);
    if (!g) { g = { key, name, votes: new Map(), mentions: [] }; groups.set(key, g); order.push(key); }
    g.votes.set(kind, (g.votes.get(kind) ?? 0) + strength);
    g.mentions.push(cand);
    if (name && !g.name) g.name = name;
  };

  // 1. Multi-word people.
  const people = items.filter((x) => x.cls.kind === "PERSON" && wordsOf(x.cand).length >= 2 && !x.cls.fromTable);
  const personKeys = [...new Set(people.map((x) => fold(x.cand.form)))].sort((a, b) => b.length - a.length);
  const personKeyOf = new Map<string, string>();
  for (const k of personKeys) {
    const longer = personKeys.filter((o) => o !== k && o.endsWith(" " + k));
    personKeyOf.set(k, longer.length === 1 ? (personKeyOf.get(longer[0]) ?? longer[0]) : k);
  }
  const fullNameCount = new Map<string, number>();
  const firstWordOf = new Map<string, string>();
  const surnameIndex = new Map<string, Set<string>>();
  const firstNameIndex = new Map<string, Set<string>>();
  const index = (m: Map<string, Set<string>>, k: string, v: string) => { if (!m.has(k)) m.set(k, new Set()); m.get(k)!.add(v); };
  for (const x of people) {
    const key = personKeyOf.get(fold(x.cand.form))!;
    const ws = wordsOf(x.cand);
    const lastFold = fold(ws[ws.length - 1].text);
    index(surnameIndex, lastFold, key);
    const parts = lastFold.split(" ");
    if (parts.length > 1) for (const p of parts) if (p.length > 2) index(surnameIndex, p, key);
    if (ws.length >= 2) index(firstNameIndex, fold(ws[0].text), key);
    // "Iain Duncan Smith" → "Duncan Smith"; "Robert Kilroy Silk" → "Kilroy Silk".
    if (ws.length >= 3) index(surnameIndex, fold(ws.slice(-2).map((t) => t.text).join(" ")), key);
    fullNameCount.set(key, (fullNameCount.get(key) ?? 0) + 1);
    if (!firstWordOf.has(key)) firstWordOf.set(key, ws[0].text);
  }

  // Organisations with two or more words, for acronyms and prefixes.
  const orgs = items.filter((x) => x.cls.kind === "ORGANISATION" && wordsOf(x.cand).length >= 2);
  const orgKey = (x: ClassifiedCandidate) => fold(x.cls.canonical ?? x.cand.form);
  // Every multi-word name, for acronyms made of its initials ("NUJ", "RKS", "NE" for "North East").
  const keyOf = (x: ClassifiedCandidate) => x.cls.kind === "PERSON" ? personKeyOf.get(fold(x.cand.form)) ?? fold(x.cand.form) : fold(x.cls.canonical ?? x.cand.form);
  const multiWord = items.filter((x) => x.cls.kind !== null && wordsOf(x.cand).length >= 2 && !(x.cls.kind === "PERSON" && x.cls.fromTable));
  const kindOfKey = new Map<string, EntityKind>();
  for (const x of multiWord) if (!kindOfKey.has(keyOf(x))) kindOfKey.set(keyOf(x), x.cls.kind!);
  const bracketAcronyms = new Map<string, string>();
  for (const x of items) if (x.cand.bracketAcronym && x.cls.kind === "ORGANISATION" && wordsOf(x.cand).length >= 2) bracketAcronyms.set(x.cand.bracketAcronym, orgKey(x));

  const guessCounts = new Map<string, number>();
  for (const x of items) if (x.cls.strength < 1) guessCounts.set(fold(x.cand.form), (guessCounts.get(fold(x.cand.form)) ?? 0) + 1);

  for (const x of items) {
    const { cand, cls } = x;
    const single = wordsOf(cand).length === 1;
    if (cls.kind === "PERSON" && !single && !cls.fromTable) {
      add(personKeyOf.get(fold(cand.form))!, "PERSON", cls.strength, cand, null);
      continue;
    }
    if (!single && cls.fromTable !== "alias" && cls.kind !== "PERSON") {
      // "Kilroy Silk" written without its hyphen is still the surname of "Robert Kilroy-Silk".
      const sur = surnameIndex.get(fold(cand.form));
      if (sur) { add(pickAmong([...sur], cand.honorific, fullNameCount, firstWordOf), "PERSON", 3, cand, null); continue; }
    }
    if (single && cls.fromTable !== "alias" && !isAcronym(cand.form)) {
      const sur = surnameIndex.get(fold(cand.form));
      // "Mrs Howard" is not "Michael Howard": an honorific of the other gender keeps them apart.
      if (sur && sur.size === 1 && !genderClash(cand.honorific, firstWordOf.get([...sur][0]) ?? "")) { add([...sur][0], "PERSON", 3, cand, null); continue; }
      if (sur && sur.size > 1) { add(pickAmong([...sur], cand.honorific, fullNameCount, firstWordOf), "PERSON", 2, cand, null); continue; }
      const first = firstNameIndex.get(fold(cand.form));
      // "Sir John" after "John Bourn": a given name used for exactly one person in the article.
      if (first && first.size === 1 && (cls.strength < 1 || cls.kind === "PERSON")) { add([...first][0], "PERSON", 1, cand, null); continue; }
    }
    if (single && (isAcronym(cand.form) || /^\p{Lu}+[-‐]\p{Lu}+$/u.test(cand.form)) && cls.fromTable !== "alias") {
      const key = bracketAcronyms.get(cand.form)
        ?? (() => {
          const acronym = cand.form.replace(/[^\p{L}\p{N}]/gu, "");
          const hits = [...new Set(multiWord.filter((o) => initials(o.cand) === acronym).map((o) => keyOf(o)))];
          return hits.length === 1 ? hits[0] : undefined;
        })();
      if (key) { add(key, kindOfKey.get(key) ?? "ORGANISATION", 2, cand, null); continue; }
    }
    if (single && cls.fromTable === null && (cls.kind === "ORGANISATION" || cls.kind === null)) {
      const hits = [...new Set(orgs.filter((o) => {
        const ws = wordsOf(o.cand);
        return fold(ws[0].text) === fold(cand.form) && ws.slice(1).every((t) => isOrganisationHead(t.text));
      }).map(orgKey))];
      if (hits.length === 1) { add(hits[0], "ORGANISATION", 2, cand, null); continue; }
      // The same for places: "Yangtze" after "Yangtze River".
      const placeHits = [...new Set(items.filter((o) => o.cls.kind === "PLACE" && wordsOf(o.cand).length >= 2).filter((o) => {
        const ws = wordsOf(o.cand);
        return fold(ws[0].text) === fold(cand.form) && ws.slice(1).every((t) => isPlaceHead(t.text));
      }).map((o) => fold(o.cls.canonical ?? o.cand.form)))];
      if (placeHits.length === 1) { add(placeHits[0], "PLACE", 2, cand, null); continue; }
    }
    if (cls.kind === null) continue;
    // "US Securities and Exchange Commission" after "Securities and Exchange Commission": a country before
    // an organisation's name is the same organisation.
    if (!single && cls.kind === "ORGANISATION") {
      const ws = wordsOf(cand);
      const restForm = cand.form.slice(ws[1].start - ws[0].start);
      const restKnown = lookupKnown(restForm);
      const restKey = fold(restKnown?.name ?? restForm);
      if (lookupKnown(ws[0].text)?.kind === "PLACE" && (restKnown?.kind === "ORGANISATION" || orgs.some((o) => orgKey(o) === restKey))) {
        add(restKey, "ORGANISATION", 2, cand, restKnown?.name ?? null);
        continue;
      }
    }
    // "BBC Radio", "BBC News 24": a channel or branch of a known organisation is that organisation.
    if (!single && cls.kind === "ORGANISATION" && !cls.fromTable) {
      const ws = wordsOf(cand);
      const parent = lookupKnown(ws[0].text);
      if (parent?.kind === "ORGANISATION" && ws.slice(1).every((t) => isSubBrand(t.text))) { add(fold(parent.name), "ORGANISATION", 2, cand, parent.name); continue; }
    }
    // An unknown single word guessed to be an organisation must recur to count ("Enron ... Enron's").
    if (single && cls.kind === "ORGANISATION" && cls.strength < 1 && (guessCounts.get(fold(cand.form)) ?? 0) < 2) continue;
    if (cls.kind === "PERSON" && single && cls.strength < 1) {
      // A lone given name or surname nobody else explains: keep it only when it clearly speaks.
      if (!(cand.nextWord && SPEECH_VERBS.has(cand.nextWord.toLowerCase()))) continue;
    }
    const key = fold(cls.canonical ?? cand.form);
    add(key, cls.kind, cls.strength, cand, cls.canonical);
  }

  const out: ResolvedEntity[] = [];
  for (const key of order) {
    const g = groups.get(key)!;
    let kind: EntityKind = "ORGANISATION";
    let best = -1;
    for (const [k, v] of g.votes) if (v > best) { best = v; kind = k; }
    let name = g.name;
    if (!name) {
      // The fullest form the article gives: most words, then longest.
      const forms = g.mentions.map((m) => m.form);
      name = forms.reduce((a, b) => {
        const wa = a.split(/\s+/).length, wb = b.split(/\s+/).length;
        return wb > wa || (wb === wa && b.length > a.length) ? b : a;
      });
    }
    out.push({ kind, name, mentions: g.mentions });
  }
  return out;
}
