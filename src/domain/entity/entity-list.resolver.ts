import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import type { EntityKind } from "../../ingest/types";
import { ConnectionArgs, pageRequest, type Page } from "../pagination/connection";
import {
  EntityConnection,
  OrganisationConnection,
  PersonConnection,
  PlaceConnection,
  type EntityConnectionShape,
} from "./entity.connection";
import { EntityFilter, EntityOrder } from "./entity.inputs";
import {
  countEntities,
  entityOrdering,
  listEntities,
  resolveEntityFilter,
  type EntityOrdering,
  type ListedEntityRow,
  type ResolvedEntityFilter,
} from "./entity-list.service";
import { Entity } from "./entity.type";
import type { Database } from "../../db/data-source";

/** Wraps a page of entity rows into a connection object of the given class. */
export function entityConnection<C extends EntityConnectionShape>(
  Connection: new () => C,
  page: Page<ListedEntityRow>,
  countAll: () => Promise<number>,
): C {
  const c = new Connection();
  c.edges = page.items.map((row, i) => c.edgeOf(page, i, Entity.fromRow(row)));
  c.pageInfo = page.pageInfo;
  c.countAll = countAll;
  return c;
}

/** Runs an entity list: validates paging against the ordering, fetches the page, defers the count. */
export async function entityList<C extends EntityConnectionShape>(
  db: Database,
  Connection: new () => C,
  filter: ResolvedEntityFilter,
  ordering: EntityOrdering,
  args: ConnectionArgs,
): Promise<C> {
  const request = pageRequest(args, ordering.name, ordering.validate);
  return entityConnection(Connection, await listEntities(db, filter, ordering, request), () => countEntities(db, filter));
}

const FILTER_DESCRIPTION = "Which ones to return (all when omitted).";
const ORDER_DESCRIPTION = "How to order them. Default: NAME ascending.";

async function rootList<C extends EntityConnectionShape>(
  kind: EntityKind,
  Connection: new () => C,
  args: ConnectionArgs,
  filter: EntityFilter | null,
  orderBy: EntityOrder | null,
  { db }: Context,
): Promise<C> {
  return entityList(db, Connection, resolveEntityFilter(kind, filter), entityOrdering(orderBy), args);
}

@Resolver()
export class EntityListResolver {
  @Query(() => PersonConnection, { description: "People mentioned in any article. A Relay connection." })
  people(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => EntityFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: EntityFilter | null,
    @Arg("orderBy", () => EntityOrder, { nullable: true, description: ORDER_DESCRIPTION }) orderBy: EntityOrder | null,
    @Ctx() ctx: Context,
  ) {
    return rootList("PERSON", PersonConnection, args, filter, orderBy, ctx);
  }

  @Query(() => OrganisationConnection, { description: "Organisations mentioned in any article. A Relay connection." })
  organisations(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => EntityFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: EntityFilter | null,
    @Arg("orderBy", () => EntityOrder, { nullable: true, description: ORDER_DESCRIPTION }) orderBy: EntityOrder | null,
    @Ctx() ctx: Context,
  ) {
    return rootList("ORGANISATION", OrganisationConnection, args, filter, orderBy, ctx);
  }

  @Query(() => PlaceConnection, { description: "Places mentioned in any article. A Relay connection." })
  places(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => EntityFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: EntityFilter | null,
    @Arg("orderBy", () => EntityOrder, { nullable: true, description: ORDER_DESCRIPTION }) orderBy: EntityOrder | null,
    @Ctx() ctx: Context,
  ) {
    return rootList("PLACE", PlaceConnection, args, filter, orderBy, ctx);
  }
}

export { EntityConnection };
