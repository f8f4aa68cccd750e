/**
 * Builds the HTTP application (Express + Apollo Server) without listening, so tests can drive it on any port.
 *
 * Routes: `GET /health/live`, `GET /health/ready` (src/server/health.ts), `POST/GET /graphql` (GraphQL over HTTP,
 * JSON bodies up to `limits.http.maxBodyBytes`, else 413). Every limit comes from src/server/limits.ts.
 *
 * GraphQL-over-HTTP behaviour (Apollo Server 5, settings made explicit here): mutations over GET get 405; a
 * JSON array of operations (batching) is refused; CSRF prevention requires a JSON content type or an
 * `apollo-require-preflight`/`x-apollo-operation-name` header; `Accept: application/graphql-response+json`
 * is answered in that media type with 4xx statuses for requests that fail before execution.
 */
import http from "node:http";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Database } from "../db/data-source";
import { checkAuthorization, type AuthConfig } from "../auth";
import { createContext, type Context } from "../context";
import { requestScopeOf } from "../observability/request-scope";
import type { Logger } from "../logger";
import { createFormatError } from "./format-error";
import { healthRouter } from "./health";
import { graphqlPostListener } from "./graphql-post";
import { httpErrorHandler, notFoundHandler, writeHttpError } from "./http-errors";
import { DEFAULT_LIMITS, DRAIN_GRACE_MS, type Limits } from "./limits";
import { queryCostPlugin, queryLimitRules } from "./plugins/query-limits";
import { rejectNulPlugin } from "./plugins/reject-nul";
import { requestIdOf, requestIdPlugin } from "./plugins/request-id";
import { jitGateway } from "./executor";
import { createSchema } from "./schema";
import { createWebFeatures, type WebConfig } from "./routes";

/** What createServer needs. */
export interface ServerOptions {
  db: Database;
  logger: Logger;
  /** Write access; default: writes disabled. */
  auth?: AuthConfig;
  /** Query, HTTP and database limits; default DEFAULT_LIMITS (see src/server/limits.ts and src/config.ts). */
  limits?: Limits;
  /** CORS, HTTP caching and persisted queries (src/server/routes/web-config.ts); default DEFAULT_WEB_CONFIG. */
  web?: Partial<WebConfig>;
}

/** A built but not yet listening server. */
export interface StorygraphServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Stops accepting requests (readiness answers 503 at once), gives in-flight ones up to DRAIN_GRACE_MS to
   * finish, stops Apollo. Does not close the database.
   */
  stop(): Promise<void>;
}

/** Builds the server. */
export async function createServer({
  db,
  logger,
  auth = { adminToken: null, adminName: "admin" },
  limits = DEFAULT_LIMITS,
  web,
}: ServerOptions): Promise<StorygraphServer> {
  const schema = await createSchema();
  const features = createWebFeatures({ db, logger, schema, web });
  const app = express();
  app.disable("x-powered-by");
  // No ETag per response: Express would hash every GraphQL answer (POSTs, which no cache revalidates) for it.
  // Static IDE assets get theirs from express.static; /schema.graphql sets its own (routes/index.ts).
  app.set("etag", false);
  // JSON POSTs to /graphql skip Express (graphql-post.ts); the listener is set once Apollo has started.
  const httpServer = http.createServer();
  let stopping = false;

  const apollo = new ApolloServer<Context>({
    // The schema, executed by graphql-jit (src/server/executor.ts).
    gateway: jitGateway(schema),
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: limits.http.introspection,
    // With introspection off, no "Did you mean …?" either: suggestions would reveal the schema field by field.
    hideSchemaDetailsFromClientErrors: !limits.http.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT (drain, close the pool, exit within the limit). Apollo's own handlers would call
    // stop() a second time concurrently with ours, and that second stop() never settles: the process then hung
    // until the event loop emptied or the shutdown timer fired.
    stopOnTerminationSignals: false,
    persistedQueries: features.persistedQueries,
    parseOptions: { maxTokens: limits.query.maxTokens },
    validationRules: queryLimitRules(limits.query),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(),
      queryCostPlugin<Context>(limits.query),
      requestIdPlugin<Context>(),
      rejectNulPlugin<Context>(),
      ...features.apolloPlugins,
    ],
  });
  await apollo.start();

  app.use(healthRouter({ db, logger, isStopping: () => stopping }));

  app.use(features.middleware);

  const contextOf = async (req: http.IncomingMessage): Promise<Context> => ({
    ...createContext(db, requestIdOf(req.headers), checkAuthorization(auth, req.headers.authorization)),
    requestScope: requestScopeOf(req),
  });

  // Routes other than /graphql are registered here (one line each: `app.use(yourRouter)`).
  app.use(features.routes);

  // GraphQL requests the fast path leaves to Express: GET queries, other body encodings, other methods (405).
  app.use(
    "/graphql",
    express.json({ limit: limits.http.maxBodyBytes }),
    expressMiddleware(apollo, { context: ({ req }) => contextOf(req) }),
  );

  // Then: unknown paths, and errors raised outside GraphQL (body too large, not JSON), as JSON with a code,
  // never Express's HTML pages (which print stack traces outside production).
  app.use(notFoundHandler());
  app.use(httpErrorHandler(logger, limits.http.maxBodyBytes));

  httpServer.on(
    "request",
    graphqlPostListener(app, {
      apollo,
      context: contextOf,
      maxBodyBytes: limits.http.maxBodyBytes,
      middleware: features.middleware,
      onError: (err, req, res) => writeHttpError(logger, limits.http.maxBodyBytes, err, req, res),
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    stop: async () => {
      stopping = true;
      await apollo.stop();
    },
  };
}
