/**
 * parse: decoded article text → {@link ParsedArticle} (headline, paragraphs, caption, source line, related
 * headlines, dateline). Pure; no entity work here.
 *
 * Two layouts are recognised (see README.md):
 * - the Al Jazeera seed layout: headline, the headline repeated, paragraphs, `PHOTO CAPTION` + caption,
 *   a publisher line (`Aljazeera`), a trailing `Related Articles` heading with headlines under it;
 * - the BBC corpus layout: headline, blank line, one paragraph per line (some ` - ` bullets).
 *
 * Every paragraph is trimmed and its runs of whitespace collapsed to one space *here*, so the strings in
 * `ParsedArticle` are exactly what extraction offsets index into.
 */
import { ArticleInputError } from "./decode";
import type { ParsedArticle } from "./types";
import publisherTable from "./data/publishers.json";

const PUBLISHERS: ReadonlyMap<string, string> = new Map(
  Object.entries(publisherTable as Record<string, string>).filter(([k]) => !k.startsWith("_")),
);

const CAPTION_HEADING = /^photo\s+caption:?$/i;
const RELATED_HEADING = /^related\s+(articles|stories|content)\s*:?$/i;

/** Trims, collapses whitespace runs to one space and NFC-normalises one line of text. */
export function cleanLine(line: string): string {
  return line.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * Normalises a publisher line to the publisher's display name via the reviewed table in
 * `data/publishers.json` ("Aljazeera" → "Al Jazeera", "AP" → "Associated Press").
 * @returns the display name, or null when the line is not a known publisher.
 */
export function normalisePublisher(line: string): string | null {
  const key = cleanLine(line).toLowerCase().replace(/[.:]+$/, "");
  return PUBLISHERS.get(key) ?? null;
}

const MONTHS: Record<string, number> = {
  jan: 0, january: 0, feb: 1, february: 1, mar: 2, march: 2, apr: 3, april: 3, may: 4, jun: 5, june: 5,
  jul: 6, july: 6, aug: 7, august: 7, sep: 8, sept: 8, september: 8, oct: 9, october: 9, nov: 10,
  november: 10, dec: 11, december: 11,
};
const MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const PREFIX = "(?:(?:published|updated|posted|date(?:d)?)\\s*:?\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?";
const DAY_MONTH_YEAR = new RegExp(`^${PREFIX}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})$`, "i");
const MONTH_DAY_YEAR = new RegExp(`^${PREFIX}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, "i");
const ISO_DATE = new RegExp(`^${PREFIX}(\\d{4})-(\\d{2})-(\\d{2})$`, "i");
/** `LONDON, Sept 11, 2013 (Reuters) -`: agency dateline at the start of the first paragraph. */
const AGENCY_DATELINE = new RegExp(`^[A-Z][A-Z .'-]+,\\s+${MONTH}\\s+(\\d{1,2}),?\\s+(?:(\\d{4})\\s+)?\\([A-Za-z .]+\\)\\s+[-–—]`);

function utcDate(year: number, month: number, day: number): Date | null {
  const d = new Date(Date.UTC(year, month, day));
  return d.getUTCMonth() === month && d.getUTCDate() === day ? d : null;
}

/**
 * Reads a line that is nothing but a date ("Published: 12 Sep 2013", "September 11, 2013", "2013-09-11").
 * @returns midnight UTC of that day, or null when the line is not solely a full date (day, month and year).
 */
export function parseDateLine(line: string): Date | null {
  const s = cleanLine(line);
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) return utcDate(Number(m[3]), MONTHS[m[2].toLowerCase().replace(".", "")], Number(m[1]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return utcDate(Number(m[3]), MONTHS[m[1].toLowerCase().replace(".", "")], Number(m[2]));
  m = ISO_DATE.exec(s);
  if (m) return utcDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return null;
}

/** An agency dateline with a year at the start of a paragraph, else null (no year → no date: we never guess). */
function parseAgencyDateline(paragraph: string): Date | null {
  const m = AGENCY_DATELINE.exec(paragraph);
  if (!m || !m[3]) return null;
  return utcDate(Number(m[3]), MONTHS[m[1].toLowerCase().replace(".", "")], Number(m[2]));
}

/** A short line (1–3 words, no sentence punctuation) that can be a publisher line after a caption. */
function looksLikeSourceLine(line: string): boolean {
  if (normalisePublisher(line)) return true;
  const words = line.split(" ");
  return words.length <= 3 && !/[.!?,;:"“”]$/.test(line) && /^[A-Z]/.test(line);
}

/** Longest headline accepted, in characters (code points); real headlines are far shorter. */
export const MAX_HEADLINE_LENGTH = 500;

/**
 * Splits article text into its parts.
 *
 * @param text decoded text (see `decodeArticle`), LF line endings.
 * @returns the parsed article; `paragraphs` are cleaned (trimmed, whitespace collapsed, NFC); a bullet line
 *   (` - text `) is its own paragraph and keeps its marker (`- text`). `source` is the table's name for a
 *   known publisher, else the source line as written.
 * @throws ArticleInputError `NO_HEADLINE` when the text has no non-empty line; `HEADLINE_TOO_LONG` when its first
 *   line is longer than MAX_HEADLINE_LENGTH (a file that is not an article, or hard-wrapped text missing).
 */
export function parseArticle(text: string): ParsedArticle {
  const lines = text.normalize("NFC").split(/\r\n?|\n/).map(cleanLine);
  const nonEmpty = lines.filter((l) => l !== "");
  if (nonEmpty.length === 0) throw new ArticleInputError("NO_HEADLINE", "article has no headline (no non-empty line)");
  const headline = nonEmpty[0];
  const headlineLength = [...headline].length;
  if (headlineLength > MAX_HEADLINE_LENGTH) {
    throw new ArticleInputError(
      "HEADLINE_TOO_LONG",
      `the headline (first line) is ${headlineLength} characters long; at most ${MAX_HEADLINE_LENGTH} are accepted`,
    );
  }
  let rest = nonEmpty.slice(1);
  if (rest[0] === headline) rest = rest.slice(1); // the seed layout repeats the headline

  // Trailing `Related Articles` block: its heading and everything after it.
  let relatedHeadlines: string[] = [];
  const relatedAt = rest.findIndex((l) => RELATED_HEADING.test(l));
  if (relatedAt !== -1) {
    relatedHeadlines = rest.slice(relatedAt + 1);
    rest = rest.slice(0, relatedAt);
  }

  // Photo caption: the heading line and the paragraph after it; a short line after that is the source line.
  let photoCaption: string | null = null;
  let sourceLine: string | null = null;
  const captionAt = rest.findIndex((l) => CAPTION_HEADING.test(l));
  if (captionAt !== -1) {
    const after = rest.slice(captionAt + 1);
    photoCaption = after[0] ?? null;
    let tail = after.slice(1);
    if (tail.length > 0 && looksLikeSourceLine(tail[tail.length - 1])) {
      sourceLine = tail[tail.length - 1];
      tail = tail.slice(0, -1);
    }
    rest = [...rest.slice(0, captionAt), ...tail];
  }
  // Without a caption only a *known* publisher name as the last line counts: a short last paragraph stays.
  if (sourceLine === null && rest.length > 0 && normalisePublisher(rest[rest.length - 1])) {
    sourceLine = rest[rest.length - 1];
    rest = rest.slice(0, -1);
  }

  // Dateline: a date-only line among the first three lines after the headline, or an agency dateline.
  let publishedAt: Date | null = null;
  for (let i = 0; i < Math.min(3, rest.length); i++) {
    const d = parseDateLine(rest[i]);
    if (d) {
      publishedAt = d;
      rest = [...rest.slice(0, i), ...rest.slice(i + 1)];
      break;
    }
  }
  if (!publishedAt && rest.length > 0) publishedAt = parseAgencyDateline(rest[0]);

  return {
    headline,
    paragraphs: rest,
    photoCaption,
    sourceLine,
    source: sourceLine ? (normalisePublisher(sourceLine) ?? sourceLine) : null,
    relatedHeadlines,
    publishedAt,
  };
}
