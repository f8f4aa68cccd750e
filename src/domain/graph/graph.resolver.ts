import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { articleConnection } from "../article/article.connection";
import { Article, ArticleConnection } from "../article/article.type";
import { Entity, Person } from "../entity/entity.type";
import { MAX_PAGE_SIZE } from "../pagination/connection";
import { CoMentionedArgs, ForwardPageArgs, forwardPageRequest } from "./graph.args";
import { CO_MENTION_ORDER, TIMELINE_ORDER, validCoMentionKey, validTimelineKey } from "./graph.service";
import { CoMentionConnection, CoMentionEdge } from "./graph.type";

/** `coMentioned` on Person, Organisation and Place, through the Entity interface. */
@Resolver(() => Entity)
export class CoMentionResolver {
  @FieldResolver(() => CoMentionConnection, {
    description:
      "People, organisations and places mentioned in the same stories as this one, ordered by the number of stories shared (most first), then by id. Forward pagination with stable cursors.",
  })
  async coMentioned(@Root() entity: Entity, @Args() args: CoMentionedArgs, @Ctx() { loaders }: Context): Promise<CoMentionConnection> {
    const request = forwardPageRequest(args, CO_MENTION_ORDER, validCoMentionKey);
    const page = await loaders.graph.coMentionedOfEntity(request, args.kind ?? null).load(entity.key);
    const connection = new CoMentionConnection();
    connection.edges = page.items.map((row, i) => {
      const edge = new CoMentionEdge();
      edge.fromKey = entity.key;
      edge.toKey = row.id;
      edge.page = page;
      edge.index = i;
      edge.node = Entity.fromRow(row);
      edge.count = row.count;
      return edge;
    });
    connection.pageInfo = page.pageInfo;
    return connection;
  }
}

@Resolver(() => CoMentionEdge)
export class CoMentionEdgeResolver {
  @FieldResolver(() => [Article], { description: "The stories both entities appear in, newest first (undated last)." })
  async articles(
    @Root() edge: CoMentionEdge,
    @Arg("first", () => Int, { defaultValue: 5, description: `At most this many stories, 0–${MAX_PAGE_SIZE}. Default 5.` }) first: number,
    @Ctx() { loaders }: Context,
  ): Promise<Article[]> {
    if (first < 0 || first > MAX_PAGE_SIZE) {
      throw new BadUserInputError(`Argument "first" must be between 0 and ${MAX_PAGE_SIZE}, but got: ${first}`, { argumentName: "first" });
    }
    const rows = await loaders.graph.sharedArticlesOfPair(first).load(`${edge.fromKey}:${edge.toKey}`);
    return rows.map(Article.fromRow);
  }
}

@Resolver(() => Person)
export class TimelineResolver {
  @FieldResolver(() => ArticleConnection, {
    description: "This person's stories in publication order: oldest first, undated ones last, then by id. Forward pagination.",
  })
  async timeline(@Root() person: Person, @Args() args: ForwardPageArgs, @Ctx() { loaders }: Context): Promise<ArticleConnection> {
    const request = forwardPageRequest(args, TIMELINE_ORDER, validTimelineKey);
    const page = await loaders.graph.timelineOfEntity(request).load(person.key);
    return articleConnection(page, () => loaders.articleCountOfEntity.load(person.key));
  }
}
