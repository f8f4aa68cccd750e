/**
 * The one place a database connection is made: a real PostgreSQL server when a URL is given, otherwise the
 * embedded PGlite (PostgreSQL compiled to WebAssembly) in a local data folder or in memory.
 *
 * Both run through TypeORM's ordinary `postgres` driver and node-postgres: for PGlite, node-postgres talks to the
 * in-process database through PGlite's own `node-postgres` adapter with a pool of one connection, so transactions
 * are serialised exactly as on a single real connection. The same migrations run on both.
 */
import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { DataSource, type Logger } from "typeorm";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { ArticleRecord } from "../domain/article/article.entity";
import {
  EntityAliasRecord,
  EntityRecord,
  OrganisationRecord,
  PersonRecord,
  PlaceRecord,
} from "../domain/entity/entity.entity";
import { ArticleEntityRecord, MentionRecord } from "../domain/mention/mention.entity";
import { migrations } from "./migrations";
import { lockDataDir, type DataDirLock } from "./embedded-lock";

/** Every TypeORM entity class, for the DataSource. */
export const entities = [
  ArticleRecord,
  EntityRecord,
  PersonRecord,
  OrganisationRecord,
  PlaceRecord,
  EntityAliasRecord,
  ArticleEntityRecord,
  MentionRecord,
];

/** How to reach the database. */
export interface DatabaseOptions {
  /** PostgreSQL URL; null or undefined = embedded PGlite. */
  databaseUrl?: string | null;
  /** PGlite data folder, or `memory://` (the default) for a throwaway in-memory database. */
  dataDir?: string;
  /** Who opens an embedded data folder, named in the message a second process gets (`server`, `ingest`…). */
  role?: string;
  /** A TypeORM logger, e.g. a StatementCounter in tests. */
  logger?: Logger;
  /** Connections in the pool for a real server (default 10; PGlite always has one). */
  poolSize?: number;
  /**
   * PostgreSQL `statement_timeout` in ms of every pooled connection: a statement running longer is cancelled and
   * its request fails (error 57014). Unset = none (migrations, seeding, the ingest command). PGlite ignores it.
   */
  statementTimeoutMs?: number;
  /** How long to wait for a pooled connection in ms before failing; unset = forever. PGlite ignores it. */
  connectionTimeoutMs?: number;
  /**
   * Called when an idle pooled connection fails (the server restarted, the network dropped). The pool discards
   * that connection and opens a new one on the next query; without a handler such an error would end the process.
   */
  onPoolError?: (error: Error) => void;
}

/** An open database: its TypeORM DataSource and how to close it. */
export interface Database {
  dataSource: DataSource;
  /** `postgres` for a server, `pglite` for the embedded database. */
  kind: "postgres" | "pglite";
  /** Human-readable location (URL without password, or data folder). */
  location: string;
  /** Closes the pool, the embedded database and its folder lock. */
  close(): Promise<void>;
}

/**
 * Opens (but does not migrate) the database.
 *
 * @throws DataDirLockedError when another live process holds the embedded data folder
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.databaseUrl) {
    const dataSource = new DataSource({
      type: "postgres",
      url: options.databaseUrl,
      entities,
      migrations,
      synchronize: false,
      logging: options.logger ? true : false,
      logger: options.logger,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMS: options.connectionTimeoutMs,
      // Without onPoolError, TypeORM's own handler logs the error as a warning through `logger`.
      ...(options.onPoolError ? { poolErrorHandler: options.onPoolError } : {}),
      // node-postgres sends statement_timeout in the start-up packet: the session default of each connection.
      // keepAlive notices a server that vanished without closing the socket.
      extra: {
        keepAlive: true,
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      },
    });
    await dataSource.initialize();
    return {
      dataSource,
      kind: "postgres",
      location: redactUrl(options.databaseUrl),
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  }

  const dataDir = options.dataDir ?? "memory://";
  let lock: DataDirLock | null = null;
  if (!dataDir.startsWith("memory://")) {
    lock = lockDataDir(dataDir, options.role ?? "process");
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  let pglite: PGlite | null = null;
  try {
    pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
    const pgConfig = createPgConfig(pglite);
    const dataSource = new DataSource({
      type: "postgres",
      entities,
      migrations,
      synchronize: false,
      logging: options.logger ? true : false,
      logger: options.logger,
      // PGlite is one connection: a pool of one serialises transactions correctly.
      extra: { ...pgConfig, max: 1 },
    });
    await dataSource.initialize();
    const db = pglite;
    return {
      dataSource,
      kind: "pglite",
      location: dataDir,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (!db.closed) await db.close();
        lock?.release();
      },
    };
  } catch (err) {
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
}

/** Removes the password from a PostgreSQL URL for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
