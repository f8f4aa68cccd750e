/**
 * Write access: every mutation needs `Authorization: Bearer <token>` matching STORYGRAPH_ADMIN_TOKEN.
 *
 * - Server started without a token: writes are disabled, every mutation answers FORBIDDEN saying how to enable them.
 * - Missing or wrong token: UNAUTHENTICATED.
 * Tokens are compared in constant time (on SHA-256 digests, so lengths never leak either).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";
import { ErrorCode } from "./errors";

/** Who is writing, for the audit trail. */
export interface WriteAccess {
  /** The actor recorded on every change (STORYGRAPH_ADMIN_NAME, default `admin`). */
  actor: string;
}

/** The write-access settings of a server. */
export interface AuthConfig {
  /** The admin token, or null when writes are disabled. */
  adminToken: string | null;
  /** Name recorded as the actor of changes. */
  adminName: string;
}

/** The result of checking one request's Authorization header, decided once per request. */
export type AuthState =
  | { kind: "granted"; access: WriteAccess }
  | { kind: "disabled" }
  | { kind: "denied"; reason: string };

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * Checks an Authorization header value against the configuration.
 *
 * @param header the raw `Authorization` header, if any
 */
export function checkAuthorization(config: AuthConfig, header: string | undefined): AuthState {
  if (!config.adminToken) return { kind: "disabled" };
  if (!header) return { kind: "denied", reason: "missing Authorization header" };
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return { kind: "denied", reason: "the Authorization header must be `Bearer <token>`" };
  const ok = timingSafeEqual(digest(match[1]), digest(config.adminToken));
  return ok ? { kind: "granted", access: { actor: config.adminName } } : { kind: "denied", reason: "invalid token" };
}

/**
 * Returns the write access of a request, or throws the error a client should see.
 *
 * @throws GraphQLError FORBIDDEN when the server has writes disabled; UNAUTHENTICATED when the token is missing or wrong
 */
export function requireWriteAccess(state: AuthState): WriteAccess {
  if (state.kind === "granted") return state.access;
  if (state.kind === "disabled") {
    throw new GraphQLError(
      "Writes are disabled on this server. Start it with STORYGRAPH_ADMIN_TOKEN set to a secret, then send `Authorization: Bearer <that secret>`.",
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
  throw new GraphQLError(`Authentication required to write: ${state.reason}. Send \`Authorization: Bearer <STORYGRAPH_ADMIN_TOKEN>\`.`, {
    extensions: { code: ErrorCode.UNAUTHENTICATED },
  });
}
