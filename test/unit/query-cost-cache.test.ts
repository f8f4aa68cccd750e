import { describe, expect, it } from "vitest";
import { ApolloServer } from "@apollo/server";
import { createSchema } from "../../src/server/schema";
import { DEFAULT_LIMITS } from "../../src/server/limits";
import { queryCostPlugin } from "../../src/server/plugins/query-limits";

/**
 * The cost of an operation is remembered per parsed document (Apollo hands the same document to every request with
 * the same text), by operation and variables: a remembered cost never answers a request with other variables.
 */
describe("query cost of repeated documents", () => {
  const query = "query Page($n: Int) { articles(first: $n) { edges { node { headline } } } }";

  async function server() {
    const apollo = new ApolloServer({ schema: await createSchema(), plugins: [queryCostPlugin(DEFAULT_LIMITS.query)] });
    await apollo.start();
    return apollo;
  }
  /** BAD_USER_INPUT when the operation is refused, else its reported cost (resolvers fail here: no database). */
  async function costOf(apollo: ApolloServer, n: number) {
    const res = await apollo.executeOperation({ query, variables: { n } }, { contextValue: {} });
    if (res.body.kind !== "single") throw new Error("expected a single result");
    const { extensions, errors } = res.body.singleResult;
    return errors?.[0]?.extensions?.code === "BAD_USER_INPUT" ? "BAD_USER_INPUT" : extensions?.cost;
  }

  it("reports each request's cost from its own variables, also when the same text comes again", async () => {
    const apollo = await server();
    try {
      expect(await costOf(apollo, 5)).toBe(1 + 5 * 2);
      expect(await costOf(apollo, 5)).toBe(1 + 5 * 2);
      expect(await costOf(apollo, 7)).toBe(1 + 7 * 2);
      expect(await costOf(apollo, 500)).toBe("BAD_USER_INPUT");
      expect(await costOf(apollo, 5)).toBe(1 + 5 * 2);
    } finally {
      await apollo.stop();
    }
  });
});
