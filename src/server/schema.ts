/**
 * Builds the executable GraphQL schema from the type-graphql classes, and prints it as the sorted SDL that
 * `schema/schema.graphql` holds (the reviewed contract).
 */
import "reflect-metadata";
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
} from "graphql";
import { buildSchema } from "type-graphql";
import { ArticleEdgeResolver, ArticleResolver } from "../domain/article/article.resolver";
import { EntityQueryResolver, EntityResolver } from "../domain/entity/entity.resolver";
import { NodeResolver } from "../domain/node/node.resolver";
import { EntityListResolver } from "../domain/entity/entity-list.resolver";
import { SearchResolver } from "../domain/search/search.resolver";
import { ArticleConnectionFacetsResolver, ArticleFacetsResolver } from "../domain/facets/facets.resolver";
import { ArticleMutationResolver } from "../domain/article/article.mutations";
import { RelatedArticleResolver, RelatedEdgeResolver, RelatedReasonResolver } from "../domain/related/related.resolver";
import { CoMentionEdgeResolver, CoMentionResolver, TimelineResolver } from "../domain/graph/graph.resolver";
import { ArticleEntitiesResolver, ArticleEntityResolver, MentionResolver } from "../domain/mention/mention.resolver";
import { CurationResolver, EntityChangeResolver } from "../domain/curation/curation.resolver";

/** Every resolver class of the API. */
export const resolvers = [ArticleResolver, ArticleEdgeResolver, EntityResolver, EntityQueryResolver, NodeResolver, EntityListResolver, SearchResolver, ArticleConnectionFacetsResolver, ArticleFacetsResolver, ArticleMutationResolver, RelatedArticleResolver, RelatedEdgeResolver, RelatedReasonResolver, CoMentionResolver, CoMentionEdgeResolver, TimelineResolver, ArticleEntitiesResolver, ArticleEntityResolver, MentionResolver, CurationResolver, EntityChangeResolver] as const;

let built: Promise<GraphQLSchema> | null = null;

/**
 * The schema, built once per process (it is immutable; building it again would only cost time).
 */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...resolvers], validate: false }).then((schema) => {
    // type-graphql has no option for the root types' descriptions; they are what an IDE shows first.
    const query = schema.getQueryType();
    if (query) query.description = ROOT_DESCRIPTIONS.Query;
    const mutation = schema.getMutationType();
    if (mutation) mutation.description = ROOT_DESCRIPTIONS.Mutation;
    // type-graphql wraps each `resolveType` in an async function; graphql-jit (src/server/executor.ts) resolves
    // abstract types synchronously. Every object of ours carries its GraphQL type name as `__typename` (that is
    // all the declared resolveType functions read), so read it directly.
    for (const type of Object.values(schema.getTypeMap())) {
      if ((isInterfaceType(type) || isUnionType(type)) && type.resolveType) type.resolveType = typeNameOf;
    }
    return schema;
  });
  return built;
}

/** The GraphQL type name an object of ours carries. */
const typeNameOf = (value: unknown): string | undefined => (value as { __typename?: string } | null)?.__typename;

/** Descriptions of the root operation types. */
const ROOT_DESCRIPTIONS = {
  Query:
    "Entry points for reading: articles, the people, organisations and places they mention, and any object by global ID.",
  Mutation: "Entry points for writing. Every mutation needs `Authorization: Bearer <token>` (see STORYGRAPH_ADMIN_TOKEN).",
};

/** The schema as SDL, types and fields sorted, as committed in schema/schema.graphql. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Names every type, field, argument and enum value of ours without a description (built-in scalars aside). */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
  }
  return missing;
}
