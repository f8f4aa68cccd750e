/**
 * extract: {@link ParsedArticle} → {@link Extraction}: the people, organisations and places an article
 * names, resolved within the article, with every mention's position and a salience score.
 *
 * The stages live in `./extract/`: `candidates` (capitalised runs, titles, lists, demonyms) →
 * `classify` (tables, titles, head words, given names) → `resolve` (surnames, acronyms, aliases) →
 * `salience`. The tables are reviewed JSON in `./data/`, loaded by `./extract/data.ts`.
 */
import type { ArticleSection, ExtractedEntity, ExtractedMention, Extraction, ParsedArticle } from "./types";
import { findCandidates, lowercaseWords, midSentenceCapitals, type Candidate } from "./extract/candidates";
import { classifyCandidate } from "./extract/classify";
import { resolveEntities, type ClassifiedCandidate } from "./extract/resolve";
import { salience } from "./extract/salience";
import { codePointIndexer } from "./extract/text";

export { salience, SALIENCE_WEIGHTS } from "./extract/salience";

/** Name stored as `Extraction.extractor` and on every Mention for provenance. */
export const EXTRACTOR_NAME = "storygraph-rules";
/** Semantic version of the rules and data; bump it whenever either changes. */
export const EXTRACTOR_VERSION = "1.2.0";

interface SectionText {
  section: ArticleSection;
  paragraph: number;
  text: string;
}

function sectionsOf(article: ParsedArticle): SectionText[] {
  const out: SectionText[] = [{ section: "HEADLINE", paragraph: 0, text: article.headline }];
  article.paragraphs.forEach((text, i) => out.push({ section: "BODY", paragraph: i, text }));
  if (article.photoCaption) out.push({ section: "CAPTION", paragraph: 0, text: article.photoCaption });
  return out;
}

/**
 * Extracts and resolves the entities of one parsed article. Pure and synchronous; no I/O.
 *
 * @param article the output of `parseArticle` (its texts are what mention offsets index into).
 * @returns `{ extractor: "storygraph-rules", version, entities }`; entities are ordered by salience (highest
 *   first, ties in order of first mention); each has a canonical `name`, its distinct surface `aliases`,
 *   its `mentions` in reading order (section, paragraph index, code-point `start`/`end`, exact `text`) and
 *   `salience` in [0, 1] (see {@link salience}).
 */
export function extractEntities(article: ParsedArticle): Extraction {
  const sections = sectionsOf(article);
  // Capitals seen mid-sentence in the body tell a name from an ordinary word at a sentence start.
  const bodyTexts = [...article.paragraphs, article.photoCaption ?? ""];
  const known = midSentenceCapitals(bodyTexts);
  const context = { capitalisedMidSentence: known, lowercaseWords: lowercaseWords([article.headline, ...bodyTexts]) };
  const items: ClassifiedCandidate[] = [];
  const textOf = new Map<Candidate, SectionText>();
  for (const s of sections) {
    for (const cand of findCandidates(s.text, s.section, s.paragraph, known)) {
      items.push({ cand, cls: classifyCandidate(cand, context) });
      textOf.set(cand, s);
    }
  }
  const resolved = resolveEntities(items);

  const indexers = new Map<SectionText, (i: number) => number>();
  const toMention = (c: Candidate): ExtractedMention => {
    const s = textOf.get(c)!;
    let cp = indexers.get(s);
    if (!cp) { cp = codePointIndexer(s.text); indexers.set(s, cp); }
    return { section: c.section, paragraph: c.paragraph, start: cp(c.start), end: cp(c.end), text: s.text.slice(c.start, c.end) };
  };

  const maxMentions = Math.max(1, ...resolved.map((e) => e.mentions.length));
  const entities: ExtractedEntity[] = resolved.map((e) => {
    const aliases = [...new Set([e.name, ...e.mentions.map((m) => m.form)])];
    return {
      kind: e.kind,
      name: e.name.normalize("NFC"),
      aliases,
      mentions: e.mentions.map(toMention),
      salience: salience({
        mentions: e.mentions.length,
        maxMentions,
        inHeadline: e.mentions.some((m) => m.section === "HEADLINE"),
        inLead: e.mentions.some((m) => m.section === "BODY" && m.paragraph === 0),
      }),
    };
  });
  entities.sort((a, b) => b.salience - a.salience);
  return { extractor: EXTRACTOR_NAME, version: EXTRACTOR_VERSION, entities };
}
