/**
 * Configuration, read from the environment in one place and validated once at start-up.
 *
 * Every setting, its variable and its default:
 *
 * | variable                 | default            | meaning                                                         |
 * |--------------------------|--------------------|-----------------------------------------------------------------|
 * | `DATABASE_URL`           | unset              | a PostgreSQL connection string; unset = embedded PGlite         |
 * | `STORYGRAPH_DATA_DIR`    | `./data/pglite`    | where the embedded database keeps its files (`memory://` = RAM) |
 * | `PORT`                   | `4000`             | HTTP port of the server                                         |
 * | `HOST`                   | `0.0.0.0`          | interface the server listens on                                 |
 * | `STORYGRAPH_SEED_DIR`    | `./seeds`          | folder ingested at start-up (skipped when unchanged)            |
 * | `STORYGRAPH_SEED`        | `true`             | set to `false` to skip seeding at start-up                      |
 * | `LOG_LEVEL`              | `info`             | pino log level (`silent` to mute)                               |
 * | `STORYGRAPH_ADMIN_TOKEN` | unset              | bearer token for mutations; unset = writes disabled (FORBIDDEN) |
 * | `STORYGRAPH_ADMIN_NAME`  | `admin`            | actor recorded in the audit trail of changes                    |
 * | `STORYGRAPH_MAX_DEPTH`   | `12`               | deepest field nesting of a query (src/server/limits.ts)         |
 * | `STORYGRAPH_MAX_ALIASES` | `15`               | most aliased fields in one operation                            |
 * | `STORYGRAPH_MAX_TOKENS`  | `2000`             | most lexical tokens in one document                             |
 * | `STORYGRAPH_MAX_DIRECTIVES` | `50`            | most directives in one operation                                |
 * | `STORYGRAPH_MAX_COST`    | `50000`            | highest query cost (page sizes × nested selections)             |
 * | `STORYGRAPH_MAX_BODY_BYTES` | `1048576`       | largest HTTP request body; larger gets 413                      |
 * | `STORYGRAPH_INTROSPECTION` | `true`           | `false` refuses `__schema`/`__type` and hides field suggestions |
 * | `STORYGRAPH_STATEMENT_TIMEOUT_MS` | `5000`    | PostgreSQL `statement_timeout` of every pooled connection       |
 * | `STORYGRAPH_DB_CONNECT_TIMEOUT_MS` | `5000`   | wait for a pool connection before failing the request           |
 * | `STORYGRAPH_MAX_ARTICLE_BYTES` | `1048576`    | largest article file ingested (`npm start` seeding, `ingest`)   |
 * | `STORYGRAPH_CORS_ORIGINS` | unset (none)      | comma-separated browser origins allowed by CORS; `*` = any      |
 * | `STORYGRAPH_CACHE_MAX_AGE` | `0`              | seconds of `Cache-Control: max-age` on GET queries without hints |
 * | `REDIS_URL`              | unset              | Redis for persisted queries shared by instances; unset = memory |
 * | `STORYGRAPH_APQ_CACHE_MB` | `8`               | size bound of the in-memory persisted-query cache (MiB)         |
 * | `STORYGRAPH_APQ_TTL`     | `86400`            | seconds a persisted query is kept                               |
 */
import path from "node:path";
import type { AuthConfig } from "./auth";
import { readLimits, type Limits } from "./server/limits";
import { parseWebConfig, type WebConfig } from "./server/routes/web-config";

/** The validated settings the process runs with. */
export interface Config {
  /** PostgreSQL URL, or null to use the embedded PGlite database. */
  databaseUrl: string | null;
  /** Folder of the embedded database, or `memory://` for an in-memory one. Ignored when `databaseUrl` is set. */
  dataDir: string;
  port: number;
  host: string;
  /** Folder whose `*.txt` articles are ingested at start-up, or null to skip seeding. */
  seedDir: string | null;
  logLevel: string;
  /** Write access (see src/auth.ts). */
  auth: AuthConfig;
  /** Query, HTTP, database and ingestion limits (see src/server/limits.ts for each default). */
  limits: Limits;
  /** CORS, HTTP caching and persisted queries (see src/server/routes/web-config.ts for each default). */
  web: WebConfig;
}

/** Thrown when the environment holds invalid settings; the message lists every problem and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Reads and validates the configuration.
 *
 * @param env the environment to read (defaults to `process.env`)
 * @param cwd the folder relative paths are resolved against (defaults to `process.cwd()`)
 * @throws ConfigError listing every invalid setting at once
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://, but got: ${JSON.stringify(databaseUrl)}`);
  }

  const rawDataDir = env.STORYGRAPH_DATA_DIR?.trim() || "data/pglite";
  const dataDir = rawDataDir.startsWith("memory://") ? rawDataDir : path.resolve(cwd, rawDataDir);

  const port = parsePort(env.PORT, problems);

  const seedEnabled = (env.STORYGRAPH_SEED ?? "true").trim().toLowerCase();
  if (!["true", "false", "1", "0"].includes(seedEnabled)) {
    problems.push(`STORYGRAPH_SEED must be true or false, but got: ${JSON.stringify(env.STORYGRAPH_SEED)}`);
  }
  const seedDir = seedEnabled === "false" || seedEnabled === "0"
    ? null
    : path.resolve(cwd, env.STORYGRAPH_SEED_DIR?.trim() || "seeds");

  const logLevel = env.LOG_LEVEL?.trim() || "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, but got: ${JSON.stringify(logLevel)}`);
  }

  const adminToken = env.STORYGRAPH_ADMIN_TOKEN ?? null;
  if (adminToken !== null && adminToken.length > 0 && adminToken.length < 16) {
    problems.push("STORYGRAPH_ADMIN_TOKEN must be at least 16 characters (or unset to disable writes)");
  }
  const auth: AuthConfig = { adminToken: adminToken || null, adminName: env.STORYGRAPH_ADMIN_NAME?.trim() || "admin" };

  const limits = readLimits(env, problems);
  const web = parseWebConfig(env, problems);

  if (problems.length) throw new ConfigError(problems);
  return { databaseUrl, dataDir, port, host: env.HOST?.trim() || "0.0.0.0", seedDir, logLevel, auth, limits, web };
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === "") return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535, but got: ${JSON.stringify(raw)}`);
    return 4000;
  }
  return port;
}
