import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { Article } from "../article/article.type";
import { Entity, TYPE_OF_KIND } from "../entity/entity.type";
import { Mention } from "../mention/mention.type";
import { fromGlobalId } from "./global-id";
import { Node } from "./node.type";

/** The most IDs `nodes(ids:)` takes at once. */
export const MAX_NODES = 100;

async function loadNode(id: string, { loaders }: Context): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) return null;
  if (decoded.type === "Article") {
    const row = await loaders.articleByKey.load(decoded.key);
    return row && Article.fromRow(row);
  }
  if (decoded.type === "Mention") {
    const row = await loaders.mentions.mentionByKey.load(decoded.key);
    return row && Mention.fromRow(row);
  }
  const row = await loaders.entityByKey.load(decoded.key);
  return row && TYPE_OF_KIND[row.kind] === decoded.type ? Entity.fromRow(row) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global ID. Null when the ID is unknown or malformed." })
  node(@Arg("id", () => ID, { description: "A global ID from any `id` field." }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(id, ctx);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Several objects by global ID, in the order given; null in place of each unknown or malformed ID. At most ${MAX_NODES} IDs.`,
  })
  nodes(@Arg("ids", () => [ID], { description: "Global IDs from any `id` fields." }) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`Argument "ids" takes at most ${MAX_NODES} IDs, but got: ${ids.length}`);
    return Promise.all(ids.map((id) => loadNode(id, ctx)));
  }
}
