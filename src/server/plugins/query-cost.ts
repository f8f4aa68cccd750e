/**
 * Query cost: an upper bound on the work an operation asks for, computed from the document before anything
 * executes, and refused above a limit (QueryLimits.maxCost). Every response reports it in `extensions.cost`.
 *
 * The rule, per field: `cost = 1 + multiplier × (sum of its children's costs)`, where the multiplier is
 * - for a Relay connection (a `…Connection` type with `first`/`last` arguments): its `last`, else `first`, else
 *   DEFAULT_PAGE_SIZE (20): a page of n edges repeats the selection n times;
 * - for `edges` inside a connection: 1 (the connection already multiplied);
 * - for any other list of objects (an article's `people`, `organisations`, `places`; introspection's `types`,
 *   `fields`…): the length of its `ids` argument when it has one (`nodes(ids:)`), else QueryLimits.listCost (10);
 * - otherwise 1.
 * A scalar field (and `__typename`) costs nothing: it is read from a row already loaded, so the cost counts the
 * objects an operation can make the server load, like GitHub's node limit.
 * Fragments and inline fragments add their selections (all type conditions summed: an upper bound), `@skip` and
 * `@include` are honoured, and fields merged by the same response name are counted each time written.
 *
 * Why not graphql-query-complexity: it walks a fragment again at every spread, so a dozen fragments each
 * spreading the next ten times (a few hundred tokens, within the depth limit) take 10¹² steps. Here each named
 * fragment is costed once per request and reused, so the walk is linear in the document's size.
 *
 * The same walk checks that `first`/`last` are within 0–MAX_PAGE_SIZE, so an out-of-range page size nested
 * three levels down is refused before the outer levels have queried the database.
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../domain/pagination/connection";

/** What the cost walk needs besides the document. */
export interface CostOptions {
  /** Multiplier of a plain list of objects (QueryLimits.listCost). */
  listCost: number;
}

/** An argument `first`/`last` outside 0–MAX_PAGE_SIZE, found while costing. */
export interface PageSizeViolation {
  argument: "first" | "last";
  value: number;
  /** The field's response path, e.g. `articles.edges.node.people.articles`. */
  path: string;
}

/** The cost of one operation, and any page-size violation met on the way. */
export interface OperationCost {
  cost: number;
  pageSizeViolations: PageSizeViolation[];
}

/**
 * Computes the cost of `operation` with its variables already coerced (graphql's `getVariableValues`).
 *
 * @param document the whole document (for its fragment definitions); assumed valid against `schema`
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: CostOptions,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentCosts = new Map<string, number>();
  const pageSizeViolations: PageSizeViolation[] = [];

  const included = (node: FieldNode | { directives?: FieldNode["directives"] }) => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, path);
      } else {
        const name = selection.name.value;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          // A cycle (refused by validation before this runs) would come back here: it adds nothing.
          fragmentCosts.set(name, 0);
          const fragment = fragments.get(name);
          const type = fragment && typeFromAST(schema, fragment.typeCondition);
          cost = fragment && type && isCompositeType(type) ? selectionCost(fragment.selectionSet, type, path) : 0;
          fragmentCosts.set(name, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, parentPath: string): number => {
    const name = node.name.value;
    const path = parentPath ? `${parentPath}.${node.alias?.value ?? name}` : (node.alias?.value ?? name);
    if (!node.selectionSet) return 0;
    const field = fieldOf(schema, parent, name);
    const type = field && getNamedType(field.type);
    if (!field || !type || !isCompositeType(type)) return 0;
    const multiplier = multiplierOf(field, node, parent, path);
    return 1 + multiplier * selectionCost(node.selectionSet, type, path);
  };

  const multiplierOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType, path: string): number => {
    const args = argumentsOf(field, node, variables);
    const returned = getNullableType(field.type);
    if (isConnection(field)) {
      for (const argument of ["first", "last"] as const) {
        const value = args[argument];
        if (typeof value === "number" && (value < 0 || value > MAX_PAGE_SIZE)) pageSizeViolations.push({ argument, value, path });
      }
      const size = (args.last ?? args.first ?? DEFAULT_PAGE_SIZE) as number;
      return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
    }
    if (!isListType(returned)) return 1;
    if (isObjectType(parent) && parent.name.endsWith("Connection")) return 1;
    if (Array.isArray(args.ids)) return args.ids.length;
    return options.listCost;
  };

  const root = schema.getRootType(operation.operation);
  const cost = root ? selectionCost(operation.selectionSet, root, "") : 0;
  return { cost, pageSizeViolations };
}

/** A Relay connection field: returns a `…Connection` object type and takes `first` or `last`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNullableType(field.type);
  return isObjectType(type) && type.name.endsWith("Connection") && field.args.some((a) => a.name === "first" || a.name === "last");
}

/** The definition of a selected field; the meta-fields `__schema` and `__type` live outside the root type's fields. */
function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === "__schema" || name === "__type") {
    if (schema.getQueryType() !== parent) return undefined;
    return name === "__schema" ? SchemaMetaFieldDef : TypeMetaFieldDef;
  }
  return "getFields" in parent ? parent.getFields()[name] : undefined;
}

/** Argument values of a field, or {} when they cannot be coerced (execution then reports the error). */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}
