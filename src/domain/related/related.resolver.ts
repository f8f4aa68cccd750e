import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { Article } from "../article/article.type";
import { Entity } from "../entity/entity.type";
import { forwardPageRequest } from "../graph/graph.args";
import { pairKey, RELATED_ORDER, validRelatedKey } from "./related.service";
import { RelatedArgs, RelatedArticleConnection, RelatedArticleEdge, RelatedReason, SCORE_DESCRIPTION } from "./related.type";

/** `Article.related` and `Article.duplicates`. */
@Resolver(() => Article)
export class RelatedArticleResolver {
  @FieldResolver(() => RelatedArticleConnection, {
    description: `Stories related to this one, best first, each with its score and the reasons behind it (shared people, organisations and places, text similarity, publisher links). Duplicates of this story are left out. Score: ${SCORE_DESCRIPTION}`,
  })
  async related(@Root() article: Article, @Args() args: RelatedArgs, @Ctx() { loaders }: Context): Promise<RelatedArticleConnection> {
    const minScore = args.minScore ?? 0;
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new BadUserInputError(`Argument "minScore" must be between 0 and 1, but got: ${minScore}`, { argumentName: "minScore" });
    }
    const request = forwardPageRequest(args, RELATED_ORDER, validRelatedKey);
    const page = await loaders.related.relatedOfArticle(request, minScore).load(article.key);
    const connection = new RelatedArticleConnection();
    connection.edges = page.items.map((row, i) => {
      const edge = new RelatedArticleEdge();
      edge.fromKey = article.key;
      edge.toKey = String(row.id);
      edge.page = page;
      edge.index = i;
      edge.node = Article.fromRow(row);
      edge.score = row.score;
      return edge;
    });
    connection.pageInfo = page.pageInfo;
    return connection;
  }

  @FieldResolver(() => [Article], {
    description:
      "The same story stored under other source keys: identical text, or the same headline with small edits (text similarity ≥ 0.5), or a retitled copy (≥ 0.9). Never listed in `related`.",
  })
  async duplicates(@Root() article: Article, @Ctx() { loaders }: Context): Promise<Article[]> {
    return (await loaders.related.duplicatesOfArticle.load(article.key)).map(Article.fromRow);
  }
}

@Resolver(() => RelatedArticleEdge)
export class RelatedEdgeResolver {
  @FieldResolver(() => [RelatedReason], { description: "What the score is made of, heaviest first; the weights add up to `score`." })
  async reasons(@Root() edge: RelatedArticleEdge, @Ctx() { loaders }: Context): Promise<RelatedReason[]> {
    const rows = await loaders.related.reasonsOfPair.load(pairKey(edge.fromKey, edge.toKey));
    return rows.map((r) => {
      const reason = new RelatedReason();
      reason.kind = r.kind;
      reason.entityKey = r.entity_id;
      reason.weight = r.weight;
      return reason;
    });
  }
}

@Resolver(() => RelatedReason)
export class RelatedReasonResolver {
  @FieldResolver(() => Entity, { nullable: true, description: "The shared person, organisation or place; null for TEXT_SIMILARITY and PUBLISHER_LINK. Merges, removed mentions and re-resolved surnames recompute the affected stories' pairs at once; should an entity still vanish under a stored pair, this is null until either story is re-ingested or `related:rebuild` runs." })
  async entity(@Root() reason: RelatedReason, @Ctx() { loaders }: Context): Promise<Entity | null> {
    if (!reason.entityKey) return null;
    const row = await loaders.entityByKey.load(reason.entityKey);
    return row && Entity.fromRow(row);
  }
}
