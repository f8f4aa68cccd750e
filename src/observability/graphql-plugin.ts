/**
 * The Apollo plugin feeding metrics and request logs: for each GraphQL request it notes the operation name and
 * type in the request scope (for the log line, see request-logging.ts), and records the request's duration and
 * the codes of the errors it answered (see metrics.ts).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Metrics } from "./metrics";
import { currentRequestScope } from "./request-scope";

/** Builds the plugin for a server's metrics. */
export function observabilityPlugin<TContext extends object>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      const scope = currentRequestScope();
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
