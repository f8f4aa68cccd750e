/**
 * Errors meant for API clients: each extends GraphQLError with a fixed `extensions.code` clients can switch on.
 * Anything else thrown inside a resolver is a programmer or infrastructure error and reaches clients only as a
 * generic INTERNAL_SERVER_ERROR (see src/server/format-error.ts).
 */
import { GraphQLError } from "graphql";

/** The stable error codes of the API. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The client sent an argument that breaks a documented rule; the message states the rule and the value. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
    this.name = "BadUserInputError";
  }
}

/** A mutation named something that does not exist. Queries answer null instead. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extra } });
    this.name = "NotFoundError";
  }
}

/** The codes whose messages are safe to show clients as they are. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);
