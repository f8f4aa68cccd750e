import type { DataSource } from "typeorm";
import type { Database } from "./data-source";

/**
 * Key of the PostgreSQL advisory lock held while migrating and seeding, so several instances starting at once
 * on one database do that work once. An arbitrary constant: "storygraph" in ASCII, truncated to 8 bytes.
 */
export const STARTUP_LOCK_KEY = 0x73746f727967726n;

/**
 * Runs `work` while holding the start-up advisory lock on one dedicated connection, so other instances on the
 * same PostgreSQL wait. The embedded database needs no lock (one process owns its folder) and has one connection,
 * which `work` needs for itself.
 */
export async function withStartupLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  if (db.kind === "pglite") return work();
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [STARTUP_LOCK_KEY.toString()]);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [STARTUP_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Applies every pending migration, each in its own transaction.
 *
 * @returns the names of the migrations applied (empty when the schema was up to date)
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: "each" });
  return applied.map((m) => m.name);
}
