/**
 * CORS for browser clients on other origins, from an allow-list (STORYGRAPH_CORS_ORIGINS).
 *
 * - No origins (the default): no CORS headers at all, so browsers refuse cross-origin calls; same-origin pages
 *   (the IDE at /graphql) and non-browser clients are unaffected.
 * - A list: a request whose `Origin` is on it gets `Access-Control-Allow-Origin: <that origin>` (and `Vary:
 *   Origin`, so caches keep answers per origin); any other origin gets no CORS headers and is refused by the browser.
 * - `*`: any origin, answered with `Access-Control-Allow-Origin: *`; only when the operator asks for it.
 *
 * Preflights (`OPTIONS`) allow the headers GraphQL clients send (`content-type`, `authorization`, Apollo's CSRF
 * headers, `x-request-id`) and are answered with 204. Responses expose `x-request-id` to scripts.
 * Credentials (cookies) are never allowed: the API authenticates writes with a bearer token.
 */
import cors from "cors";
import type express from "express";

/** Headers a cross-origin client may send. */
export const CORS_ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-request-id",
];

/** The CORS middleware for an allow-list, or for any origin when given `"*"`. */
export function corsMiddleware(origins: readonly string[] | "*"): express.RequestHandler {
  const allowed = origins === "*" ? null : new Set(origins);
  return cors({
    origin: allowed === null ? "*" : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ["x-request-id"],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
