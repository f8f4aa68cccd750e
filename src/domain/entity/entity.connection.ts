import { Field, Int, ObjectType } from "type-graphql";
import { PageEdge, PageInfo, type Page } from "../pagination/connection";
import { Entity, Organisation, Person, Place } from "./entity.type";

/** The shape every entity connection shares, for services building them. */
export interface EntityConnectionShape {
  edges: PageEdge[];
  /** Builds one edge of this connection's type (the edge classes differ only in their node's GraphQL type). */
  edgeOf(page: Page<unknown>, index: number, node: Entity): PageEdge;
  pageInfo: PageInfo;
  countAll: () => Promise<number>;
}

/**
 * Makes the Edge and Connection types of one node type (Relay cursor connections), e.g. PersonEdge and
 * PersonConnection for Person.
 */
function connectionOf(node: Function, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name.toLowerCase()} in a list, with the cursor to continue the list from it.` })
  class Edge extends PageEdge {
    @Field(() => String, { description: "Opaque position of this edge: pass it as `after` or `before`." })
    get cursor(): string {
      return this.encodeCursor();
    }

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

    edgeOf(page: Page<unknown>, index: number, node: Entity): Edge {
      const edge = new Edge();
      edge.page = page;
      edge.index = index;
      edge.node = node;
      return edge;
    }

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
