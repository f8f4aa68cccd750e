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
 * An operation is compiled the second time its document is executed: compiling costs more than interpreting
 * once, and a client that writes values into the query text (instead of variables) sends a new document with
 * every request; the first execution of a document goes through graphql-js as Apollo would run it. Compiled
 * operations are kept in a least-recently-used map of at most MAX_COMPILED documents (each compiled operation
 * holds generated code: kept for every document Apollo remembers, a stream of one-off documents grew the
 * process past a gigabyte in the bench's Q4). Everything kept is derived from the query text and the schema:
 * two instances never disagree, whatever each has compiled.
 *
 * Field-level hooks (`willResolveField`, used by Apollo's cache-control plugin when STORYGRAPH_CACHE_MAX_AGE > 0)
 * still fire: Apollo wraps the schema's resolvers before the first execution, and compiled operations call the
 * schema's resolvers.
 */
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, getVariableValues, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { BadUserInputError } from "../errors";

type Compiled = CompiledQuery | ExecutionResult;

/** Documents whose compiled operations are kept (least recently used dropped first). */
export const MAX_COMPILED = 500;
/** Executions of a document before it is compiled (the first ones run through graphql-js). */
export const COMPILE_AT = 2;

/** What is known of one document: how often it ran, and its compiled operations by operation name. */
interface DocumentEntry {
  runs: number;
  compiled: Map<string, Compiled>;
}

/**
 * Compiles operations on demand and runs them; see the module comment.
 *
 * @param compileAt executions of a document before it is compiled (1: from the first)
 */
export function createJitExecutor(schema: GraphQLSchema, compileAt = COMPILE_AT): GatewayExecutor {
  const entries = new Map<DocumentNode, DocumentEntry>();

  /** The document's entry, marked as just used (moved to the end of the map's order). */
  const entryOf = (document: DocumentNode): DocumentEntry => {
    let entry = entries.get(document);
    if (entry) {
      entries.delete(document);
    } else {
      entry = { runs: 0, compiled: new Map() };
      if (entries.size >= MAX_COMPILED) entries.delete(entries.keys().next().value!);
    }
    entries.set(document, entry);
    return entry;
  };

  return async (requestContext) => {
    const { document } = requestContext;
    const operationName = requestContext.request.operationName ?? undefined;
    const variables = requestContext.request.variables ?? {};
    const interpret = () => execute({ schema, document, operationName, variableValues: variables, contextValue: requestContext.context });
    const operation = requestContext.operation;
    // Apollo found no operation to run (an unknown or empty operation name): graphql-js reports why, as Apollo
    // expects; graphql-jit would take an empty name for "the only operation" and run it.
    if (!operation) return interpret();
    if (operation.operation === "subscription") {
      return { errors: [new BadUserInputError("This API has no subscriptions: send a query or a mutation.", { http: { status: 400 } })] };
    }
    const entry = entryOf(document);
    entry.runs += 1;
    if (entry.runs < compileAt) return interpret();
    const key = operationName ?? "";
    let compiled = entry.compiled.get(key);
    if (!compiled) {
      compiled = compileQuery(schema, document, operationName);
      entry.compiled.set(key, compiled);
    }
    // A document that cannot be compiled (e.g. no such operation) comes back as an execution result with errors.
    if (!isCompiledQuery(compiled)) return { ...compiled, errors: compiled.errors?.map(asGraphQLError) };
    const result = await compiled.query(undefined, requestContext.context, variables);
    if (result.data === undefined && result.errors?.length) {
      // No data at all: the variables were refused before execution. graphql-jit's errors do not carry the
      // variable's definition node, by which Apollo tells a client's bad variable (BAD_USER_INPUT, status 400)
      // from a server fault; graphql-js's do, with the same messages. Only this failure path pays for it.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
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
