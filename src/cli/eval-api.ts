/**
 * `npm run eval:api -- --corpus DIR [--seeds DIR]`: the public API's checks on a real corpus, over HTTP.
 *
 * Ingests the corpus and the seeds into a fresh in-memory database, starts the server on a free port, and checks
 * with a GraphQL client (graphql-request), printing one line per check and exiting 1 if any fails:
 * - paging through every article with `first: 7` forward, then `last: 7` backward, returns each exactly once
 *   in each direction, in the same order, matching `totalCount`;
 * - `search: "\"chemical weapons\""` returns the seed first with `chemical weapons` marked in its highlight;
 * - `search: "blair -brown"` returns only stories whose text does not mention Brown;
 * - `people(filter: { nameContains: "Lavrof" })` finds Sergey Lavrov;
 * - filtering by Tony Blair and Gordon Brown returns only stories naming both (ALL) or either (ANY).
 */
import "reflect-metadata";
import path from "node:path";
import { Command } from "commander";
import pino from "pino";
import { GraphQLClient } from "graphql-request";
import { openDatabase } from "../db/data-source";
import { runMigrations } from "../db/migrate";
import { ingestPaths } from "../ingest/ingest";
import { createServer } from "../server/create-server";

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("npm run eval:api --")
    .option("--corpus <dir>", "folder of corpus articles", "../shared/corpus/bbc-news")
    .option("--seeds <dir>", "folder of seed articles", "seeds")
    .parse(argv, { from: "user" });
  const opts = program.opts<{ corpus: string; seeds: string }>();
  const db = await openDatabase({ dataDir: "memory://" });
  let failures = 0;
  const check = (ok: boolean, what: string, detail = "") => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ` — ${detail}` : ""}`);
    if (!ok) failures++;
  };
  try {
    await runMigrations(db.dataSource);
    const started = Date.now();
    const counts = await ingestPaths(db, [path.resolve(opts.corpus), path.resolve(opts.seeds)], { sectionFromDir: true });
    console.log(`ingested ${counts.ingested} (${counts.failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const server = await createServer({ db, logger: pino({ level: "silent" }) });
    const client = new GraphQLClient(`http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`);
    try {
      // Paging, both directions.
      const forward: string[] = [];
      let total = 0;
      let cursor: string | null = null;
      for (;;) {
        const d: any = await client.request(
          `query($c: String) { articles(first: 7, after: $c) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { c: cursor },
        );
        total = d.articles.totalCount;
        forward.push(...d.articles.edges.map((e: any) => e.node.id));
        if (!d.articles.pageInfo.hasNextPage) break;
        cursor = d.articles.pageInfo.endCursor;
      }
      const backward: string[] = [];
      cursor = null;
      for (;;) {
        const d: any = await client.request(
          `query($c: String) { articles(last: 7, before: $c) { edges { node { id } } pageInfo { hasPreviousPage startCursor } } }`,
          { c: cursor },
        );
        backward.unshift(...d.articles.edges.map((e: any) => e.node.id));
        if (!d.articles.pageInfo.hasPreviousPage) break;
        cursor = d.articles.pageInfo.startCursor;
      }
      check(
        forward.length === total && new Set(forward).size === total,
        "first: 7 forward returns every article exactly once",
        `${forward.length} edges, ${new Set(forward).size} distinct, totalCount ${total}`,
      );
      check(JSON.stringify(backward) === JSON.stringify(forward), "last: 7 backward returns the same articles in the same order", `${backward.length} edges`);

      const phrase: any = await client.request(`{ articles(filter: { search: "\\"chemical weapons\\"" }, orderBy: { field: RELEVANCE }) {
        edges { highlight node { headline source } } } }`);
      const first = phrase.articles.edges[0];
      check(first?.node.source === "Al Jazeera", 'search "\\"chemical weapons\\"" returns the seed first', first?.node.headline);
      check(/<mark>chemical<\/mark> <mark>weapons<\/mark>/.test(first?.highlight ?? ""), "its highlight marks the phrase");

      const ex: any = await client.request(`{ articles(first: 100, filter: { search: "blair -brown" }) { totalCount edges { node { headline body photoCaption } } } }`);
      const leaking = ex.articles.edges.filter((e: any) => /\bbrown\b/i.test(`${e.node.headline} ${e.node.body} ${e.node.photoCaption ?? ""}`));
      check(ex.articles.totalCount > 0 && leaking.length === 0, 'search "blair -brown" excludes stories that mention Brown', `${ex.articles.totalCount} found, ${leaking.length} mention Brown`);

      const typo: any = await client.request(`{ people(filter: { nameContains: "Lavrof" }) { edges { node { name } } } }`);
      const names = typo.people.edges.map((e: any) => e.node.name);
      check(names.includes("Sergey Lavrov"), 'people(nameContains: "Lavrof") finds Sergey Lavrov', names.join(", "));

      const who: any = await client.request(`{ blair: people(filter: { nameContains: "Tony Blair" }, first: 20) { edges { node { id name } } }
        brown: people(filter: { nameContains: "Gordon Brown" }, first: 20) { edges { node { id name } } } }`);
      const exact = (edges: any[], name: string) => edges.find((e) => e.node.name === name)?.node.id;
      const ids = [exact(who.blair.edges, "Tony Blair"), exact(who.brown.edges, "Gordon Brown")];
      if (ids.every(Boolean)) {
        const all: any = await client.request(
          `query($ids: [ID!]) { articles(first: 100, filter: { people: $ids }) { totalCount edges { node { people { id } } } } }`,
          { ids },
        );
        const allOk = all.articles.edges.every((e: any) => ids.every((id) => e.node.people.some((p: any) => p.id === id)));
        const any: any = await client.request(
          `query($ids: [ID!]) { articles(first: 100, filter: { people: $ids, entityMatch: ANY }) { totalCount edges { node { people { id } } } } }`,
          { ids },
        );
        const anyOk = any.articles.edges.every((e: any) => ids.some((id) => e.node.people.some((p: any) => p.id === id)));
        check(all.articles.totalCount > 0 && allOk, "filtering by Tony Blair and Gordon Brown (ALL) returns stories naming both", `${all.articles.totalCount}`);
        check(anyOk && any.articles.totalCount > all.articles.totalCount, "… and (ANY) stories naming either", `${any.articles.totalCount}`);
      } else {
        check(false, "Tony Blair and Gordon Brown are found as people", JSON.stringify(ids));
      }
    } finally {
      await server.stop();
    }
  } finally {
    await db.close();
  }
  console.log(failures ? `${failures} check(s) failed` : "all API checks passed");
  return failures ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
