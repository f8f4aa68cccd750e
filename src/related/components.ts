/**
 * Reads what the score formula (score.ts) needs about one article paired with every other: the per-entity
 * cosine terms, the text cosine, equal headlines and publisher links. Four statements, each reading the corpus
 * statistics (N, document frequencies) as they are at that moment.
 *
 * Cost: the text cosine needs every stored lexeme's document frequency, so each call scans the stored
 * `search_vector`s once (about 10 ms per thousand articles on PostgreSQL); fine for tens of thousands of stories.
 */
import type { EntityManager } from "typeorm";
import { KIND_WEIGHT, type PairComponents } from "./score";

/** The components of every pair (article, other) that has anything in common, keyed by the other's id. */
export type ComponentsByOther = Map<string, PairComponents & { sameHeadline: boolean }>;

/** Anything that runs SQL: a transaction's EntityManager or a DataSource. */
export type Queryable = Pick<EntityManager, "query">;

/** The lexeme weights of every article (see score.ts), as SQL CTEs named `tw` (id, lexeme, w) and `norm` (id, norm). */
const LEXEME_WEIGHTS_SQL = `
     n AS (SELECT count(*)::float8 AS n FROM article),
     lex AS (
       SELECT v.id, t.lexeme,
              coalesce(cardinality(t.positions), 1) + coalesce(cardinality(array_positions(t.weights, 'A')), 0) AS tf
         FROM article v, unnest(v.search_vector) t
     ),
     df AS (SELECT lexeme, count(*)::float8 AS df FROM lex GROUP BY lexeme),
     tw AS (SELECT lex.id, lex.lexeme, (1 + ln(lex.tf)) * ln(1 + n.n / df.df) AS w FROM lex JOIN df USING (lexeme), n),
     norm AS (SELECT id, sqrt(sum(w * w)) AS norm FROM tw GROUP BY id)`;

/**
 * Name of the transaction-scoped snapshot of lexeme weights a rebuild reads instead of recomputing them for every
 * article (see snapshotLexemeWeights).
 */
const SNAPSHOT = "related_lexeme_weight";

/**
 * Computes every article's lexeme weights once into temporary tables dropped at commit, so a rebuild reads them
 * with an index instead of rescanning the corpus per article. Call inside a transaction.
 */
export async function snapshotLexemeWeights(tx: Queryable): Promise<void> {
  await tx.query(`CREATE TEMPORARY TABLE ${SNAPSHOT} ON COMMIT DROP AS WITH ${LEXEME_WEIGHTS_SQL} SELECT id, lexeme, w FROM tw`);
  await tx.query(`CREATE INDEX ON ${SNAPSHOT} (lexeme)`);
  await tx.query(`CREATE INDEX ON ${SNAPSHOT} (id)`);
  await tx.query(`CREATE TEMPORARY TABLE ${SNAPSHOT}_norm ON COMMIT DROP AS SELECT id, sqrt(sum(w * w)) AS norm FROM ${SNAPSHOT} GROUP BY id`);
  await tx.query(`CREATE UNIQUE INDEX ON ${SNAPSHOT}_norm (id)`);
  await tx.query(`ANALYZE ${SNAPSHOT}`);
}

/**
 * The text cosine of `articleId` with every other article sharing at least one lexeme (see score.ts for the
 * weighting). Headline occurrences (weight A in `search_vector`) count twice.
 *
 * @param snapshot read the weights snapshotLexemeWeights stored in this transaction instead of computing them
 */
export async function textSimilarities(tx: Queryable, articleId: string, snapshot = false): Promise<Map<string, number>> {
  // A rebuild reads the indexed snapshot tables directly; otherwise the weights are CTEs over the live corpus.
  const tw = snapshot ? SNAPSHOT : "tw";
  const norm = snapshot ? `${SNAPSHOT}_norm` : "norm";
  const rows: { id: string; cos: number }[] = await tx.query(
    `WITH ${snapshot ? "" : `${LEXEME_WEIGHTS_SQL},`}
     mine AS (SELECT lexeme, w FROM ${tw} WHERE id = $1),
     dot AS (SELECT t.id, sum(mine.w * t.w) AS dot FROM mine JOIN ${tw} t USING (lexeme) WHERE t.id <> $1 GROUP BY t.id)
     SELECT dot.id::text AS id, (dot.dot / nullif(na.norm * nb.norm, 0))::float8 AS cos
       FROM dot JOIN ${norm} nb ON nb.id = dot.id JOIN ${norm} na ON na.id = $1`,
    [articleId],
  );
  return new Map(rows.map((r) => [r.id, Math.min(1, Math.max(0, Number(r.cos) || 0))]));
}

/** One shared entity's cosine term for the pair (articleId, other). */
interface EntityTermRow {
  other_id: string;
  entity_id: string;
  kind: "PERSON" | "ORGANISATION" | "PLACE";
  term: number;
}

/** The per-entity cosine terms of `articleId` with every article sharing an entity with it. */
export async function entityTerms(tx: Queryable, articleId: string): Promise<EntityTermRow[]> {
  const rows: EntityTermRow[] = await tx.query(
    `WITH n AS (SELECT count(*)::float8 AS n FROM article),
     mine AS (SELECT entity_id FROM article_entity WHERE article_id = $1),
     touched AS (SELECT DISTINCT ae.article_id FROM article_entity ae JOIN mine USING (entity_id)),
     ew AS (
       SELECT ae.article_id, ae.entity_id,
              CASE k.kind WHEN 'PERSON' THEN $2::float8 WHEN 'ORGANISATION' THEN $3::float8 ELSE $4::float8 END
                * ln(1 + n.n / df.df) * ae.salience AS w
         FROM article_entity ae
         JOIN touched USING (article_id)
         JOIN entity k ON k.id = ae.entity_id
         JOIN LATERAL (SELECT count(*)::float8 AS df FROM article_entity d WHERE d.entity_id = ae.entity_id) df ON TRUE
         CROSS JOIN n
     ),
     norm AS (SELECT article_id, sqrt(sum(w * w)) AS norm FROM ew GROUP BY article_id)
     SELECT b.article_id::text AS other_id, a.entity_id::text AS entity_id, e.kind,
            (a.w * b.w / nullif(na.norm * nb.norm, 0))::float8 AS term
       FROM ew a
       JOIN ew b ON b.entity_id = a.entity_id AND b.article_id <> a.article_id
       JOIN norm na ON na.article_id = a.article_id
       JOIN norm nb ON nb.article_id = b.article_id
       JOIN entity e ON e.id = a.entity_id
      WHERE a.article_id = $1`,
    [articleId, KIND_WEIGHT.PERSON, KIND_WEIGHT.ORGANISATION, KIND_WEIGHT.PLACE],
  );
  return rows.map((r) => ({ ...r, term: Number(r.term) || 0 }));
}

/** Ids of the other articles whose normalised headline equals this one's. */
export async function sameHeadline(tx: Queryable, articleId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await tx.query(
    `SELECT b.id::text AS id FROM article a JOIN article b
        ON storygraph_headline_key(b.headline) = storygraph_headline_key(a.headline) AND b.id <> a.id
      WHERE a.id = $1`,
    [articleId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Ids of the articles linked to this one by a publisher: those whose headline this article lists under
 * `Related Articles`, and those listing this article's headline (so a link resolves whichever side arrives
 * first). Headlines are compared normalised (storygraph_headline_key).
 */
export async function publisherLinks(tx: Queryable, articleId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await tx.query(
    `WITH a AS (SELECT id, storygraph_headline_key(headline) AS hk, related_headlines FROM article WHERE id = $1)
     SELECT b.id::text AS id FROM a JOIN article b
         ON storygraph_headline_key(b.headline) IN (SELECT storygraph_headline_key(h) FROM unnest(a.related_headlines) h)
      WHERE b.id <> a.id
     UNION
     SELECT b.id::text FROM a JOIN article b
         ON b.related_headlines <> '{}' AND a.hk IN (SELECT storygraph_headline_key(h) FROM unnest(b.related_headlines) h)
      WHERE b.id <> a.id`,
    [articleId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Everything the formula needs for `articleId` paired with each article it has anything in common with.
 *
 * @param snapshot see textSimilarities
 */
export async function pairComponents(tx: Queryable, articleId: string, snapshot = false): Promise<ComponentsByOther> {
  const [text, terms, headlines, links] = [
    await textSimilarities(tx, articleId, snapshot),
    await entityTerms(tx, articleId),
    await sameHeadline(tx, articleId),
    await publisherLinks(tx, articleId),
  ];
  const out: ComponentsByOther = new Map();
  const get = (id: string) => {
    let c = out.get(id);
    if (!c) {
      c = { entities: [], text: text.get(id) ?? 0, publisherLink: links.has(id), sameHeadline: headlines.has(id) };
      out.set(id, c);
    }
    return c;
  };
  for (const id of text.keys()) get(id);
  for (const t of terms) get(t.other_id).entities.push({ entityId: t.entity_id, kind: t.kind, term: t.term });
  for (const id of headlines) get(id);
  for (const id of links) get(id);
  return out;
}
