/**
 * Every limit that keeps the server safe under hostile queries, bad input and failures: the one module holding
 * their defaults, and the reader of the environment variables that override them (called by src/config.ts).
 *
 * Why these numbers: GraphQL Armor publishes depth 6, aliases 15, tokens 1000, directives 50, cost 5000. Our graph
 * is Relay-shaped, where `edges { node }` adds two levels per hop, so depth and tokens are doubled and the cost
 * limit is raised to match a cost rule that multiplies by page sizes (see plugins/query-cost.ts): the nested
 * example query of the README costs 2,071, `articles(first: 20)` → people → `articles(first: 5)` → organisations
 * 3,261 (8,151 with `first: 50`), GraphiQL's introspection query about 15,000, while four nested `first: 100`
 * pages cost billions.
 */

import { DEFAULT_MAX_ARTICLE_BYTES } from "../ingest/decode";

/** The query limits the GraphQL layer enforces before anything executes. */
export interface QueryLimits {
  /** Deepest field nesting (a fragment spread counts one level). Env `STORYGRAPH_MAX_DEPTH`; default 12. */
  maxDepth: number;
  /** Most aliased fields in one operation (`__typename` aliases excepted). Env `STORYGRAPH_MAX_ALIASES`; default 15. */
  maxAliases: number;
  /** Most lexical tokens in one document; parsing stops there. Env `STORYGRAPH_MAX_TOKENS`; default 2000. */
  maxTokens: number;
  /** Most directives in one operation. Env `STORYGRAPH_MAX_DIRECTIVES`; default 50. */
  maxDirectives: number;
  /** Highest cost of one operation (see plugins/query-cost.ts). Env `STORYGRAPH_MAX_COST`; default 50,000. */
  maxCost: number;
  /** What a plain list of objects (an article's `people`…) multiplies its children by. Default 10. */
  listCost: number;
}

/** The HTTP and API surface limits. */
export interface HttpLimits {
  /** Largest request body in bytes; larger ones get 413. Env `STORYGRAPH_MAX_BODY_BYTES`; default 1 MiB. */
  maxBodyBytes: number;
  /** Whether introspection (`__schema`, `__type`) is allowed. Env `STORYGRAPH_INTROSPECTION`; default true. */
  introspection: boolean;
}

/** Database time limits, for a real PostgreSQL server (the embedded PGlite ignores them). */
export interface DatabaseLimits {
  /** PostgreSQL `statement_timeout` in ms for every pooled connection. Env `STORYGRAPH_STATEMENT_TIMEOUT_MS`; default 5000. */
  statementTimeoutMs: number;
  /** How long to wait for a pool connection (new or free) in ms. Env `STORYGRAPH_DB_CONNECT_TIMEOUT_MS`; default 5000. */
  connectionTimeoutMs: number;
}

/** All the limits of one process. */
export interface Limits {
  query: QueryLimits;
  http: HttpLimits;
  database: DatabaseLimits;
  /** Largest article file ingested, in bytes. Env `STORYGRAPH_MAX_ARTICLE_BYTES`; default 1 MiB. */
  maxArticleBytes: number;
}

/** The defaults, used when a variable is unset. */
export const DEFAULT_LIMITS: Limits = {
  query: { maxDepth: 12, maxAliases: 15, maxTokens: 2000, maxDirectives: 50, maxCost: 50_000, listCost: 10 },
  http: { maxBodyBytes: 1024 * 1024, introspection: true },
  database: { statementTimeoutMs: 5000, connectionTimeoutMs: 5000 },
  maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES,
};

/** How long a SIGTERM may take before the process exits anyway, in ms (Kubernetes' default grace is 30 s). */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

/** How long in-flight HTTP requests get to finish once shutdown starts, in ms (less than SHUTDOWN_TIMEOUT_MS). */
export const DRAIN_GRACE_MS = 10_000;

/** How long the readiness probe waits for the database before answering 503, in ms. */
export const READINESS_TIMEOUT_MS = 2000;

/** Builds limits from the defaults with some values replaced (tests and callers that do not read the environment). */
export function withLimits(overrides: { query?: Partial<QueryLimits>; http?: Partial<HttpLimits>; database?: Partial<DatabaseLimits>; maxArticleBytes?: number } = {}): Limits {
  return {
    query: { ...DEFAULT_LIMITS.query, ...overrides.query },
    http: { ...DEFAULT_LIMITS.http, ...overrides.http },
    database: { ...DEFAULT_LIMITS.database, ...overrides.database },
    maxArticleBytes: overrides.maxArticleBytes ?? DEFAULT_LIMITS.maxArticleBytes,
  };
}

/**
 * Reads the limit variables, appending one message per invalid value to `problems` (src/config.ts reports them
 * all at once) and keeping the default for it.
 */
export function readLimits(env: NodeJS.ProcessEnv, problems: string[]): Limits {
  const int = (name: string, fallback: number, min = 1) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min) {
      problems.push(`${name} must be an integer of at least ${min}, but got: ${JSON.stringify(env[name])}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === "") return fallback;
    if (["true", "1"].includes(raw)) return true;
    if (["false", "0"].includes(raw)) return false;
    problems.push(`${name} must be true or false, but got: ${JSON.stringify(env[name])}`);
    return fallback;
  };
  const d = DEFAULT_LIMITS;
  return {
    query: {
      maxDepth: int("STORYGRAPH_MAX_DEPTH", d.query.maxDepth),
      maxAliases: int("STORYGRAPH_MAX_ALIASES", d.query.maxAliases, 0),
      maxTokens: int("STORYGRAPH_MAX_TOKENS", d.query.maxTokens),
      maxDirectives: int("STORYGRAPH_MAX_DIRECTIVES", d.query.maxDirectives, 0),
      maxCost: int("STORYGRAPH_MAX_COST", d.query.maxCost),
      listCost: d.query.listCost,
    },
    http: {
      maxBodyBytes: int("STORYGRAPH_MAX_BODY_BYTES", d.http.maxBodyBytes),
      introspection: bool("STORYGRAPH_INTROSPECTION", d.http.introspection),
    },
    database: {
      statementTimeoutMs: int("STORYGRAPH_STATEMENT_TIMEOUT_MS", d.database.statementTimeoutMs),
      connectionTimeoutMs: int("STORYGRAPH_DB_CONNECT_TIMEOUT_MS", d.database.connectionTimeoutMs),
    },
    maxArticleBytes: int("STORYGRAPH_MAX_ARTICLE_BYTES", d.maxArticleBytes),
  };
}
