/**
 * Operation execution through graphql-jit: each operation is compiled once into a JavaScript function that walks
 * its selection set directly, instead of graphql-js interpreting the document field by field on every request
 * (argument objects, path records and null-prototype result objects for every field of every row). The same
 * resolvers, scalars, abstract-type resolution and error semantics (errors collected with their path, nulls
 * propagated to the nearest nullable field) apply.
 *
 * Apollo Server 5 takes a custom executor only through its `gateway` option (its migration guide names this as
 * the replacement of Apollo Server 3's `executor`); this gateway serves one fixed schema. Apollo still parses,
 * validates (with our limit rules), runs every plugin hook and formats errors exactly as before; only the
 * execution step is ours.
 *
 * Compiled operations are kept per parsed document (a WeakMap: Apollo hands the same DocumentNode to every request
 * with the same query text, and drops it from its own LRU store when unused, which frees ours too), and per
 * operation name. They are derived from the query text and the schema alone: two instances never disagree.
 *
 * Field-level hooks (`willResolveField`, used by Apollo's cache-control plugin when STORYGRAPH_CACHE_MAX_AGE > 0)
 * still fire: Apollo wraps the schema's resolvers before the first execution, and compiled operations call the
 * schema's resolvers.
 */
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { getVariableValues, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

type Compiled = CompiledQuery | ExecutionResult;

/** Compiles operations on demand and runs them; see the module comment. */
export function createJitExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byName = compiledByDocument.get(document);
    if (!byName) {
      byName = new Map();
      compiledByDocument.set(document, byName);
    }
    const key = operationName ?? "";
    let compiled = byName.get(key);
    if (!compiled) {
      compiled = compileQuery(schema, document, operationName);
      byName.set(key, compiled);
    }
    return compiled;
  };

  return async (requestContext) => {
    const compiled = compiledFor(requestContext.document, requestContext.request.operationName ?? undefined);
    // A document that cannot be compiled (e.g. no such operation) comes back as an execution result with errors.
    if (!isCompiledQuery(compiled)) return compiled;
    const variables = requestContext.request.variables ?? {};
    const result = await compiled.query(undefined, requestContext.context, variables);
    if (result.data === undefined && result.errors?.length && requestContext.operation) {
      // No data at all: the variables were refused before execution. graphql-jit's errors do not carry the
      // variable's definition node, by which Apollo tells a client's bad variable (BAD_USER_INPUT, status 400)
      // from a server fault; graphql-js's do, with the same messages. Only this failure path pays for it.
      const coerced = getVariableValues(schema, requestContext.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
}

/**
 * graphql-jit reports an error with its own GraphQLError-like object whose `extensions` is undefined when the
 * thrown error had none (a database failure, a bug); Apollo reads `extensions.code` of every error and would
 * fail formatting it, answering a bare "Internal server error" without our logging and request id. Such errors
 * become graphql-js GraphQLErrors with the same message, locations, path and original error (whose stack is kept).
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const normal = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  (normal as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return normal;
}

/**
 * The `gateway` to give ApolloServer (instead of `schema`): serves `schema`, executes with createJitExecutor.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    async load() {
      return { executor: createJitExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
