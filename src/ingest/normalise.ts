/**
 * Normal forms used to compare and address names: match keys (accent-, case- and punctuation-insensitive) and
 * URL slugs. Display text is never altered by these; it keeps its accents (NFC).
 */
import { createHash } from "node:crypto";

/**
 * The key two names are compared by: accents removed ("José" → "jose"), lower case, curly and straight
 * apostrophes dropped, other punctuation turned into single spaces, a leading "the " removed.
 * "The Washington Post" and "Washington Post" share a key; "Ki-moon" → "ki moon".
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

/**
 * A URL slug: lower-case ASCII letters and digits separated by single hyphens, at most `maxLength` characters,
 * cut at a hyphen. Accented letters lose their accents; other scripts are dropped. Never empty: falls back to
 * `fallback`.
 */
export function slugify(text: string, maxLength = 80, fallback = "untitled"): string {
  let slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > maxLength) slug = slug.slice(0, maxLength).replace(/-[^-]*$/, "") || slug.slice(0, maxLength);
  return slug || fallback;
}

/** A short, stable suffix (6 hex characters of SHA-1) that tells apart two things sharing a slug. */
export function slugSuffix(seed: string): string {
  return createHash("sha1").update(seed).digest("hex").slice(0, 6);
}

/** SHA-256 of a string, hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Number of words in a text: runs of letters or digits (with inner apostrophes or hyphens). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Length of a string in Unicode code points (what mention offsets count), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
