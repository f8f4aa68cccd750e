/**
 * One structured JSON log line per HTTP request (pino-http), written when the response finishes:
 *
 * ```json
 * {"level":30,"requestId":"…","req":{"id":"…","method":"POST","path":"/graphql"},"res":{"statusCode":200},
 *  "responseTime":12,"operationName":"StoriesAndPeople","operationType":"query","errorCodes":["NOT_FOUND"],
 *  "msg":"POST /graphql 200 in 12 ms"}
 * ```
 *
 * What is logged, on purpose: the request id (the same one echoed in `x-request-id` and handed to resolvers), the
 * method and path (never the query string: a GET's `query` and `variables` live there), status, duration in
 * milliseconds, and for GraphQL the operation name and type and the error codes. Never headers (they carry the
 * bearer token) nor GraphQL variables. Health probes log at `debug` when they pass through here
 * (create-server.ts registers the probes before this middleware, so today they are not logged at all).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type express from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger";
import { requestIdOf } from "../server/plugins/request-id";
import { runInRequestScope, type RequestScope } from "./request-scope";

const scopes = new WeakMap<IncomingMessage, RequestScope>();

/**
 * The path a request was sent to, without its query string. Express rewrites `req.url` inside mounted routes
 * (`/graphql` becomes `/`), so its `originalUrl` is preferred.
 */
function pathOf(req: IncomingMessage): string {
  const raw = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

/**
 * The request-logging middleware. Register it before every route, so every request gets an id and a log line;
 * it also settles the request id: later readers of `x-request-id` (the GraphQL context) see the same value.
 */
export function requestLogging(logger: Logger): express.RequestHandler {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req) => String(req.headers["x-request-id"]),
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return "error";
      return pathOf(req).startsWith("/health/") ? "debug" : "info";
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} in ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
    customProps: (req) => {
      const scope = scopes.get(req);
      if (!scope) return {};
      const props: Record<string, unknown> = { requestId: scope.requestId };
      if (scope.operationType) {
        props.operationName = scope.operationName;
        props.operationType = scope.operationType;
      }
      if (scope.errorCodes.length) props.errorCodes = scope.errorCodes;
      return props;
    },
  });
  return (req, res, next) => {
    const requestId = requestIdOf(req.headers);
    req.headers["x-request-id"] = requestId;
    const scope: RequestScope = { requestId, operationName: null, operationType: null, errorCodes: [] };
    scopes.set(req, scope);
    runInRequestScope(scope, () => httpLogger(req, res, next));
  };
}
