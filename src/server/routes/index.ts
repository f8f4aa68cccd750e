/**
 * The HTTP features around `/graphql`, built together so create-server.ts wires them with a few lines:
 *
 * - `middleware`: request logging (one JSON line per request, see src/observability/request-logging.ts) and CORS
 *   (see cors.ts); registered before every route;
 * - `routes`: the IDE (`GET /`, browser `GET /graphql`, `/ide/assets/*`), `GET /schema.graphql` (the SDL contract,
 *   byte for byte `schema/schema.graphql`, for codegen and schema-diff tools) and `GET /metrics` (Prometheus);
 * - `apolloPlugins`: cache-control (cache-control.ts), metrics and log fields (src/observability/graphql-plugin.ts),
 *   closing the Redis connection on stop;
 * - `persistedQueries`: the APQ store for ApolloServer's `persistedQueries` option (persisted-queries.ts).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { createHash } from "node:crypto";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Database } from "../../db/data-source";
import type { Logger } from "../../logger";
import { observabilityPlugin } from "../../observability/graphql-plugin";
import { createMetrics, type Metrics } from "../../observability/metrics";
import { requestLogging } from "../../observability/request-logging";
import { ideRouter } from "../ide/ide";
import { printSortedSchema } from "../schema";
import { cacheControlPlugins } from "./cache-control";
import { corsMiddleware } from "./cors";
import { createPersistedQueries } from "./persisted-queries";
import { DEFAULT_WEB_CONFIG, type WebConfig } from "./web-config";

export { DEFAULT_WEB_CONFIG, type WebConfig } from "./web-config";

/** What the features need. */
export interface WebFeatureOptions {
  db: Database;
  logger: Logger;
  schema: GraphQLSchema;
  /** Settings; each missing one takes its default from DEFAULT_WEB_CONFIG. */
  web?: Partial<WebConfig>;
}

/** The built features (see the module comment). */
export interface WebFeatures {
  middleware: express.RequestHandler[];
  routes: express.Router;
  apolloPlugins: ApolloServerPlugin<any>[];
  persistedQueries: { cache: KeyValueCache<string>; ttl: number };
  metrics: Metrics;
}

/** The `GET /schema.graphql` and `GET /metrics` routes. */
export function contractAndMetricsRouter(schema: GraphQLSchema, metrics: Metrics): express.Router {
  const router = express.Router();
  // Printed from the running schema; the schema-contract test keeps it equal to schema/schema.graphql.
  const sdl = printSortedSchema(schema);
  // Its ETag, computed once (the app does not compute ETags per response: see create-server.ts), so tools polling
  // the contract revalidate with If-None-Match and get 304 until the schema changes.
  const sdlEtag = `"${createHash("sha256").update(sdl).digest("base64url")}"`;
  router.get("/schema.graphql", (req, res) => {
    res.set({ "content-type": "application/graphql; charset=utf-8", "cache-control": "no-cache", etag: sdlEtag });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.status(200).send(sdl);
  });
  router.get("/metrics", async (_req, res, next) => {
    try {
      const body = await metrics.registry.metrics();
      res.status(200).set({ "content-type": metrics.registry.contentType, "cache-control": "no-store" }).send(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/** Builds the features of one server. */
export function createWebFeatures({ db, logger, schema, web = {} }: WebFeatureOptions): WebFeatures {
  const config: WebConfig = { ...DEFAULT_WEB_CONFIG, ...web };
  const metrics = createMetrics(db);
  const persisted = createPersistedQueries(config, logger);
  const routes = express.Router();
  routes.use(ideRouter());
  routes.use(contractAndMetricsRouter(schema, metrics));
  return {
    middleware: [requestLogging(logger), corsMiddleware(config.corsOrigins)],
    routes,
    apolloPlugins: [...cacheControlPlugins(config.cacheMaxAgeSeconds), observabilityPlugin(metrics), persisted.plugin],
    persistedQueries: persisted.options,
    metrics,
  };
}
