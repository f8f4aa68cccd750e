/**
 * One structured JSON log line per HTTP request, written when the response finishes (or the connection closes):
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
 * (create-server.ts registers the probes before this middleware, so today they are not logged at all). A response
 * of status 500 or more, or one that failed, logs at `error` with `err` and the message `METHOD /path STATUS failed`.
 *
 * Written straight to the pino logger rather than through pino-http, which builds two child loggers per request
 * (serialising the request's bindings each time) and calls the custom-props hook twice: about 5% of the CPU of a
 * small query in the bench's profile. When the line's level is disabled, nothing is built at all.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type express from "express";
import type { Logger } from "../logger";
import { requestIdOf } from "../server/plugins/request-id";
import { requestScopeOf, setRequestScope, type RequestScope } from "./request-scope";

/**
 * The path a request was sent to, without its query string. Express rewrites `req.url` inside mounted routes
 * (`/graphql` becomes `/`), so its `originalUrl` is preferred.
 */
function pathOf(req: IncomingMessage): string {
  const raw = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

/** Writes the line of one finished (or closed) request. */
function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, scope: RequestScope, started: number, err: unknown): void {
  const path = pathOf(req);
  const failed = err !== undefined || res.statusCode >= 500;
  const level = failed ? "error" : path.startsWith("/health/") ? "debug" : "info";
  if (!logger.isLevelEnabled(level)) return;
  const responseTime = Date.now() - started;
  const line: Record<string, unknown> = {
    requestId: scope.requestId,
    req: { id: scope.requestId, method: req.method, path },
    res: { statusCode: res.statusCode },
    responseTime,
  };
  if (scope.operationType) {
    line.operationName = scope.operationName;
    line.operationType = scope.operationType;
  }
  if (scope.errorCodes.length) line.errorCodes = scope.errorCodes;
  if (failed) {
    line.err = err ?? new Error(`failed with status code ${res.statusCode}`);
    logger.error(line, `${req.method} ${path} ${res.statusCode} failed`);
  } else {
    logger[level](line, `${req.method} ${path} ${res.statusCode} in ${Math.round(responseTime)} ms`);
  }
}

/**
 * The request-logging middleware. Register it before every route, so every request gets an id and a log line;
 * it also settles the request id: later readers of `x-request-id` (the GraphQL context) see the same value, and
 * attaches the request's scope (request-scope.ts) that the GraphQL plugin fills in.
 */
export function requestLogging(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const started = Date.now();
    const requestId = requestIdOf(req.headers);
    req.headers["x-request-id"] = requestId;
    const scope: RequestScope = { requestId, operationName: null, operationType: null, errorCodes: [] };
    setRequestScope(req, scope);
    const done = (err?: unknown) => {
      res.removeListener("finish", done);
      res.removeListener("close", done);
      res.removeListener("error", done);
      logRequest(logger, req, res, requestScopeOf(req) ?? scope, started, err);
    };
    res.on("finish", done);
    res.on("close", done);
    res.on("error", done);
    next();
  };
}
