import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import type { EntityKind } from "../../ingest/types";
import type { ResolvedFilter } from "../article/article-query";
import { ArticleConnection } from "../article/article.type";
import { Entity } from "../entity/entity.type";
import { entityFacets, valueFacets } from "./facets.service";

/** The most facet values one list returns. */
export const MAX_FACETS = 50;

@ObjectType({ description: "An entity and how many of the listed articles mention it." })
export class EntityFacet {
  @Field(() => Entity, { description: "The person, organisation or place." })
  entity: Entity;

  @Field(() => Int, { description: "Number of articles in the (whole, filtered) list that mention it." })
  count: number;
}

@ObjectType({ description: "A value of an article field and how many of the listed articles have it." })
export class ValueFacet {
  @Field(() => String, { nullable: true, description: "The value; null counts the articles that have none." })
  value: string | null;

  @Field(() => Int, { description: "Number of articles in the (whole, filtered) list with this value." })
  count: number;
}

@ObjectType({
  description:
    "Counts over the whole filtered list (not just the page), to show beside results: top people, organisations, places, sources and sections.",
})
export class ArticleFacets {
  scope: ResolvedFilter;
}

@Resolver(() => ArticleConnection)
export class ArticleConnectionFacetsResolver {
  @FieldResolver(() => ArticleFacets, {
    nullable: true,
    description: "Facets of this list: what its articles mention most, and where they come from. Null for lists that cannot be faceted.",
  })
  facets(@Root() connection: ArticleConnection): ArticleFacets | null {
    if (!connection.scope) return null;
    const f = new ArticleFacets();
    f.scope = connection.scope as ResolvedFilter;
    return f;
  }
}

function facetLimit(first: number): number {
  if (first < 0 || first > MAX_FACETS) throw new BadUserInputError(`Argument "first" must be between 0 and ${MAX_FACETS}, but got: ${first}`);
  return first;
}

async function entities(facets: ArticleFacets, kind: EntityKind, first: number, { db }: Context): Promise<EntityFacet[]> {
  const rows = await entityFacets(db, facets.scope, kind, facetLimit(first));
  return rows.map((r) => Object.assign(new EntityFacet(), { entity: Entity.fromRow(r), count: r.count }));
}

const FIRST = { defaultValue: 10, description: `How many to return, most frequent first (0–${MAX_FACETS}).` };

@Resolver(() => ArticleFacets)
export class ArticleFacetsResolver {
  @FieldResolver(() => [EntityFacet], { description: "People most mentioned by the listed articles, with counts." })
  people(@Root() f: ArticleFacets, @Arg("first", () => Int, FIRST) first: number, @Ctx() ctx: Context) {
    return entities(f, "PERSON", first, ctx);
  }

  @FieldResolver(() => [EntityFacet], { description: "Organisations most mentioned by the listed articles, with counts." })
  organisations(@Root() f: ArticleFacets, @Arg("first", () => Int, FIRST) first: number, @Ctx() ctx: Context) {
    return entities(f, "ORGANISATION", first, ctx);
  }

  @FieldResolver(() => [EntityFacet], { description: "Places most mentioned by the listed articles, with counts." })
  places(@Root() f: ArticleFacets, @Arg("first", () => Int, FIRST) first: number, @Ctx() ctx: Context) {
    return entities(f, "PLACE", first, ctx);
  }

  @FieldResolver(() => [ValueFacet], { description: "Publishers (`Article.source`) of the listed articles, most frequent first." })
  async sources(@Root() f: ArticleFacets, @Ctx() { db }: Context): Promise<ValueFacet[]> {
    return (await valueFacets(db, f.scope, "source")).map((r) => Object.assign(new ValueFacet(), r));
  }

  @FieldResolver(() => [ValueFacet], { description: "Sections (`Article.section`) of the listed articles, most frequent first." })
  async sections(@Root() f: ArticleFacets, @Ctx() { db }: Context): Promise<ValueFacet[]> {
    return (await valueFacets(db, f.scope, "section")).map((r) => Object.assign(new ValueFacet(), r));
  }
}
