import { Field, ID, InterfaceType, ObjectType, registerEnumType } from "type-graphql";
import type { EntityKind as EntityKindValue } from "../../ingest/types";
import { Node } from "../node/node.type";
import { toGlobalId, type NodeType } from "../node/global-id";

/** The kinds of entity, as a GraphQL enum. */
export enum EntityKind {
  PERSON = "PERSON",
  ORGANISATION = "ORGANISATION",
  PLACE = "PLACE",
}
registerEnumType(EntityKind, {
  name: "EntityKind",
  description: "What sort of named entity something is.",
  valuesConfig: {
    PERSON: { description: "A person." },
    ORGANISATION: { description: "An organisation: company, party, government body, agency, news organisation." },
    PLACE: { description: "A place: country, region, city." },
  },
});

/** An entity row as the services read it. */
export interface EntityRow {
  id: string;
  kind: EntityKindValue;
  name: string;
  slug: string;
}

/** The GraphQL type of each kind. */
export const TYPE_OF_KIND: Record<EntityKindValue, NodeType> = {
  PERSON: "Person",
  ORGANISATION: "Organisation",
  PLACE: "Place",
};

@InterfaceType("Entity", {
  implements: Node,
  description:
    "A person, organisation or place, resolved to one record across all stories: \"Kerry\", \"John Kerry\" and \"Secretary Kerry\" are one Person.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Entity implements Node {
  __typename: string;

  /** Database key, for loaders; not exposed. */
  key: string;

  kind: EntityKindValue;

  /** Encoded when selected: most nested reads never ask for it. */
  @Field(() => ID, { description: "Global ID (opaque). Pass it to `node(id:)`, or to the matching `person(id:)`, `organisation(id:)` or `place(id:)`." })
  get id(): string {
    return toGlobalId(TYPE_OF_KIND[this.kind], this.key);
  }

  @Field({
    description: "Display name: the fullest form the stories give, without titles (\"John Kerry\", not \"Secretary Kerry\"), accents kept.",
  })
  name: string;

  @Field({ description: "URL-safe name, unique among all entities." })
  slug: string;

  /**
   * Builds the GraphQL object of the right type from a database row. Person, Organisation and Place declare
   * `simpleResolvers`: their plain fields resolve through graphql's default resolver (no type-graphql wrapper).
   */
  static fromRow(row: EntityRow): Entity {
    const e: Entity = row.kind === "PERSON" ? new Person() : row.kind === "ORGANISATION" ? new Organisation() : new Place();
    e.key = String(row.id);
    e.kind = row.kind;
    e.name = row.name;
    e.slug = row.slug;
    return e;
  }
}

@ObjectType({ implements: [Node, Entity], simpleResolvers: true, description: "A person mentioned in the news." })
export class Person extends Entity {
  __typename = "Person";
}

@ObjectType({ implements: [Node, Entity], simpleResolvers: true, description: "An organisation mentioned in the news: company, party, government body, agency, news organisation." })
export class Organisation extends Entity {
  __typename = "Organisation";
}

@ObjectType({ implements: [Node, Entity], simpleResolvers: true, description: "A place mentioned in the news: country, region, city." })
export class Place extends Entity {
  __typename = "Place";
}
