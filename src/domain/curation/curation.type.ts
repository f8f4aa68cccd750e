import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { DateTime } from "../scalars/date-time";
import type { EntityChangeRow } from "./curation.service";

/** What a curation change did, as a GraphQL enum. */
export enum EntityChangeAction {
  MERGE_ENTITIES = "MERGE_ENTITIES",
  ADD_ALIAS = "ADD_ALIAS",
  REMOVE_MENTION = "REMOVE_MENTION",
}
registerEnumType(EntityChangeAction, {
  name: "EntityChangeAction",
  description: "The kind of editorial change to entities.",
  valuesConfig: {
    MERGE_ENTITIES: { description: "`mergeEntities`: entities merged into a target." },
    ADD_ALIAS: { description: "`addAlias`: an alias added to an entity." },
    REMOVE_MENTION: { description: "`removeMention`: a mention removed from an article." },
  },
});

@ObjectType({ description: "One editorial change to entities, from the audit trail: who, when, what, and the state before and after." })
export class EntityChange {
  /** Database key of the entity the change is about, for the loader; not exposed. */
  entityKey: string | null;

  @Field(() => ID, { description: "Identifier of the change (increasing with time)." })
  id: string;

  @Field({ description: "Who made the change: the server's STORYGRAPH_ADMIN_NAME (default `admin`) when it was made." })
  actor: string;

  @Field(() => DateTime, { description: "When the change was made (ISO 8601, UTC)." })
  changedAt: Date;

  @Field(() => EntityChangeAction, { description: "What kind of change it was." })
  action: EntityChangeAction;

  @Field({ description: "One line saying what changed, with names, for people reading the trail." })
  summary: string;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description:
      "The state before: for a merge `{ target, sources }`, for an alias the entity, for a removed mention `{ mention, mentionCount, salience }`. Entities as `{ id, kind, name, slug, aliases, articleCount }` with global IDs.",
  })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: "The state after, in the same shape as `before`." })
  after: Record<string, unknown> | null;

  /** Builds the GraphQL object from an audit row. */
  static fromRow(row: EntityChangeRow): EntityChange {
    const c = new EntityChange();
    c.entityKey = row.entity_id;
    c.id = row.id;
    c.actor = row.actor;
    c.changedAt = row.changed_at;
    c.action = row.action as EntityChangeAction;
    c.summary = row.summary;
    c.before = row.before;
    c.after = row.after;
    return c;
  }
}
