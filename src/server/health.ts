/**
 * Health probes for load balancers and orchestrators:
 *
 * - `GET /health/live` → 200 `{"status":"live"}` while the process can answer HTTP at all (restart it otherwise);
 * - `GET /health/ready` → 200 `{"status":"ready"}` when the database answers `SELECT 1` within
 *   READINESS_TIMEOUT_MS, else 503 `{"status":"unavailable"}`; 503 `{"status":"stopping"}` once shutdown began, so
 *   traffic moves away before the server closes. Database errors are logged, never sent: they name hosts.
 */
import express from "express";
import type { Database } from "../db/data-source";
import type { Logger } from "../logger";
import { READINESS_TIMEOUT_MS } from "./limits";

/** What the probes look at. */
export interface HealthOptions {
  db: Database;
  logger: Logger;
  /** True once shutdown has started. */
  isStopping: () => boolean;
}

/** Resolves true when the database answers in time, false otherwise (never throws). */
export async function databaseIsReachable(db: Database, timeoutMs: number, logger?: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = db.dataSource.query("SELECT 1").then(
    () => true,
    (err: unknown) => {
      logger?.warn({ err }, "readiness probe: the database did not answer");
      return false;
    },
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `/health/live` and `/health/ready` routes. */
export function healthRouter({ db, logger, isStopping }: HealthOptions): express.Router {
  const router = express.Router();
  router.get("/health/live", (_req, res) => {
    res.set("cache-control", "no-store").json({ status: "live" });
  });
  router.get("/health/ready", async (_req, res) => {
    res.set("cache-control", "no-store");
    if (isStopping()) {
      res.status(503).json({ status: "stopping" });
      return;
    }
    const up = await databaseIsReachable(db, READINESS_TIMEOUT_MS, logger);
    res.status(up ? 200 : 503).json({ status: up ? "ready" : "unavailable" });
  });
  return router;
}
