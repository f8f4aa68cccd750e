// @ts-check
/**
 * The floor: the least work that answers Q2. A bare `node:http` handler that sends one hand-written SQL statement
 * (LATERAL joins, `json_agg`, the same indexes) and writes PostgreSQL's JSON through unchanged, shaped like the
 * GraphQL response. No parsing, validation or resolvers: the cost of the work itself. Any request answers Q2.
 */
const http = require("node:http");
const { Pool } = require("pg");

/** Q2: the 20 newest articles → their people (most salient first) → each person's 5 newest articles → organisations. */
const Q2_SQL = `
SELECT json_build_object('data', json_build_object('articles', json_build_object('edges', coalesce(json_agg(
         json_build_object('node', json_build_object('headline', a.headline, 'people', people.list))
         ORDER BY coalesce(a.published_at, '-infinity'::timestamptz) DESC, a.id DESC), '[]'::json))))::text AS body
  FROM (SELECT id, headline, published_at FROM article
         ORDER BY coalesce(published_at, '-infinity'::timestamptz) DESC, id DESC LIMIT 20) a
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('name', e.name, 'articles', json_build_object('edges', page.edges))
                    ORDER BY ae.salience DESC, e.name, e.id), '[]'::json) AS list
      FROM article_entity ae
      JOIN entity e ON e.id = ae.entity_id AND e.kind = 'PERSON'
      CROSS JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object('headline', a2.headline, 'organisations', orgs.list))
                        ORDER BY top.published_sort DESC, top.article_id DESC), '[]'::json) AS edges
          FROM (SELECT article_id, published_sort FROM article_entity
                 WHERE entity_id = e.id ORDER BY published_sort DESC, article_id DESC LIMIT 5) top
          JOIN article a2 ON a2.id = top.article_id
          CROSS JOIN LATERAL (
            SELECT coalesce(json_agg(json_build_object('name', o.name) ORDER BY ao.salience DESC, o.name, o.id), '[]'::json) AS list
              FROM article_entity ao JOIN entity o ON o.id = ao.entity_id AND o.kind = 'ORGANISATION'
             WHERE ao.article_id = a2.id
          ) orgs
      ) page
     WHERE ae.article_id = a.id
  ) people`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", async () => {
    try {
      const { rows } = await pool.query(Q2_SQL);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(rows[0].body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => {
  server.close();
  pool.end().then(() => process.exit(0));
});

module.exports = { Q2_SQL };
