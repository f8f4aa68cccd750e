// @ts-check
/**
 * A seeded synthetic news corpus, loaded straight into the tables the migrations made (multi-row INSERTs of
 * `unnest`ed arrays, a few thousand rows per statement): the same seed always gives the same corpus.
 *
 * Shape, for `articles` = N: N articles a few hours apart over ~3 years (all dated, so every system orders them
 * the same way), N/2 people, N/5 organisations, N/12 places (at least 50 each). Each story mentions 1–6 people,
 * 0–4 organisations and 0–3 places drawn from a Zipf distribution (exponent 1.0: a few entities are in a large
 * share of the stories, most in one or two), as real news coverage is. Headlines and bodies are made of a fixed
 * vocabulary plus the names mentioned, so full-text search has something to find. Each story has 4–12 related
 * stories published near it (`article_related`, both directions, one score per pair; no reasons). No `mention`
 * rows (offsets) are made: none of the benchmarked operations reads them.
 */

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler of ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s. */
function zipf(n, s, random) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vor", "sel", "dan", "pri", "gor", "ul", "ben", "sha", "tor", "ne", "vik", "ma", "lis", "ro", "quen"];
const WORDS = (
  "government minister election vote council report talks crisis economy market budget police court trial " +
  "summit treaty border protest strike union health hospital school energy climate storm flood fire rescue " +
  "company shares profit bank interest rates inflation trade deal sanctions army peace ceasefire refugees " +
  "investigation scandal resign campaign leader party opposition parliament senate law reform tax plan"
).split(" ");

/** A pronounceable made-up word from the seeded stream. */
function word(random, parts = 2 + Math.floor(random() * 2)) {
  let w = "";
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w[0].toUpperCase() + w.slice(1);
}

/** Makes the corpus in memory. */
function generateCorpus({ articles, seed = 42 }) {
  const random = rng(seed);
  const counts = {
    PERSON: Math.max(50, Math.floor(articles / 2)),
    ORGANISATION: Math.max(50, Math.floor(articles / 5)),
    PLACE: Math.max(50, Math.floor(articles / 12)),
  };
  const entities = [];
  const byKind = { PERSON: [], ORGANISATION: [], PLACE: [] };
  const suffix = { PERSON: "", ORGANISATION: " Group", PLACE: "" };
  for (const kind of /** @type {const} */ (["PERSON", "ORGANISATION", "PLACE"])) {
    for (let i = 0; i < counts[kind]; i++) {
      const base = kind === "PERSON" ? `${word(random)} ${word(random, 3)}` : `${word(random, 3)}${suffix[kind]}`;
      const name = `${base} ${i}`; // unique names, so responses compare by name
      const e = { id: entities.length + 1, kind, name, key: name.toLowerCase(), slug: `${kind.toLowerCase()}-${i}` };
      entities.push(e);
      byKind[kind].push(e);
    }
  }
  const pick = {
    PERSON: zipf(counts.PERSON, 1.0, random),
    ORGANISATION: zipf(counts.ORGANISATION, 1.0, random),
    PLACE: zipf(counts.PLACE, 1.0, random),
  };
  const start = Date.UTC(2022, 0, 1);
  const links = [];
  const rows = [];
  for (let i = 1; i <= articles; i++) {
    const chosen = new Map();
    const draw = (kind, n) => {
      for (let j = 0; j < n; j++) {
        const e = byKind[kind][pick[kind]()];
        if (!chosen.has(e.id)) chosen.set(e.id, e);
      }
    };
    draw("PERSON", 1 + Math.floor(random() * random() * 6));
    draw("ORGANISATION", Math.floor(random() * 5 * random()));
    draw("PLACE", Math.floor(random() * 4 * random()));
    const names = [...chosen.values()].map((e) => e.name);
    const words = (n) => Array.from({ length: n }, () => (random() < 0.7 ? WORDS[Math.floor(random() * WORDS.length)] : word(random).toLowerCase()));
    const headline = `${names[0] ?? word(random)} ${words(5 + Math.floor(random() * 4)).join(" ")} ${i}`;
    const paragraphs = [0, 1, 2].map((p) => `${words(30).join(" ")} ${names.slice(p, p + 2).join(" and ")}.`);
    // Minutes apart with jitter, all distinct: ~3 years for 100k articles.
    const published = new Date(start + i * 15 * 60_000 + Math.floor(random() * 600) * 1000);
    rows.push({ id: i, headline, body: paragraphs.join("\n\n"), published });
    let rank = 0;
    for (const e of chosen.values()) {
      links.push({ article: i, entity: e.id, mentions: 1 + Math.floor(random() * 4), salience: Math.round((1 / (1 + rank++)) * 1000) / 1000 });
    }
  }
  // Related stories (Article.related): each story paired with 4–12 others published near it, one score per
  // unordered pair, stored in both directions as the related-stories code does (src/related/).
  const pairs = new Map();
  for (let i = 1; i <= articles; i++) {
    const n = 4 + Math.floor(random() * 9);
    for (let k = 0; k < n; k++) {
      const j = Math.min(articles, Math.max(1, i + Math.floor((random() - 0.5) * 600)));
      if (j === i) continue;
      const key = i < j ? `${i}:${j}` : `${j}:${i}`;
      if (!pairs.has(key)) pairs.set(key, Math.round((0.05 + random() * 0.95) * 10000) / 10000);
    }
  }
  const related = [];
  for (const [key, score] of pairs) {
    const [a, b] = key.split(":").map(Number);
    related.push({ article: a, related: b, score }, { article: b, related: a, score });
  }
  return { articles: rows, entities, links, related };
}

/** Inserts `rows` in chunks through `sql` (an INSERT … SELECT FROM unnest($1, $2, …)) given column arrays. */
async function insertChunks(client, rows, size, sql, columns) {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await client.query(sql, columns.map((col) => chunk.map(col)));
  }
}

/**
 * Loads a generated corpus into an empty, migrated database and refreshes planner statistics.
 *
 * @param client a connected `pg` Client
 */
async function loadCorpus(client, corpus) {
  await insertChunks(
    client,
    corpus.entities,
    5000,
    `INSERT INTO entity (id, kind, name, name_key, slug) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [(e) => e.id, (e) => e.kind, (e) => e.name, (e) => e.key, (e) => e.slug],
  );
  await client.query(`INSERT INTO entity_alias (entity_id, alias, alias_key) SELECT id, name, name_key FROM entity`);
  await insertChunks(
    client,
    corpus.articles,
    2000,
    `INSERT INTO article (id, source_key, content_hash, slug, headline, paragraphs, body, word_count, published_at, source, section)
     SELECT id, 'synthetic/' || id, md5(body), 'story-' || id, headline, string_to_array(body, E'\\n\\n'), body,
            array_length(regexp_split_to_array(headline || ' ' || body, '\\s+'), 1), published_at, 'Synthetic Times', 'news'
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) AS t(id, headline, body, published_at)`,
    [(a) => a.id, (a) => a.headline, (a) => a.body, (a) => a.published.toISOString()],
  );
  await insertChunks(
    client,
    corpus.links,
    10000,
    `INSERT INTO article_entity (article_id, entity_id, mention_count, salience)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::float8[])`,
    [(l) => l.article, (l) => l.entity, (l) => l.mentions, (l) => l.salience],
  );
  await insertChunks(
    client,
    corpus.related,
    10000,
    `INSERT INTO article_related (article_id, related_id, score) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[])`,
    [(r) => r.article, (r) => r.related, (r) => r.score],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('article', 'id'), (SELECT max(id) FROM article))`);
  await client.query(`SELECT setval(pg_get_serial_sequence('entity', 'id'), (SELECT max(id) FROM entity))`);
  await client.query(`VACUUM ANALYZE`);
}

module.exports = { generateCorpus, loadCorpus, rng };
