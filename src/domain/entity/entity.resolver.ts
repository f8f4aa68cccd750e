import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import type { EntityKind } from "../../ingest/types";
import { articleConnection } from "../article/article.connection";
import { articlePageRequest } from "../article/article.service";
import { NO_FILTER, type ResolvedFilter } from "../article/article-query";
import { ArticleConnection } from "../article/article.type";
import { fromGlobalId } from "../node/global-id";
import { ConnectionArgs } from "../pagination/connection";
import { Entity, Organisation, Person, Place, TYPE_OF_KIND } from "./entity.type";

/** Field resolvers shared by Person, Organisation and Place through the Entity interface. */
@Resolver(() => Entity)
export class EntityResolver {
  @FieldResolver(() => [String], {
    description: "Every name this entity has been found under (\"Kerry\", \"John Kerry\"), titles removed, sorted.",
  })
  aliases(@Root() entity: Entity, @Ctx() { loaders }: Context): Promise<string[]> {
    return loaders.aliasesOfEntity.load(entity.key);
  }

  @FieldResolver(() => ArticleConnection, {
    description: "Articles that mention this entity, newest first (undated ones last, then by id). A Relay connection.",
  })
  async articles(@Root() entity: Entity, @Args() args: ConnectionArgs, @Ctx() { loaders }: Context): Promise<ArticleConnection> {
    const request = articlePageRequest(args);
    const page = await loaders.articlesOfEntity(request).load(entity.key);
    const scope: ResolvedFilter = { ...NO_FILTER, entityKeys: [entity.key] };
    return articleConnection(page, () => loaders.articleCountOfEntity.load(entity.key), scope);
  }
}

/** Loads an entity of one kind by global ID or slug (exactly one must be given); null when none matches. */
async function entityOfKind(kind: EntityKind, id: string | null, slug: string | null, { loaders }: Context): Promise<Entity | null> {
  if ((id == null) === (slug == null)) throw new BadUserInputError('Give exactly one of "id" or "slug".');
  let row;
  if (id != null) {
    const decoded = fromGlobalId(id);
    if (!decoded || decoded.type !== TYPE_OF_KIND[kind]) return null;
    row = await loaders.entityByKey.load(decoded.key);
  } else {
    row = await loaders.entityBySlug.load(slug!);
  }
  return row && row.kind === kind ? Entity.fromRow(row) : null;
}

@Resolver()
export class EntityQueryResolver {
  @Query(() => Person, { nullable: true, description: "One person by global `id` or by `slug` (give exactly one). Null when none matches." })
  person(
    @Arg("id", () => ID, { nullable: true, description: "The person's global ID." }) id: string | null,
    @Arg("slug", () => String, { nullable: true, description: "The person's slug." }) slug: string | null,
    @Ctx() ctx: Context,
  ): Promise<Entity | null> {
    return entityOfKind("PERSON", id, slug, ctx);
  }

  @Query(() => Organisation, { nullable: true, description: "One organisation by global `id` or by `slug` (give exactly one). Null when none matches." })
  organisation(
    @Arg("id", () => ID, { nullable: true, description: "The organisation's global ID." }) id: string | null,
    @Arg("slug", () => String, { nullable: true, description: "The organisation's slug." }) slug: string | null,
    @Ctx() ctx: Context,
  ): Promise<Entity | null> {
    return entityOfKind("ORGANISATION", id, slug, ctx);
  }

  @Query(() => Place, { nullable: true, description: "One place by global `id` or by `slug` (give exactly one). Null when none matches." })
  place(
    @Arg("id", () => ID, { nullable: true, description: "The place's global ID." }) id: string | null,
    @Arg("slug", () => String, { nullable: true, description: "The place's slug." }) slug: string | null,
    @Ctx() ctx: Context,
  ): Promise<Entity | null> {
    return entityOfKind("PLACE", id, slug, ctx);
  }
}
