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
import {
  GraphQLError,
  getVariableValues,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { BadUserInputError } from "../../errors";
import { MAX_PAGE_SIZE } from "../../domain/pagination/connection";
import type { QueryLimits } from "../limits";
import { operationCost, type OperationCost } from "./query-cost";

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
    noProtoAliasRule,
  ] as ValidationRule[];
}

/**
 * Refuses `__proto__` as an alias: a response key of that name cannot be set on a plain JavaScript object (it
 * would set the object's prototype), so the compiled execution (src/server/executor.ts) would drop the field.
 */
const noProtoAliasRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.alias?.value === "__proto__") {
      context.reportError(new GraphQLError('The alias "__proto__" is not allowed: choose another response key.', { nodes: node }));
    }
  },
});

/** Costs already computed, per parsed document, by operation name, list cost and variables (see cachedOperationCost). */
const costCache = new WeakMap<DocumentNode, Map<string, OperationCost>>();
/** Entries kept per document before its map is emptied (many distinct variable values of one document). */
const COSTS_PER_DOCUMENT = 64;
/** Variables longer than this as JSON are costed every time rather than kept as a key. */
const MAX_VARIABLES_KEY = 1024;

/**
 * operationCost, remembered: the cost is a pure function of the document, the operation, the coerced variables
 * and the list cost, and Apollo hands the same DocumentNode object to every request with the same query text
 * (its parsed-document store, per schema), so identical requests are costed once. Keyed weakly by the document:
 * entries go when Apollo evicts the document. Nothing here depends on the request or its caller.
 */
function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  listCost: number,
  hasVariables: boolean,
): OperationCost {
  const variablesKey = hasVariables ? JSON.stringify(variables) : "";
  if (variablesKey.length > MAX_VARIABLES_KEY) return operationCost(schema, document, operation, variables, { listCost });
  const key = `${operation.name?.value ?? ""}\n${listCost}\n${variablesKey}`;
  let costs = costCache.get(document);
  if (!costs) costCache.set(document, (costs = new Map()));
  let result = costs.get(key);
  if (!result) {
    result = operationCost(schema, document, operation, variables, { listCost });
    if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
    costs.set(key, result);
  }
  return result;
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
          const definitions = operation.variableDefinitions ?? [];
          const { coerced } = definitions.length
            ? getVariableValues(schema, definitions, request.variables ?? {}, { maxErrors: 1 })
            : { coerced: {} };
          // Variables of the wrong type: execution refuses them with BAD_USER_INPUT before any resolver runs.
          if (!coerced) return;
          const result = cachedOperationCost(schema, document, operation, coerced, limits.listCost, definitions.length > 0);
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
