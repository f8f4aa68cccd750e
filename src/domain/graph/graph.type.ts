import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "../entity/entity.type";
import { PageEdge, PageInfo } from "../pagination/connection";

@ObjectType({
  description:
    "An entity mentioned in the same stories as another, with the number of stories they share (a story stored twice under different source keys counts once).",
})
export class CoMentionEdge extends PageEdge {
  /** Database keys of the entity asked about and of this edge's entity, for loaders; not exposed. */
  fromKey: string;
  toKey: string;

  @Field(() => String, { description: "Opaque position of this edge: pass it as `after`." })
  get cursor(): string {
    return this.encodeCursor();
  }

  @Field(() => Entity, { description: "The co-mentioned person, organisation or place." })
  node: Entity;

  @Field(() => Int, { description: "Number of stories that mention both entities." })
  count: number;
}

@ObjectType({ description: "A page of co-mentioned entities: most shared stories first, then by id (stable cursors)." })
export class CoMentionConnection {
  @Field(() => [CoMentionEdge], { description: "The co-mentioned entities of this page." })
  edges: CoMentionEdge[];

  @Field(() => PageInfo, { description: "Whether more entities follow, and the cursor to fetch them." })
  pageInfo: PageInfo;
}
