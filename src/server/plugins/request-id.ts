import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";

/**
 * Puts the request id in the `x-request-id` response header, and in `extensions.requestId` of any response
 * carrying errors, so a client can quote it when reporting one (the server log has the full error under it).
 */
export function requestIdPlugin<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("x-request-id", contextValue.requestId);
          if (response.body.kind === "single" && response.body.singleResult.errors?.length) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId: contextValue.requestId };
          }
        },
      };
    },
  };
}

/**
 * The id of one HTTP request: the caller's `x-request-id` when it is a plain token of 1–100 characters
 * (letters, digits, `_`, `.`, `-`: safe to log and echo), else a new UUID.
 */
export function requestIdOf(headers: { [name: string]: string | string[] | undefined }): string {
  const header = headers["x-request-id"];
  return typeof header === "string" && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}
