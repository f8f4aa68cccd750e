/**
 * The related-story score: one place for the formula, its weights and thresholds (imported by the SQL in
 * `components.ts`, the writer in `update.ts`, the GraphQL descriptions and the README).
 *
 * For two stories A and B:
 *
 *   entity part  E(A,B) = Σ_e w_A(e)·w_B(e) / (‖w_A‖·‖w_B‖)      cosine over the entities both mention, where
 *                w_X(e) = kind(e) · idf(e) · salience_X(e),   idf(e) = ln(1 + N / df(e)),
 *                kind(e) = KIND_WEIGHT (places count half: sharing "Russia" says less than sharing a person)
 *                (N = stories stored, df(e) = stories mentioning e, both read when the pair is computed)
 *   text part    T(A,B) = cosine of the stories' lexeme vectors (PostgreSQL `search_vector`, English stemming,
 *                stop words removed), each lexeme weighted (1 + ln tf) · ln(1 + N / df(lexeme)), headline
 *                occurrences counted twice
 *   computed     C = ENTITY_SHARE · E + TEXT_SHARE · T                      (0–1, since E and T are 0–1)
 *   publisher    P = PUBLISHER_LINK_SHARE · (1 − C) when either story lists the other's headline under
 *                `Related Articles`, else 0
 *   score        S = C + P                                                   (0–1)
 *
 * Every term is a reason: each shared entity e gives SHARED_PERSON / SHARED_ORGANISATION / SHARED_PLACE with
 * weight ENTITY_SHARE · w_A(e)·w_B(e) / (‖w_A‖·‖w_B‖); TEXT_SIMILARITY has weight TEXT_SHARE · T; PUBLISHER_LINK
 * has weight P. The weights add up to the score exactly (up to floating-point rounding).
 *
 * The score is symmetric (S(A,B) = S(B,A)), which is what lets one ingest update the stories it touches without
 * recomputing them: the pair is written in both directions.
 */

/**
 * How much an entity of each kind counts in the entity vectors. Places are weaker evidence than people and
 * organisations: two stories naming "United States" are often about different things.
 */
export const KIND_WEIGHT: Record<"PERSON" | "ORGANISATION" | "PLACE", number> = { PERSON: 1, ORGANISATION: 1, PLACE: 0.5 };

/** Share of the score given to shared entities (E). */
export const ENTITY_SHARE = 0.6;
/** Share of the score given to text similarity (T). ENTITY_SHARE + TEXT_SHARE = 1. */
export const TEXT_SHARE = 0.4;
/** Share of what the computed score leaves (1 − C) that a publisher link adds. */
export const PUBLISHER_LINK_SHARE = 0.5;
/**
 * Pairs scoring below this are not stored (nor served); publisher-linked pairs are always stored. At 0.05 a
 * pair needs at least a weak shared entity or a clearly shared vocabulary.
 */
export const STORE_MIN_SCORE = 0.05;

/**
 * Duplicate rule: the same story under another source key. Two stories are duplicates when their normalised
 * headlines are equal and their text similarity T is at least DUPLICATE_SAME_HEADLINE_MIN_TEXT (an edited
 * version: paragraphs added or cut), or, whatever the headlines, T is at least DUPLICATE_MIN_TEXT (a retitled
 * copy). Identical texts have T = 1.
 */
export const DUPLICATE_SAME_HEADLINE_MIN_TEXT = 0.5;
/** See DUPLICATE_SAME_HEADLINE_MIN_TEXT. */
export const DUPLICATE_MIN_TEXT = 0.9;

/** Why two stories are related (the GraphQL enum RelatedReasonKind has the same values). */
export type ReasonKind = "SHARED_PERSON" | "SHARED_ORGANISATION" | "SHARED_PLACE" | "TEXT_SIMILARITY" | "PUBLISHER_LINK";

/** The reason kind of a shared entity of the given kind. */
export const SHARED_KIND: Record<"PERSON" | "ORGANISATION" | "PLACE", ReasonKind> = {
  PERSON: "SHARED_PERSON",
  ORGANISATION: "SHARED_ORGANISATION",
  PLACE: "SHARED_PLACE",
};

/** One term of a pair's score. */
export interface Reason {
  kind: ReasonKind;
  /** The shared entity's id for SHARED_* reasons, else null. */
  entityId: string | null;
  /** This reason's part of the score (0–1). */
  weight: number;
}

/** What the formula needs about one pair. */
export interface PairComponents {
  /** Each shared entity's cosine term w_A(e)·w_B(e) / (‖w_A‖·‖w_B‖) (their sum is E). */
  entities: { entityId: string; kind: "PERSON" | "ORGANISATION" | "PLACE"; term: number }[];
  /** Text cosine T, 0–1. */
  text: number;
  /** Whether either story lists the other under `Related Articles`. */
  publisherLink: boolean;
}

/** A scored pair: its score and the reasons that add up to it, heaviest first. */
export interface ScoredPair {
  score: number;
  reasons: Reason[];
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * Applies the formula (see the module comment) to one pair.
 *
 * @returns the score (0–1) and its reasons, whose weights sum to the score; reasons of weight 0 are left out
 */
export function scorePair(c: PairComponents): ScoredPair {
  const reasons: Reason[] = [];
  // Cosine terms are each ≥ 0 and sum to ≤ 1; rounding in SQL can overshoot by ~1e-16, so the sum is scaled back.
  const entitySum = c.entities.reduce((s, e) => s + Math.max(0, e.term), 0);
  const entityScale = entitySum > 1 ? 1 / entitySum : 1;
  for (const e of c.entities) {
    const weight = ENTITY_SHARE * Math.max(0, e.term) * entityScale;
    if (weight > 0) reasons.push({ kind: SHARED_KIND[e.kind], entityId: e.entityId, weight });
  }
  const text = TEXT_SHARE * clamp01(c.text);
  if (text > 0) reasons.push({ kind: "TEXT_SIMILARITY", entityId: null, weight: text });
  const computed = reasons.reduce((s, r) => s + r.weight, 0);
  if (c.publisherLink) reasons.push({ kind: "PUBLISHER_LINK", entityId: null, weight: PUBLISHER_LINK_SHARE * (1 - Math.min(1, computed)) });
  reasons.sort((a, b) => b.weight - a.weight || (a.entityId ?? "").localeCompare(b.entityId ?? ""));
  const score = Math.min(1, reasons.reduce((s, r) => s + r.weight, 0));
  return { score, reasons };
}

/** Whether a pair is a duplicate (see DUPLICATE_SAME_HEADLINE_MIN_TEXT). */
export function isDuplicate(text: number, sameHeadline: boolean): boolean {
  return text >= DUPLICATE_MIN_TEXT || (sameHeadline && text >= DUPLICATE_SAME_HEADLINE_MIN_TEXT);
}
