/**
 * `POST /graphql` with a JSON body, the request nearly every client sends, served from node:http without
 * Express: the same request logging and CORS middleware run first, the body is read with raw-body (the reader
 * Express's JSON parser uses, with the same limit and errors), and the operation goes to Apollo Server's own
 * integration API (`executeHTTPGraphQLRequest`), as @as-integrations/express5 does. Express's per-request setup
 * (request/response prototypes, router walk, `res.send` negotiation) was a tenth of the server's CPU on a small
 * query (bench/, Q1), for nothing this request uses.
 *
 * Every other request (other paths and methods, GET queries, the IDE, a body that is not plain UTF-8 JSON or is
 * compressed) goes to the Express app unchanged, so each of those keeps the behaviour its tests describe.
 * Errors before GraphQL (413 over the size limit, 400 for a body that is not JSON) answer through the same
 * writeHttpError as the Express app's error handler.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type express from "express";
import getRawBody from "raw-body";

/** What the fast path needs. */
export interface GraphqlPostOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds a request's GraphQL context (called by Apollo once it needs it). */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest body accepted, in bytes; a larger one gets 413. */
  maxBodyBytes: number;
  /** Middleware every request passes first, in order (request logging, CORS); plain node req/res only. */
  middleware: express.RequestHandler[];
  /** Answers an error raised before GraphQL (see http-errors.ts). */
  onError: (err: unknown, req: IncomingMessage, res: ServerResponse) => void;
}

/** True for `POST /graphql` (any query string) with an uncompressed `application/json` body in UTF-8. */
export function takesFastPath(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  if (!(url === "/graphql" || url.startsWith("/graphql?"))) return false;
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
  const type = req.headers["content-type"];
  if (type === undefined) return false;
  const [media, ...params] = type.split(";");
  if (media.trim().toLowerCase() !== "application/json") return false;
  return params.every((p) => {
    const [name, value = ""] = p.split("=");
    return name.trim().toLowerCase() !== "charset" || /^"?utf-8"?$/i.test(value.trim());
  });
}

/** A body error shaped as Express's JSON parser reports it (http-errors: `status` and `type`). */
function parseError(): Error {
  return Object.assign(new SyntaxError("The request body is not valid JSON."), { status: 400, type: "entity.parse.failed" });
}

/**
 * Parses a JSON body as Express's JSON parser does in its default strict mode: an empty body is `{}` (one of only
 * whitespace is not JSON), and only an object or an array is accepted.
 */
function parseBody(text: string): unknown {
  if (text.length === 0) return {};
  const start = text.search(/\S/);
  if (start === -1 || (text[start] !== "{" && text[start] !== "[")) throw parseError();
  try {
    return JSON.parse(text);
  } catch {
    throw parseError();
  }
}

/** Runs `middleware` in order, then `last`; a middleware that answers (and does not call next) ends the chain. */
function runChain(middleware: express.RequestHandler[], req: IncomingMessage, res: ServerResponse, last: () => void, fail: (err: unknown) => void): void {
  let i = 0;
  const next = (err?: unknown) => {
    if (err) return fail(err);
    const handler = middleware[i++];
    if (!handler) return last();
    try {
      handler(req as express.Request, res as express.Response, next);
    } catch (e) {
      fail(e);
    }
  };
  next();
}

/** The server's request listener: the fast path for JSON POSTs to /graphql, `app` for everything else. */
export function graphqlPostListener<TContext extends BaseContext>(app: RequestListener, options: GraphqlPostOptions<TContext>): RequestListener {
  const { apollo, context, maxBodyBytes, middleware, onError } = options;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await getRawBody(req, { length: req.headers["content-length"], limit: maxBodyBytes, encoding: "utf8" });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: "POST", headers, search: q === -1 ? "" : url.slice(q), body: parseBody(text) };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(req) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    if (!takesFastPath(req)) {
      app(req, res);
      return;
    }
    const fail = (err: unknown) => {
      // The body must be drained or dropped, or the client waits; raw-body has stopped reading on an error.
      if (!req.complete) req.resume();
      onError(err, req, res);
    };
    runChain(middleware, req, res, () => void serve(req, res).catch(fail), fail);
  };
}
