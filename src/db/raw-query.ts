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
import { createHash } from "node:crypto";
import { QueryFailedError } from "typeorm";
import type { Database } from "./data-source";

/** The part of node-postgres' Pool this uses. */
interface Queryable {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
}

/**
 * Statement names by SQL text. On a PostgreSQL server each statement is sent as a named prepared statement, so each
 * pooled connection parses and plans it once and then only binds and executes it: planning the article page
 * (its table has a dozen indexes to weigh) cost PostgreSQL five times the execution, and on a machine where the
 * database and the server share the cores that is throughput lost (bench/, Q1: 350 → 95 µs of PostgreSQL CPU per
 * request). A name is a hash of the text, so it is the same in every process and stands for one text only.
 * The texts come from the services' fixed templates (a few per query shape, e.g. one per page size), so the map
 * stays small; past MAX_NAMED texts a statement is sent unnamed rather than grow it.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 2000;

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED) {
    name = `sg_${createHash("sha1").update(sql).digest("base64url")}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * Runs one read statement and returns its rows.
 *
 * @param params positional parameters (`$1`, `$2`…)
 * @throws QueryFailedError when PostgreSQL refuses the statement
 */
export function rawQuery<T>(db: Database, sql: string, params: unknown[]): Promise<T[]> {
  return run<T>(db, sql, params, undefined);
}

/**
 * Runs one read statement as a named prepared statement (on a PostgreSQL server; unnamed on PGlite) and returns
 * its rows. For statements whose best plan does not depend on the parameters' values: lookups by key
 * (`= ANY($1::bigint[])`), the per-parent LATERAL pages, keyset pages of a fixed ordering without filters. After
 * five executions PostgreSQL may keep one generic plan for all values, which is only safe for those; a
 * filtered or searched list (its selectivity is the values') goes through rawQuery, planned every time.
 *
 * Behind a connection pooler in transaction mode, named statements need PgBouncer 1.21 or later with
 * `max_prepared_statements` set.
 *
 * @param params positional parameters (`$1`, `$2`…)
 * @throws QueryFailedError when PostgreSQL refuses the statement
 */
export function preparedQuery<T>(db: Database, sql: string, params: unknown[]): Promise<T[]> {
  // PGlite's adapter runs each statement on its single in-process connection; naming buys nothing there.
  return run<T>(db, sql, params, db.kind === "postgres" ? statementName(sql) : undefined);
}

async function run<T>(db: Database, sql: string, params: unknown[], name: string | undefined): Promise<T[]> {
  const dataSource = db.dataSource;
  // TypeORM's postgres driver keeps its node-postgres pool as `master` (no replication configured).
  const pool = (dataSource.driver as unknown as { master: Queryable }).master;
  dataSource.logger.logQuery(sql, params);
  try {
    return (await pool.query({ text: sql, values: params, name })).rows as T[];
  } catch (err) {
    dataSource.logger.logQueryError(err as Error, sql, params);
    throw new QueryFailedError(sql, params, err as Error);
  }
}
