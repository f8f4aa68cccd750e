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
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";

/** The cache-control plugins of a server: Apollo's, with `defaultMaxAge`, and the GET-queries-only rule. */
export function cacheControlPlugins(defaultMaxAge: number): ApolloServerPlugin<any>[] {
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
