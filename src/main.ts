/**
 * `npm start`: configuration → database (migrated) → seed articles → HTTP server → graceful shutdown.
 */
import "reflect-metadata";
import { ConfigError, loadConfig, type Config } from "./config";
import { openDatabase, type Database } from "./db/data-source";
import { DataDirLockedError } from "./db/embedded-lock";
import { runMigrations, withStartupLock } from "./db/migrate";
import { ingestPaths } from "./ingest/ingest";
import { createLogger, type Logger } from "./logger";
import { createServer } from "./server/create-server";
import { SHUTDOWN_TIMEOUT_MS } from "./server/limits";
import fs from "node:fs";

/** Ingests the seed folder, logging one line per file; a bad file is reported and skipped, never fatal. */
async function seed(db: Database, config: Config, logger: Logger): Promise<void> {
  if (!config.seedDir) return;
  if (!fs.existsSync(config.seedDir)) {
    logger.warn({ seedDir: config.seedDir }, "seed folder not found; starting without seeding");
    return;
  }
  const counts = await ingestPaths(db, [config.seedDir], { maxBytes: config.limits.maxArticleBytes }, (r) => {
    if (r.status === "failed") logger.warn({ file: r.file, reason: r.reason }, `seed file failed: ${r.reason}`);
    else logger.info({ file: r.file, status: r.status, article: r.slug }, `seed ${r.status}: ${r.sourceKey}`);
  });
  logger.info(counts, "seeding done");
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: "server" });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      logger.fatal(err.message);
      process.exit(1);
    }
    throw err;
  }
  logger.info({ database: db.kind, location: db.location }, "database open");
  await withStartupLock(db, async () => {
    const applied = await runMigrations(db.dataSource);
    if (applied.length) logger.info({ migrations: applied }, "migrations applied");
    await seed(db, config, logger);
  });
  if (db.kind === "postgres") {
    // Migrating and seeding (and waiting for another instance doing so) may take longer than one API statement
    // may: they ran without the statement timeout. The server's own pool has it, and the connection timeout.
    await db.close();
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      role: "server",
      ...config.limits.database,
      onPoolError: (err) => logger.warn({ err }, "a pooled database connection failed; it is replaced on the next query"),
    });
  }

  const server = await createServer({ db, logger, auth: config.auth, limits: config.limits, web: config.web });
  const port = await server.listen(config.port, config.host);
  logger.info({ url: `http://localhost:${port}/graphql` }, `Storygraph ready at http://localhost:${port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      // Stop accepting, let in-flight requests finish (up to DRAIN_GRACE_MS), then close the pool.
      await server.stop();
      await db.close();
      logger.info("stopped");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error("Storygraph failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
