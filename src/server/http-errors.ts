/**
 * The last Express error handler: errors raised outside GraphQL (a body over the size limit, a body that is not
 * JSON) answer in the GraphQL-over-HTTP error shape with a stable code, never Express's default HTML page, which
 * outside production prints the stack trace and file paths.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../logger";
import { requestIdOf } from "./plugins/request-id";

/** Codes of errors answered before a request reaches GraphQL. */
export const HttpErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  BAD_REQUEST: "BAD_REQUEST",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

/**
 * Answers an error raised before GraphQL on a plain node response (the Express handler below and the JSON POST
 * fast path, graphql-post.ts, share it). Does nothing once the response has started.
 *
 * @param maxBodyBytes named in the 413 message
 */
export function writeHttpError(logger: Logger, maxBodyBytes: number, err: unknown, req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  const requestId = requestIdOf(req.headers);
  const e = err as { status?: number; statusCode?: number; type?: string };
  const status = e.status ?? e.statusCode ?? 500;
  let code: string;
  let message: string;
  if (status === 413 || e.type === "entity.too.large") {
    code = HttpErrorCode.PAYLOAD_TOO_LARGE;
    message = `The request body is larger than the limit of ${maxBodyBytes} bytes.`;
  } else if (status >= 400 && status < 500) {
    code = HttpErrorCode.BAD_REQUEST;
    message = e.type === "entity.parse.failed" ? "The request body is not valid JSON." : "The request could not be read.";
  } else {
    code = HttpErrorCode.INTERNAL_SERVER_ERROR;
    message = "Internal server error. Quote the request id when reporting it.";
    logger.error({ err, requestId }, "unexpected error while handling an HTTP request");
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }], extensions: { requestId } });
  res.statusCode = status === 413 || (status >= 400 && status < 600) ? status : 500;
  res.setHeader("x-request-id", requestId);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/** The Express error handler (last in the app): writeHttpError. */
export function httpErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    writeHttpError(logger, maxBodyBytes, err, req, res);
  };
}

/**
 * The answer for a path no route serves: 404 in the same JSON error shape (Express's default is an HTML page),
 * listing where to go instead.
 */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json({
      errors: [
        {
          message: "Nothing is served at this path. GraphQL is at /graphql (POST, or GET for queries); the IDE at /graphql in a browser; the schema at /schema.graphql; health at /health/live and /health/ready; metrics at /metrics.",
          extensions: { code: HttpErrorCode.NOT_FOUND, requestId: requestIdOf(req.headers) },
        },
      ],
    });
  };
}
