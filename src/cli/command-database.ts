/**
 * The database a command-line tool works on: the configured one (DATABASE_URL, else the embedded folder),
 * migrated to the current schema. Shared by the commands that write (`ingest`, `related:rebuild`).
 */
import type { Config } from "../config";
import { openDatabase, type Database } from "../db/data-source";
import { DataDirLockedError } from "../db/embedded-lock";
import { runMigrations, withStartupLock } from "../db/migrate";

/**
 * Opens the configured database and applies pending migrations (under the start-up lock, so a server starting
 * at the same time does not migrate twice).
 *
 * @param role names this command in the message another process gets while it holds the embedded folder
 * @returns the open database, or null after printing why when a running process holds the embedded folder
 */
export async function openCommandDatabase(config: Config, role: string): Promise<Database | null> {
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return null;
    }
    throw err;
  }
  try {
    await withStartupLock(db, () => runMigrations(db.dataSource));
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
