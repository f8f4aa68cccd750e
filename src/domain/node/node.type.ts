import { Field, ID, InterfaceType } from "type-graphql";

/** Anything with a global ID that `node(id:)` can fetch (Relay Object Identification). */
@InterfaceType("Node", {
  description: "An object with a global ID. Fetch any of them again with `node(id:)` or `nodes(ids:)`.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Global ID: opaque, stable, unique across all types. Pass it to `node(id:)`." })
  id: string;
}
