/**
 * What one HTTP request learns about itself as it runs (its GraphQL operation name, the error codes it
 * answered), shared between the Express request logger and the Apollo plugin.
 *
 * How it travels: the request-logging middleware creates the scope and attaches it to the Node request object
 * (a WeakMap, so it goes away with the request); the GraphQL context function (src/server/create-server.ts) reads
 * it from the same request into `Context.requestScope`, where the Apollo plugin (graphql-plugin.ts) finds it.
 * No AsyncLocalStorage: entering a store for every request made each promise of the request carry it, about a
 * tenth of a nested query's CPU in the bench's profile.
 */
import type { IncomingMessage } from "node:http";

/** Facts about one request, filled in as it runs. */
export interface RequestScope {
  /** The request id (the caller's `x-request-id` when valid, else a UUID), as echoed in the response. */
  requestId: string;
  /** The GraphQL operation name, once the operation is resolved; null for anonymous operations. */
  operationName: string | null;
  /** `query`, `mutation` or `subscription`, once resolved. */
  operationType: string | null;
  /** `extensions.code` of every error in the response, in order (duplicates kept). */
  errorCodes: string[];
}

const scopes = new WeakMap<IncomingMessage, RequestScope>();

/** Attaches `scope` to an HTTP request (done once, by the request-logging middleware). */
export function setRequestScope(req: IncomingMessage, scope: RequestScope): void {
  scopes.set(req, scope);
}

/** The scope attached to an HTTP request, or undefined when none was (no request-logging middleware). */
export function requestScopeOf(req: IncomingMessage): RequestScope | undefined {
  return scopes.get(req);
}
