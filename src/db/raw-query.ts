/**
 * A read statement sent straight to the connection pool under the DataSource, for the hottest loader paths.
 *
 * `dataSource.query()` builds a QueryRunner for every call (acquire, broadcast before/after events, wrap the
 * result, release): in the benchmark's nested query (bench/, Q2) that machinery cost ~15% of the server's CPU
 * per request. Reads outside a transaction need none of it. What TypeORM would do that matters is kept: the
 * statement goes to the DataSource's logger first (so a StatementCounter still counts it, and `logging` still
 * shows it), a failure is logged and thrown as TypeORM's QueryFailedError, and rows come back parsed by the
 * same node-postgres type parsers, on PostgreSQL and on PGlite alike (both are a node-postgres pool under
 * TypeORM's `postgres` driver; see data-source.ts).
 */
import { QueryFailedError } from "typeorm";
import type { Database } from "./data-source";

/** The part of node-postgres' Pool this uses. */
interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one read statement and returns its rows.
 *
 * @param params positional parameters (`$1`, `$2`…)
 * @throws QueryFailedError when PostgreSQL refuses the statement
 */
export async function rawQuery<T>(db: Database, sql: string, params: unknown[]): Promise<T[]> {
  const dataSource = db.dataSource;
  // TypeORM's postgres driver keeps its node-postgres pool as `master` (no replication configured).
  const pool = (dataSource.driver as unknown as { master: Queryable }).master;
  dataSource.logger.logQuery(sql, params);
  try {
    return (await pool.query(sql, params)).rows as T[];
  } catch (err) {
    dataSource.logger.logQueryError(err as Error, sql, params);
    throw new QueryFailedError(sql, params, err as Error);
  }
}
