/**
 * The query limits (src/server/limits.ts) as Apollo Server pieces, all applied before any resolver runs:
 *
 * - tokens: graphql-js's own parser option `maxTokens` (Apollo `parseOptions`), so parsing stops at the limit;
 * - depth, aliases, directives: GraphQL Armor's validation rules, reported as ordinary validation errors
 *   (GRAPHQL_VALIDATION_FAILED, HTTP 400) instead of thrown, so other validation errors still show;
 * - cost and page sizes: {@link queryCostPlugin} once the operation and its variables are known.
 *
 * Armor's max-depth skips a `__schema` field so tools can introspect: 2.4.2 skips only a real field of that name,
 * not a fragment or operation named `__schema` (the published bypass, GHSA-733v-p3h5-qpq7 for cost-limit and
 * graphql-armor PR 823 for max-depth). test/e2e/attack.test.ts sends that bypass. Introspection still counts in
 * the cost, where each nested list multiplies by ten, so a deep `__schema` query is refused there.
 */
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, getVariableValues, type ValidationContext, type ValidationRule } from "graphql";
import { BadUserInputError } from "../../errors";
import { MAX_PAGE_SIZE } from "../../domain/pagination/connection";
import type { QueryLimits } from "../limits";
import { operationCost } from "./query-cost";

/** `extensions.limit` of an error refusing an operation over a limit. */
export type LimitName = "depth" | "aliases" | "directives" | "cost";

/**
 * Reports an Armor rejection as a validation error naming the limit. Armor prefixes "Syntax Error: " although
 * nothing is wrong with the syntax; the prefix is dropped.
 */
function reportTo(limit: LimitName) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { limit } }));
  };
}

/** The validation rules for depth, aliases and directives. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: false, onReject: [reportTo("depth")] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reportTo("aliases")] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reportTo("directives")] }),
  ] as ValidationRule[];
}

/**
 * Computes each operation's cost once it is resolved (after validation, variables known), refuses it above
 * `maxCost` with GRAPHQL_VALIDATION_FAILED (HTTP 400) and a page size outside 0–100 with BAD_USER_INPUT (HTTP 400),
 * and reports the cost in the response's `extensions.cost`.
 */
export function queryCostPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          // Variables of the wrong type: execution refuses them with BAD_USER_INPUT before any resolver runs.
          if (!coerced) return;
          const result = operationCost(schema, document, operation, coerced, { listCost: limits.listCost });
          cost = result.cost;
          const violation = result.pageSizeViolations[0];
          if (violation) {
            throw new BadUserInputError(
              `Argument "${violation.argument}" must be between 0 and ${MAX_PAGE_SIZE}, but got: ${violation.value} (at ${violation.path})`,
              { argumentName: violation.argument, http: { status: 400 } },
            );
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `Query cost limit of ${limits.maxCost} exceeded, found ${cost}. A connection multiplies its selection by its page size (first/last, default 20) and a plain list by ${limits.listCost}: ask for smaller pages or fewer nested lists.`,
              { extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "cost", cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost !== undefined && response.body.kind === "single") {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
          }
        },
      };
    },
  };
}
