/**
 * Within-article entity resolution: groups classified candidates into entities.
 *
 * Rules, in order:
 * 1. People named with two or more words group by their folded name; a shorter full name that ends another
 *    ("Kilroy Silk" / "Robert Kilroy-Silk") joins the longer one.
 * 2. A one-word mention equal to exactly one person's surname (or a part of a hyphenated surname, or the
 *    last word of a particle surname: "Assad" → "Bashar al-Assad") joins that person, wherever it occurs
 *    in the text (a headline "Kerry ..." before "John Kerry" in the body too). It beats a gazetteer match
 *    ("Sharon" the person, not a place) but not the curated alias table. Two people sharing it → dropped.
 * 3. A one-word given name used for exactly one person joins them when it is not a surname of anyone.
 * 4. An acronym given in brackets after a name ("Confederation of British Industry (CBI)") or equal to the
 *    initials of exactly one organisation in the article joins that organisation.
 * 5. A single word equal to the first word of exactly one organisation whose other words are organisation
 *    heads ("Telegraph" → "Telegraph Group") joins it.
 * 6. Everything else groups by canonical name (alias table) or folded form; the kind is the one with the
 *    largest summed classification strength.
 */
import type { EntityKind } from "../types";
import type { Candidate } from "./candidates";
import type { Classification } from "./classify";
import { isAcronym, fold } from "./text";
import { isOrganisationHead } from "./data";

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

const SAY = new Set(["said", "says", "told", "added", "argued", "insisted", "warned", "claimed", "admitted", "wrote", "replied", "stressed", "denied", "explained", "urged"]);

const wordsOf = (c: Candidate) => c.tokens.filter((t) => !/^(of|the|for|and|&)$/.test(t.text));

function initials(c: Candidate): string {
  return wordsOf(c).map((t) => t.text[0]).join("").toUpperCase();
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
  }

  // Organisations with two or more words, for acronyms and prefixes.
  const orgs = items.filter((x) => x.cls.kind === "ORGANISATION" && wordsOf(x.cand).length >= 2);
  const orgKey = (x: ClassifiedCandidate) => fold(x.cls.canonical ?? x.cand.form);
  const bracketAcronyms = new Map<string, string>();
  for (const x of items) if (x.cand.bracketAcronym && x.cls.kind === "ORGANISATION" && wordsOf(x.cand).length >= 2) bracketAcronyms.set(x.cand.bracketAcronym, orgKey(x));

  for (const x of items) {
    const { cand, cls } = x;
    const single = wordsOf(cand).length === 1;
    if (cls.kind === "PERSON" && !single && !cls.fromTable) {
      add(personKeyOf.get(fold(cand.form))!, "PERSON", cls.strength, cand, null);
      continue;
    }
    if (single && cls.fromTable !== "alias" && !isAcronym(cand.form)) {
      const sur = surnameIndex.get(fold(cand.form));
      if (sur && sur.size === 1) { add([...sur][0], "PERSON", 3, cand, null); continue; }
      if (sur && sur.size > 1 && cls.strength < 3) continue; // ambiguous between two people: say nothing
      const first = firstNameIndex.get(fold(cand.form));
      if (first && first.size === 1 && cls.kind === "PERSON" && cls.strength < 1) { add([...first][0], "PERSON", 1, cand, null); continue; }
    }
    if (single && isAcronym(cand.form) && cls.fromTable !== "alias") {
      const key = bracketAcronyms.get(cand.form)
        ?? (() => {
          const hits = [...new Set(orgs.filter((o) => initials(o.cand) === cand.form.replace(/\./g, "")).map(orgKey))];
          return hits.length === 1 ? hits[0] : undefined;
        })();
      if (key) { add(key, "ORGANISATION", 2, cand, null); continue; }
    }
    if (single && cls.fromTable === null && (cls.kind === "ORGANISATION" || cls.kind === null)) {
      const hits = [...new Set(orgs.filter((o) => {
        const ws = wordsOf(o.cand);
        return fold(ws[0].text) === fold(cand.form) && ws.slice(1).every((t) => isOrganisationHead(t.text));
      }).map(orgKey))];
      if (hits.length === 1) { add(hits[0], "ORGANISATION", 2, cand, null); continue; }
    }
    if (cls.kind === null) continue;
    if (cls.kind === "PERSON" && single && cls.strength < 1) {
      // A lone given name or surname nobody else explains: keep it only when it clearly speaks.
      if (!(cand.nextWord && SAY.has(cand.nextWord.toLowerCase()))) continue;
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
