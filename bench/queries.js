// @ts-check
/**
 * The benchmarked operations, as each system spells them, and how their answers are compared.
 *
 * - Q1 (flat): the 20 newest articles' headline and publication time.
 * - Q2 (nested): the 20 newest articles → their people → each person's 5 newest articles → those articles'
 *   organisations. The floor answers this one only.
 * - Q3 (full-text search): the 20 newest articles matching a search text (a mid-popularity person's surname).
 * - Q4 (related stories): `related(first: 10)` of a random article (a fixed one when answers are compared).
 *
 * PostGraphile spells the same reads with its generated names: `allArticles` ordered by
 * `PUBLISHED_AT_DESC, ROW_ID_DESC` (every synthetic article is dated, so this is Storygraph's order), the
 * many-to-many fields over `article_entity` filtered by `kind`, the `article_related` rows of an article by
 * `SCORE_DESC, RELATED_ID_ASC`, and for search a SQL function the bench adds (`bench_search_articles`, the same
 * `websearch_to_tsquery` condition and order as Storygraph): PostGraphile v5 has no full-text search of its own.
 * People come back in another order (PostGraphile cannot order a many-to-many list by the junction's salience),
 * so the normal form sorts entity lists by name; article lists keep their order.
 */
const crypto = require("node:crypto");

/**
 * @typedef {{ search: string, slug: string }} Params values an operation is built with
 * @typedef {{ storygraph: (p: Params) => string, postgraphile: (p: Params) => string, floor?: true, perRequest?: "slug" }} Operation
 */

/** @type {Record<string, Operation>} */
const OPERATIONS = {
  Q1: {
    storygraph: () => `{ articles(first: 20) { edges { node { headline publishedAt } } } }`,
    postgraphile: () => `{ allArticles(first: 20, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) { edges { node { headline publishedAt } } } }`,
  },
  Q2: {
    storygraph: () =>
      `{ articles(first: 20) { edges { node { headline people { name articles(first: 5) { edges { node { headline organisations { name } } } } } } } } }`,
    postgraphile: () => `{ allArticles(first: 20, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) { edges { node { headline
    people: entitiesByArticleEntityArticleIdAndEntityId(condition: { kind: "PERSON" }) { nodes { name
      articles: articlesByArticleEntityEntityIdAndArticleId(first: 5, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) { edges { node { headline
        organisations: entitiesByArticleEntityArticleIdAndEntityId(condition: { kind: "ORGANISATION" }) { nodes { name } } } } } } } } } } }`,
    floor: true,
  },
  Q3: {
    storygraph: (p) => `{ articles(first: 20, filter: { search: ${JSON.stringify(p.search)} }) { edges { node { headline publishedAt } } } }`,
    postgraphile: (p) => `{ benchSearchArticles(q: ${JSON.stringify(p.search)}, first: 20) { nodes { headline publishedAt } } }`,
  },
  Q4: {
    storygraph: (p) => `{ article(slug: ${JSON.stringify(p.slug)}) { related(first: 10) { edges { score node { headline } } } } }`,
    postgraphile: (p) => `{ articleBySlug(slug: ${JSON.stringify(p.slug)}) {
      related: articleRelatedsByArticleId(first: 10, orderBy: [SCORE_DESC, RELATED_ID_ASC]) { nodes { score articleByRelatedId { headline } } } } }`,
    perRequest: "slug",
  },
};

/** SQL the bench adds for the peer's Q3: Storygraph's search condition (src/domain/article/article-query.ts) and order. */
const PEER_SEARCH_FUNCTION = `
CREATE OR REPLACE FUNCTION bench_search_articles(q text) RETURNS SETOF article LANGUAGE sql STABLE AS $$
  SELECT * FROM article
   WHERE search_vector @@ websearch_to_tsquery('english'::regconfig, storygraph_unaccent(q))
   ORDER BY coalesce(published_at, '-infinity'::timestamptz) DESC, id DESC
$$`;

/** A list's items whatever the system's shape (`[..]`, `{ nodes }` or `{ edges { node } }`). */
const list = (x) => (Array.isArray(x) ? x : x?.nodes ?? x?.edges?.map((e) => ({ ...e, ...e.node })) ?? []);

/** The comparable form of an answer to `operation`, from the `data` of any system. */
function normalise(operation, data) {
  if (operation === "Q4") {
    const article = data.article ?? data.articleBySlug;
    return list(article.related).map((r) => [(r.articleByRelatedId ?? r).headline, Math.round(r.score * 1e6)]);
  }
  const articles = list(data.articles ?? data.allArticles ?? data.benchSearchArticles);
  if (operation === "Q1" || operation === "Q3") return articles.map((a) => [a.headline, new Date(a.publishedAt).toISOString()]);
  const names = (entities) => list(entities).map((e) => e.name).sort();
  return articles.map((a) => [
    a.headline,
    list(a.people)
      .map((p) => [p.name, list(p.articles).map((x) => [x.headline, names(x.organisations)])])
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
  ]);
}

/** A short hash of the normal form, for comparing systems. */
function answerHash(operation, data) {
  return crypto.createHash("sha256").update(JSON.stringify(normalise(operation, data))).digest("hex").slice(0, 16);
}

module.exports = { OPERATIONS, PEER_SEARCH_FUNCTION, normalise, answerHash };
