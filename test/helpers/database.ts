/**
 * A fresh, migrated database for one test file: on the PostgreSQL server named by TEST_DATABASE_URL (or
 * DATABASE_URL) a new database created for this run and dropped afterwards, so parallel runs never collide;
 * otherwise an in-memory PGlite.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Logger } from "typeorm";
import { openDatabase, type Database } from "../../src/db/data-source";
import { runMigrations } from "../../src/db/migrate";

/** The server URL tests use, or null for PGlite. */
export const serverUrl: string | null = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;

/** A test database and how to throw it away. */
export interface TestDatabase {
  db: Database;
  /** URL of the created database (null on PGlite): for starting a server process on it. */
  url: string | null;
  drop(): Promise<void>;
}

/** Creates, opens and migrates a throwaway database. */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TestDatabase> {
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: "memory://", logger: options.logger });
    await runMigrations(db.dataSource);
    return { db, url: null, drop: () => db.close() };
  }
  const name = `storygraph_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), logger: options.logger, poolSize: 4 });
  await runMigrations(db.dataSource);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
