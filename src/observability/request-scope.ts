/**
 * What one HTTP request learns about itself as it runs (its GraphQL operation name, the error codes it
 * answered), shared between the Express request logger and the Apollo plugin through AsyncLocalStorage.
 *
 * Why AsyncLocalStorage: Apollo plugins see the GraphQL request but not Express's `req`/`res`, and the log line
 * is written by the Express middleware when the response finishes. The store is entered once per request by
 * that middleware, and every asynchronous continuation of the request (Apollo's hooks included) sees it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

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

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `scope` as the current request's scope. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being handled, or undefined outside one (e.g. `executeOperation` in tests). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
