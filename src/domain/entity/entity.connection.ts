import { Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination/connection";
import { Entity, Organisation, Person, Place } from "./entity.type";

/** The shape every entity connection shares, for services building them. */
export interface EntityConnectionShape {
  edges: { cursor: string; node: Entity }[];
  pageInfo: PageInfo;
  countAll: () => Promise<number>;
}

/**
 * Makes the Edge and Connection types of one node type (Relay cursor connections), e.g. PersonEdge and
 * PersonConnection for Person.
 */
function connectionOf(node: Function, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name.toLowerCase()} in a list, with the cursor to continue the list from it.` })
  class Edge {
    @Field({ description: "Opaque position of this edge: pass it as `after` or `before`." })
    cursor: string;

    @Field(() => node as never, { description: `The ${name.toLowerCase()}.` })
    node: Entity;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural} (Relay cursor connection).` })
  class Connection implements EntityConnectionShape {
    @Field(() => [Edge], { description: `The ${plural} of this page, in the list's order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Whether more pages exist, and the cursors to fetch them." })
    pageInfo: PageInfo;

    countAll: () => Promise<number>;

    @Field(() => Int, { description: `Number of ${plural} in the whole list (all pages), not just this page.` })
    totalCount(): Promise<number> {
      return this.countAll();
    }
  }
  return { Edge, Connection };
}

export const { Connection: PersonConnection } = connectionOf(Person, "Person", "people");
export const { Connection: OrganisationConnection } = connectionOf(Organisation, "Organisation", "organisations");
export const { Connection: PlaceConnection } = connectionOf(Place, "Place", "places");
export const { Connection: EntityConnection } = connectionOf(Entity, "Entity", "people, organisations and places");
export type EntityConnectionClass = typeof PersonConnection;
