// @ts-check
/**
 * The peer: PostGraphile v5 (Amber preset) with the many-to-many preset over the same database, listening on
 * 127.0.0.1:PORT at /graphql, no GraphiQL, no watch mode, pool of POOL_SIZE connections (default 10). Needs
 * Node 22 (the bench starts it with the `node` binary from bench/node_modules). Prints `ready` once listening.
 */
import http from "node:http";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PgManyToManyPreset } from "@graphile-contrib/pg-many-to-many";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgManyToManyPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      poolConfig: { max: Number(process.env.POOL_SIZE || 10) },
    }),
  ],
  grafserv: { graphiql: false, watch: false, graphqlPath: "/graphql" },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = http.createServer();
serv.addTo(server).then(() => {
  server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
});
process.on("SIGTERM", async () => {
  server.close();
  await pgl.release();
  process.exit(0);
});
