/**
 * What clients see of an error. Expected errors (a code in CLIENT_SAFE_CODES) pass through with their message;
 * anything else becomes a generic INTERNAL_SERVER_ERROR carrying the request id, and is logged in full on the
 * server. Never SQL, stack traces or file paths in a response, whatever NODE_ENV is.
 */
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "pino";
import { CLIENT_SAFE_CODES, ErrorCode } from "../errors";

/** Builds Apollo's `formatError` hook. */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_SAFE_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error({ err: withoutParameters(original), path: formatted.path }, "unexpected error while executing an operation");
    return {
      message: "Internal server error. Quote the request id when reporting it.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The error to log: a database error (TypeORM's QueryFailedError, node-postgres' DatabaseError) keeps its SQL,
 * code and stack but loses its bound parameters, which are client input (search text, titles of articles…)
 * and never go to the logs.
 */
function withoutParameters(err: unknown): unknown {
  if (!err || typeof err !== "object" || !("parameters" in err || "driverError" in err)) return err;
  const e = err as Error & { code?: string; query?: string; driverError?: { code?: string; detail?: string } };
  return {
    type: e.name,
    message: e.message,
    code: e.code ?? e.driverError?.code,
    query: e.query,
    stack: e.stack,
  };
}
