/**
 * HTTP caching of GraphQL answers.
 *
 * Apollo's cache-control plugin computes a policy from the schema's hints (`@cacheControl` on types and fields,
 * or `info.cacheControl.setCacheHint` in resolvers); every root field and object field without a hint gets
 * `defaultMaxAge` seconds (STORYGRAPH_CACHE_MAX_AGE, default 0). The policy becomes a `Cache-Control` header:
 * `max-age=N, public` when cacheable, `no-store` otherwise.
 *
 * Only GET queries may be cached: a POST is not cacheable by HTTP caches anyway, and a mutation's answer never is,
 * so both are forced to `no-store` here. With the default of 0 every answer is `no-store`, so a write is
 * visible to the next read at once unless the operator opts into caching.
 *
 * With a max-age of 0 (the default) Apollo's plugin is not installed (it is disabled explicitly, since Apollo
 * would otherwise install it implicitly): it wraps every field resolution to collect hints that could only
 * lower a policy already at 0 (the schema declares no `@cacheControl` hints and no resolver sets one), about a
 * tenth of a nested query's CPU. A one-line plugin answers `no-store` instead, as Apollo's would.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";

/**
 * The cache-control plugins of a server: with `defaultMaxAge` > 0 (seconds), Apollo's and the GET-queries-only
 * rule; with 0, Apollo's disabled and every answer marked `Cache-Control: no-store`.
 */
export function cacheControlPlugins(defaultMaxAge: number): ApolloServerPlugin<any>[] {
  if (defaultMaxAge <= 0) {
    const noStore: ApolloServerPlugin<any> = {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set("cache-control", "no-store");
          },
        };
      },
    };
    return [ApolloServerPluginCacheControlDisabled(), noStore];
  }
  const getQueriesOnly: ApolloServerPlugin<any> = {
    async requestDidStart({ request }) {
      const isGet = request.http?.method === "GET";
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (!isGet || operation?.operation !== "query") overallCachePolicy.restrict({ maxAge: 0 });
        },
      };
    },
  };
  return [ApolloServerPluginCacheControl({ defaultMaxAge, calculateHttpHeaders: true }), getQueriesOnly];
}
