/**
 * Builds the HTTP application (Express + Apollo Server) without listening, so tests can drive it on any port.
 *
 * Routes: `POST/GET /graphql` (GraphQL over HTTP).
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Database } from "../db/data-source";
import { checkAuthorization, type AuthConfig } from "../auth";
import { createContext, type Context } from "../context";
import type { Logger } from "../logger";
import { createFormatError } from "./format-error";
import { createSchema } from "./schema";

/** What createServer needs. */
export interface ServerOptions {
  db: Database;
  logger: Logger;
  /** Write access; default: writes disabled. */
  auth?: AuthConfig;
}

/** A built but not yet listening server. */
export interface StorygraphServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting requests, finishes in-flight ones, stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

/** Builds the server. */
export async function createServer({ db, logger, auth = { adminToken: null, adminName: "admin" } }: ServerOptions): Promise<StorygraphServer> {
  const schema = await createSchema();
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        // The request id travels in the response, so a client can quote it when reporting an error.
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set("x-request-id", contextValue.requestId);
              if (response.body.kind === "single" && response.body.singleResult.errors?.length) {
                response.body.singleResult.extensions = {
                  ...response.body.singleResult.extensions,
                  requestId: contextValue.requestId,
                };
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const header = req.headers["x-request-id"];
        const requestId = typeof header === "string" && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
        return createContext(db, requestId, checkAuthorization(auth, req.headers.authorization));
      },
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
    stop: () => apollo.stop(),
  };
}
