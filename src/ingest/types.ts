/**
 * The shapes that flow through ingestion: parse → extract → link → persist.
 *
 * Every text field here is NFC-normalised. Offsets are Unicode code points (not UTF-16 units, not bytes)
 * into the text of the section they belong to, end exclusive.
 */

/** Where in an article a mention was found. */
export type ArticleSection = "HEADLINE" | "BODY" | "CAPTION";

/** The three kinds of named entity Storygraph resolves. */
export type EntityKind = "PERSON" | "ORGANISATION" | "PLACE";

/** An article as parsed from plain text, before any entity work. */
export interface ParsedArticle {
  /** First non-empty line, NFC, trimmed. Never empty. */
  headline: string;
  /** Body paragraphs in order, NFC, trimmed, empty ones dropped. The caption and source line are not here. */
  paragraphs: string[];
  /** The text of a `PHOTO CAPTION` block, or null when the article has none. */
  photoCaption: string | null;
  /** The publisher line as written (e.g. `Aljazeera`), or null. */
  sourceLine: string | null;
  /** The publisher's name normalised from `sourceLine` (e.g. `Al Jazeera`), or null. */
  source: string | null;
  /** Headlines listed under a trailing `Related Articles` heading (possibly none). */
  relatedHeadlines: string[];
  /** A date taken from an explicit dateline in the text, or null when the text has none. */
  publishedAt: Date | null;
}

/** One occurrence of an entity in an article. */
export interface ExtractedMention {
  section: ArticleSection;
  /** Index of the paragraph within its section: always 0 for HEADLINE and CAPTION. */
  paragraph: number;
  /** Code-point offset of the first character within the paragraph text. */
  start: number;
  /** Code-point offset one past the last character (end exclusive). */
  end: number;
  /** The exact surface text, equal to the paragraph text between start and end. */
  text: string;
}

/** An entity found in one article, after within-article resolution. */
export interface ExtractedEntity {
  kind: EntityKind;
  /** Canonical display name: the fullest form the article gives, no titles, accents kept, NFC. */
  name: string;
  /** Every distinct surface form resolved to this entity in this article, including `name`, titles stripped. */
  aliases: string[];
  /** Every occurrence, in reading order (headline, body, caption). */
  mentions: ExtractedMention[];
  /** 0–1, see `salience()` in extract.ts for the formula. */
  salience: number;
}

/** The output of the extraction stage for one article. */
export interface Extraction {
  /** Name of the extractor that produced this, stored on every Mention for provenance. */
  extractor: string;
  /** Its version; bump when rules change so stored mentions can be told apart. */
  version: string;
  entities: ExtractedEntity[];
}
