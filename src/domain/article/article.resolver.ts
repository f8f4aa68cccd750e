import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { fromGlobalId } from "../node/global-id";
import { ConnectionArgs } from "../pagination/connection";
import { Entity, Organisation, Person, Place } from "../entity/entity.type";
import type { EntityKind } from "../../ingest/types";
import { articleConnection } from "./article.connection";
import { articlePageRequest, countArticles, listArticles } from "./article.service";
import { Article, ArticleConnection } from "./article.type";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticleConnection, {
    description:
      "Every article, newest first (undated ones last, then by id). A Relay connection: page with `first`/`after` or `last`/`before`.",
  })
  async articles(@Args() args: ConnectionArgs, @Ctx() { db }: Context): Promise<ArticleConnection> {
    const request = articlePageRequest(args);
    return articleConnection(await listArticles(db, request), () => countArticles(db));
  }

  @Query(() => Article, {
    nullable: true,
    description: "One article by global `id` or by `slug` (give exactly one). Null when none matches.",
  })
  async article(
    @Arg("id", () => ID, { nullable: true, description: "The article's global ID." }) id: string | null,
    @Arg("slug", () => String, { nullable: true, description: "The article's slug." }) slug: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Article | null> {
    if ((id == null) === (slug == null)) throw new BadUserInputError('Give exactly one of "id" or "slug".');
    if (id != null) {
      const decoded = fromGlobalId(id);
      if (!decoded || decoded.type !== "Article") return null;
      const row = await loaders.articleByKey.load(decoded.key);
      return row && Article.fromRow(row);
    }
    const row = await loaders.articleBySlug.load(slug!);
    return row && Article.fromRow(row);
  }

  @FieldResolver(() => [Person], {
    description: "People the article mentions, most salient first (see `salience` on `Article.entities`).",
  })
  people(@Root() article: Article, @Ctx() ctx: Context): Promise<Entity[]> {
    return entitiesOfKind(article, "PERSON", ctx);
  }

  @FieldResolver(() => [Organisation], { description: "Organisations the article mentions, most salient first." })
  organisations(@Root() article: Article, @Ctx() ctx: Context): Promise<Entity[]> {
    return entitiesOfKind(article, "ORGANISATION", ctx);
  }

  @FieldResolver(() => [Place], { description: "Places the article mentions, most salient first." })
  places(@Root() article: Article, @Ctx() ctx: Context): Promise<Entity[]> {
    return entitiesOfKind(article, "PLACE", ctx);
  }
}

async function entitiesOfKind(article: Article, kind: EntityKind, { loaders }: Context): Promise<Entity[]> {
  const rows = await loaders.entitiesOfArticle.load(article.key);
  return rows.filter((r) => r.kind === kind).map(Entity.fromRow);
}
