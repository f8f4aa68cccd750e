// @ts-check
/**
 * Storygraph as the benchmark runs it: the compiled server (`npm run build` first) on DATABASE_URL, listening on
 * 127.0.0.1:PORT, logging nothing. Prints `ready` on stdout once listening. POOL_SIZE sets the pg pool (default
 * the server's default). STORYGRAPH_DIST points at another compiled tree (default `dist/` of this checkout), e.g.
 * a build of another commit, to compare before and after a change on the same corpus.
 *
 * As deployed (`npm start`, the Dockerfile's NODE_OPTIONS) the server runs with `--max-semi-space-size=64`, a V8
 * heap flag that must be given when the process starts: measure the deployed shape with
 * `npm run bench -- --storygraph-node-options "--max-semi-space-size=64"` (run.js passes it as NODE_OPTIONS).
 */
require("reflect-metadata");
const path = require("node:path");
const dist = path.resolve(process.env.STORYGRAPH_DIST || path.join(__dirname, "../../dist"));
const { openDatabase } = require(path.join(dist, "src/db/data-source"));
const { createServer } = require(path.join(dist, "src/server/create-server"));
const { createLogger } = require(path.join(dist, "src/logger"));

(async () => {
  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    poolSize: process.env.POOL_SIZE ? Number(process.env.POOL_SIZE) : undefined,
  });
  const server = await createServer({ db, logger: createLogger("silent") });
  await server.listen(Number(process.env.PORT), "127.0.0.1");
  process.stdout.write("ready\n");
  process.on("SIGTERM", async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
