/**
 * The Apollo plugin feeding metrics and request logs: for each GraphQL request it notes the operation name and
 * type in the context's `requestScope` (for the log line, see request-logging.ts), and records the request's
 * duration and the codes of the errors it answered (see metrics.ts).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Metrics } from "./metrics";
import type { RequestScope } from "./request-scope";

/**
 * Builds the plugin for a server's metrics. The context's `requestScope` is absent outside HTTP requests (e.g.
 * `executeOperation` in tests): then only metrics are recorded.
 */
export function observabilityPlugin<TContext extends { requestScope?: RequestScope }>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const scope = contextValue.requestScope;
      let operationName: string | null = null;
      return {
        async didResolveOperation({ operationName: name, operation }) {
          operationName = name ?? null;
          if (scope) {
            scope.operationName = operationName;
            scope.operationType = operation?.operation ?? null;
          }
        },
        async willSendResponse({ response }) {
          const codes =
            response.body.kind === "single"
              ? (response.body.singleResult.errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"))
              : [];
          if (scope) scope.errorCodes.push(...codes);
          metrics.observeRequest(operationName, Number(process.hrtime.bigint() - started) / 1e9, codes);
        },
      };
    },
  };
}
