/**
 * Builds the executable GraphQL schema from the type-graphql classes, and prints it as the sorted SDL that
 * `schema/schema.graphql` holds (the reviewed contract).
 */
import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { ArticleResolver } from "../domain/article/article.resolver";
import { EntityQueryResolver, EntityResolver } from "../domain/entity/entity.resolver";
import { NodeResolver } from "../domain/node/node.resolver";

/** Every resolver class of the API. */
export const resolvers = [ArticleResolver, EntityResolver, EntityQueryResolver, NodeResolver] as const;

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
    return schema;
  });
  return built;
}

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
