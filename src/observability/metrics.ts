/**
 * Prometheus metrics (prom-client), served at `GET /metrics` in the text exposition format.
 *
 * | series                                          | type      | labels      | what                                              |
 * |-------------------------------------------------|-----------|-------------|---------------------------------------------------|
 * | `storygraph_graphql_request_duration_seconds`   | histogram | `operation` | time from Apollo receiving a request to the answer |
 * | `storygraph_graphql_errors_total`               | counter   | `code`      | errors answered, by `extensions.code`             |
 * | `storygraph_db_pool_connections`                | gauge     | `state`     | database pool: `total`, `idle`, `waiting` clients |
 * | `storygraph_articles_ingested_total`            | counter   | `status`    | articles ingested, updated, unchanged, failed      |
 * | `storygraph_process_*`, `storygraph_nodejs_*`   | various   |             | prom-client's default process metrics              |
 *
 * Each server builds its own registry (tests build several servers in one process; a shared global registry
 * would refuse the second registration).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "../db/data-source";
import { ingestionCounts, type IngestionOutcome } from "./ingestion-counts";

/** Operation names beyond this many distinct ones are counted as `other`, so a client cannot blow up the series. */
export const MAX_OPERATION_LABELS = 200;

/** The metrics of one server. */
export interface Metrics {
  registry: Registry;
  /** Records one GraphQL request: its operation label (see `operationLabel`), duration and error codes. */
  observeRequest(operationName: string | null, seconds: number, errorCodes: readonly string[]): void;
}

/** The pg Pool under TypeORM's postgres driver (PGlite runs through node-postgres too, with a pool of one). */
interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function poolOf(db: Database): PoolLike | null {
  const pool = (db.dataSource.driver as unknown as { master?: PoolLike }).master;
  return pool && typeof pool.totalCount === "number" ? pool : null;
}

/** Builds the registry and its series for one server. */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "storygraph_" });

  const duration = new Histogram({
    name: "storygraph_graphql_request_duration_seconds",
    help: "Time to answer one GraphQL request, by operation name (anonymous, other, or the name sent).",
    labelNames: ["operation"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "storygraph_graphql_errors_total",
    help: "GraphQL errors answered, by extensions.code.",
    labelNames: ["code"],
    registers: [registry],
  });
  new Gauge({
    name: "storygraph_db_pool_connections",
    help: "Database connection pool clients by state: total (open), idle, waiting (requests queued for a client).",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const pool = poolOf(db);
      if (!pool) return;
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  new Counter({
    name: "storygraph_articles_ingested_total",
    help: "Articles processed by ingestion in this process (seeding, the ingestArticle mutation), by outcome.",
    labelNames: ["status"],
    registers: [registry],
    collect() {
      // The tally is process-wide (see ingestion-counts.ts); a counter's value can only be set by reset + inc.
      this.reset();
      for (const [status, n] of Object.entries(ingestionCounts()) as [IngestionOutcome, number][]) this.inc({ status }, n);
    },
  });

  const seen = new Set<string>();
  const operationLabel = (name: string | null): string => {
    if (!name) return "anonymous";
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return "other";
    seen.add(name);
    return name;
  };

  return {
    registry,
    observeRequest(operationName, seconds, errorCodes) {
      duration.observe({ operation: operationLabel(operationName) }, seconds);
      for (const code of errorCodes) errors.inc({ code });
    },
  };
}
