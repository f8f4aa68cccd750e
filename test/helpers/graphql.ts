import type { ApolloServer } from "@apollo/server";
import type { Context } from "../../src/context";
import { createContext } from "../../src/context";
import type { Database } from "../../src/db/data-source";

/** Runs an operation through Apollo (no HTTP) and returns its single result; fails the test on a stream. */
export async function execute<T = any>(
  apollo: ApolloServer<Context>,
  db: Database,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: readonly any[] }> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(db) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: T; errors?: readonly any[] };
}

/** The nested query of the skeleton issue: articles → people → their articles, and organisations. */
export const NESTED_QUERY = `{
  articles(first: 5) {
    edges { node { headline people { name articles { totalCount edges { node { headline } } } } organisations { name } } }
  }
}`;
