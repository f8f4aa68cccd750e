import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError, NotFoundError } from "../../errors";
import { fromGlobalId } from "../node/global-id";
import { ConnectionArgs, pageRequest } from "../pagination/connection";
import { Entity, Organisation, Person, Place } from "../entity/entity.type";
import type { EntityKind } from "../../ingest/types";
import { articleConnection } from "./article.connection";
import { ArticleFilter, ArticleOrder } from "./article.inputs";
import { articleOrdering, resolveFilter } from "./article-query";
import { countArticles, listArticles } from "./article.service";
import { Article, ArticleConnection, ArticleEdge, type ArticleText } from "./article.type";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticleConnection, {
    description:
      "Articles, filtered and ordered; by default every article, newest first (undated last, then by id). A Relay connection: page with `first`/`after` or `last`/`before`. `totalCount` counts the whole filtered list.",
  })
  async articles(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => ArticleFilter, { nullable: true, description: "Which articles to return (all when omitted)." }) filter: ArticleFilter | null,
    @Arg("orderBy", () => ArticleOrder, {
      nullable: true,
      description: "How to order them. Default: PUBLISHED_AT DESC. RELEVANCE needs `filter.search`.",
    })
    orderBy: ArticleOrder | null,
    @Ctx() { db }: Context,
  ): Promise<ArticleConnection> {
    const resolved = resolveFilter(filter);
    const ordering = articleOrdering(orderBy, resolved.search !== null);
    const request = pageRequest(args, ordering.name, ordering.validate);
    const page = await listArticles(db, resolved, ordering, request);
    return articleConnection(page, () => countArticles(db, resolved), resolved, resolved.search);
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

  @FieldResolver(() => [String], {
    description:
      "Body paragraphs in order, Unicode NFC, whitespace trimmed. Mention offsets (`Mention.start`/`end`) index into these strings in code points. Excludes the photo caption and the source line.",
  })
  async paragraphs(@Root() article: Article, @Ctx() ctx: Context): Promise<string[]> {
    return (await textOf(article, ctx)).paragraphs;
  }

  @FieldResolver(() => String, { description: "The body paragraphs joined by blank lines (`\\n\\n`)." })
  async body(@Root() article: Article, @Ctx() ctx: Context): Promise<string> {
    return (await textOf(article, ctx)).body;
  }

  @FieldResolver(() => String, { nullable: true, description: "Text under the article's `PHOTO CAPTION` heading; null when it has none." })
  async photoCaption(@Root() article: Article, @Ctx() ctx: Context): Promise<string | null> {
    return (await textOf(article, ctx)).photo_caption;
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

/**
 * An article's text: from the row when it carried it (single-article reads), else through the `articleText`
 * loader, one statement for every article of a level.
 *
 * @throws NotFoundError when the article was deleted between the statement that listed it and this one
 */
async function textOf(article: Article, { loaders }: Context): Promise<ArticleText> {
  if (article.text) return article.text;
  const text = await loaders.articleText.load(article.key);
  if (!text) throw new NotFoundError(`Article ${article.id} was deleted while this request was reading it.`);
  return text;
}

async function entitiesOfKind(article: Article, kind: EntityKind, { loaders }: Context): Promise<Entity[]> {
  const rows = await loaders.entitiesOfArticle.load(article.key);
  return rows.filter((r) => r.kind === kind).map(Entity.fromRow);
}

@Resolver(() => ArticleEdge)
export class ArticleEdgeResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "When the list was searched: up to three fragments of the article (headline, body, caption) around the matches, HTML-escaped, with each match wrapped in `<mark>…</mark>` and fragments joined by \" … \". Safe to insert as HTML. Null when not searched or when the match is only in stemmed forms the fragment cannot show.",
  })
  highlight(@Root() edge: ArticleEdge, @Ctx() { loaders }: Context): Promise<string | null> | null {
    if (!edge.search) return null;
    return loaders.highlights(edge.search).load(edge.node.key);
  }
}
