import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { articleConnection } from "../article/article.connection";
import { ArticleOrder, ArticleOrderField } from "../article/article.inputs";
import { articleOrdering, MAX_SEARCH_LENGTH, resolveFilter } from "../article/article-query";
import { countArticles, listArticles } from "../article/article.service";
import { ArticleConnection } from "../article/article.type";
import { EntityConnection } from "../entity/entity.connection";
import { EntityKind } from "../entity/entity.type";
import { entityList } from "../entity/entity-list.resolver";
import { entityOrdering, resolveEntityFilter } from "../entity/entity-list.service";
import { ConnectionArgs, pageRequest } from "../pagination/connection";
import { SearchResults } from "./search.type";

@Resolver(() => SearchResults)
export class SearchResolver {
  @Query(() => SearchResults, {
    description:
      'One search box over everything: `entities` whose names match (typo- and accent-tolerant), and `articles` whose text matches (web-search syntax: `"phrase"`, `or`, `-word`), best matches first.',
  })
  search(@Arg("query", { description: `The search text, 1–${MAX_SEARCH_LENGTH} characters.` }) query: string): SearchResults {
    const q = query.normalize("NFC").trim();
    if (!q || q.length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError(`Argument "query" must be 1–${MAX_SEARCH_LENGTH} characters after trimming, but got ${q.length}.`);
    }
    const r = new SearchResults();
    r.query = q;
    return r;
  }

  @FieldResolver(() => EntityConnection, {
    description:
      "People, organisations and places whose name (or an alias) matches the search text, best match first (exact substring, then trigram word similarity), then by id.",
  })
  entities(
    @Root() results: SearchResults,
    @Args() args: ConnectionArgs,
    @Arg("kind", () => EntityKind, { nullable: true, description: "Only entities of this kind." }) kind: EntityKind | null,
    @Ctx() { db }: Context,
  ) {
    const filter = resolveEntityFilter(kind ?? null, { nameContains: results.query.slice(0, 200) });
    return entityList(db, EntityConnection, filter, entityOrdering(null, true), args);
  }

  @FieldResolver(() => ArticleConnection, {
    description: "Articles whose text matches the search, by RELEVANCE unless `orderBy` says otherwise; each edge has `rank` and `highlight`.",
  })
  async articles(
    @Root() results: SearchResults,
    @Args() args: ConnectionArgs,
    @Arg("orderBy", () => ArticleOrder, { nullable: true, description: "How to order them. Default: RELEVANCE DESC." }) orderBy: ArticleOrder | null,
    @Ctx() { db }: Context,
  ): Promise<ArticleConnection> {
    const filter = resolveFilter({ search: results.query });
    const ordering = articleOrdering(orderBy, true, ArticleOrderField.RELEVANCE);
    const request = pageRequest(args, ordering.name, ordering.validate);
    const page = await listArticles(db, filter, ordering, request);
    return articleConnection(page, () => countArticles(db, filter), filter, filter.search);
  }
}
