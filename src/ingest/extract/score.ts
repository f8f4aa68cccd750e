/**
 * Scoring of extraction output against gold annotations: a TypeScript port of the project's reference
 * scorer (`shared/gold/score.mjs`), rule for rule, so `npm run eval` and the reference agree.
 *
 * A system entity matches a gold entity when its normalised name equals the gold name or one of its
 * aliases. The first match is a true positive; a second system entity matching the same gold entity is a
 * false positive (an unresolved duplicate); a name in the gold `optional` list is ignored; anything else is
 * a false positive. Precision, recall and F1 are micro-averaged per kind over all files.
 */

/** The three lists scored, named as in the CLI output and gold files. */
export const SCORED_KINDS = ["people", "organisations", "places"] as const;
/** One of {@link SCORED_KINDS}. */
export type ScoredKind = (typeof SCORED_KINDS)[number];

/** A gold annotation file: `{ file, headline, source, people, organisations, places, optional }`. */
export interface GoldArticle {
  file: string;
  headline?: string;
  source?: string;
  people?: Array<{ name: string; aliases?: string[] }>;
  organisations?: Array<{ name: string; aliases?: string[] }>;
  places?: Array<{ name: string; aliases?: string[] }>;
  optional?: string[];
}

/** One article's system output, as `npm run extract` prints it (only names are scored). */
export interface SystemArticle {
  file: string;
  people?: Array<{ name: string }>;
  organisations?: Array<{ name: string }>;
  places?: Array<{ name: string }>;
}

/** Counts for one kind: true positives, false positives, gold entities. */
export interface KindCounts { tp: number; fp: number; gold: number }
/** Precision, recall and F1 in [0, 1]. */
export interface PRF { p: number; r: number; f: number }

/** The scorer's name normalisation: accents, case, possessive, punctuation and a leading "the" removed. */
export function normaliseName(s: string): string {
  return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[’'`]s\b/g, "").replace(/[^a-z0-9]+/g, " ").trim().replace(/^the /, "");
}

/** The key pairing an output `file` with a gold file: last two path parts, e.g. `politics-001`, `000_abc`. */
export function articleKey(file: string): string {
  const p = file.replace(/\\/g, "/").replace(/\.(txt|json)$/, "").split("/");
  return p.slice(-2).join("-").replace(/^(seeds|gold|bbc-news)-/, "");
}

/** P/R/F1 from counts (the reference scorer's `max(1, …)` guards included). */
export function prf(t: KindCounts): PRF {
  const p = t.tp / Math.max(1, t.tp + t.fp), r = t.tp / Math.max(1, t.gold);
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** The result of scoring a set of outputs. */
export interface ScoreReport {
  /** Output articles that had a gold file. */
  scored: number;
  totals: Record<ScoredKind, KindCounts>;
  /** One line per miss: `<key> <kind> missed|spurious|duplicate: <name>`. */
  misses: string[];
}

/**
 * Scores system outputs against gold annotations.
 * @param golds gold articles (matched by {@link articleKey} of their `file`).
 * @param outputs system articles; those without a gold file are skipped.
 */
export function scoreExtraction(golds: GoldArticle[], outputs: SystemArticle[]): ScoreReport {
  const byKey = new Map(golds.map((g) => [articleKey(g.file), g] as const));
  const totals = Object.fromEntries(SCORED_KINDS.map((k) => [k, { tp: 0, fp: 0, gold: 0 }])) as Record<ScoredKind, KindCounts>;
  const misses: string[] = [];
  let scored = 0;
  for (const o of outputs) {
    const key = articleKey(o.file);
    const g = byKey.get(key);
    if (!g) continue;
    scored++;
    const optional = new Set((g.optional ?? []).map(normaliseName));
    for (const k of SCORED_KINDS) {
      const gents = (g[k] ?? []).map((e) => ({ name: e.name, forms: new Set([e.name, ...(e.aliases ?? [])].map(normaliseName)), hit: false }));
      totals[k].gold += gents.length;
      for (const s of o[k] ?? []) {
        const n = normaliseName(s.name);
        const m = gents.find((e) => e.forms.has(n));
        if (m && !m.hit) { m.hit = true; totals[k].tp++; }
        else if (m) { totals[k].fp++; misses.push(`${key} ${k} duplicate: ${s.name}`); }
        else if (optional.has(n)) { /* ignored */ }
        else { totals[k].fp++; misses.push(`${key} ${k} spurious: ${s.name}`); }
      }
      for (const e of gents) if (!e.hit) misses.push(`${key} ${k} missed: ${e.name}`);
    }
  }
  return { scored, totals, misses };
}
