import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Article } from "../article/article.type";
import { Entity, EntityKind } from "../entity/entity.type";
import { pairKey } from "./mention.service";
import { ArticleEntity, Mention } from "./mention.type";

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Entity, { description: "The person, organisation or place mentioned." })
  async entity(@Root() mention: Mention, @Ctx() { loaders }: Context): Promise<Entity> {
    const row = await loaders.entityByKey.load(mention.entityKey);
    if (!row) throw new Error(`Mention ${mention.key} names entity ${mention.entityKey}, which does not exist`);
    return Entity.fromRow(row);
  }

  @FieldResolver(() => Article, { description: "The article the mention is in." })
  async article(@Root() mention: Mention, @Ctx() { loaders }: Context): Promise<Article> {
    const row = await loaders.articleByKey.load(mention.articleKey);
    if (!row) throw new Error(`Mention ${mention.key} is in article ${mention.articleKey}, which does not exist`);
    return Article.fromRow(row);
  }
}

@Resolver(() => ArticleEntity)
export class ArticleEntityResolver {
  @FieldResolver(() => [Mention], { description: "Every mention of the entity in the article, in reading order (headline, body, caption)." })
  async mentions(@Root() link: ArticleEntity, @Ctx() { loaders }: Context): Promise<Mention[]> {
    return (await loaders.mentions.mentionsOfPair.load(pairKey(link.articleKey, link.entityKey))).map(Mention.fromRow);
  }
}

/** `Article.entities`: kept apart from src/domain/article so the article resolver stays about articles. */
@Resolver(() => Article)
export class ArticleEntitiesResolver {
  @FieldResolver(() => [ArticleEntity], {
    description:
      "The people, organisations and places the article mentions, most salient first (then by name), each with its salience, mention count and mentions.",
  })
  async entities(
    @Root() article: Article,
    @Arg("kind", () => EntityKind, { nullable: true, description: "Only entities of this kind; all kinds when omitted." }) kind: EntityKind | null,
    @Ctx() { loaders }: Context,
  ): Promise<ArticleEntity[]> {
    const rows = await loaders.entitiesOfArticle.load(article.key);
    return rows
      .filter((r) => kind == null || r.kind === kind)
      .map((r) => {
        const link = new ArticleEntity();
        link.articleKey = article.key;
        link.entityKey = String(r.id);
        link.entity = Entity.fromRow(r);
        link.salience = r.salience;
        link.mentionCount = r.mention_count;
        link.resolvedFrom = r.resolved_from ?? null;
        return link;
      });
  }
}
