/**
 * Salience: how central an entity is to one article, in [0, 1].
 */

/** What the salience formula needs to know about one entity. */
export interface SalienceInput {
  /** Number of mentions of this entity in the article (all sections). */
  mentions: number;
  /** Mentions of the most-mentioned entity in the same article (≥ 1). */
  maxMentions: number;
  /** Mentioned in the headline. */
  inHeadline: boolean;
  /** Mentioned in the first body paragraph (the lead). */
  inLead: boolean;
}

/** Weights of the formula, in one place so stored scores can be explained. */
export const SALIENCE_WEIGHTS = { frequency: 0.6, headline: 0.25, lead: 0.15 } as const;

/**
 * salience = min(1, 0.6 × mentions / maxMentions + 0.25 × [in headline] + 0.15 × [in lead paragraph]).
 *
 * The frequency share is relative to the article's most-mentioned entity, so every article's top entity
 * gets at least 0.6; headline and lead presence are the journalist's own signal of importance. The result
 * is rounded to three decimals and always lies in [0, 1].
 */
export function salience(input: SalienceInput): number {
  const share = input.maxMentions > 0 ? Math.min(1, input.mentions / input.maxMentions) : 0;
  const raw = SALIENCE_WEIGHTS.frequency * share
    + (input.inHeadline ? SALIENCE_WEIGHTS.headline : 0)
    + (input.inLead ? SALIENCE_WEIGHTS.lead : 0);
  return Math.round(Math.max(0, Math.min(1, raw)) * 1000) / 1000;
}
