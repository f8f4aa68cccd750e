import { ArgsType, Field, Int } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageRequest, type PageRequest } from "../pagination/connection";
import { EntityKind } from "../entity/entity.type";

/** Forward-only pagination (`first`/`after`): the graph and related lists are read best-first or oldest-first. */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return at most this many items (after \`after\`). 0–${MAX_PAGE_SIZE}; defaults to ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (an `endCursor` or edge `cursor` from the same field)." })
  after?: string | null;
}

/** Arguments of `coMentioned`. */
@ArgsType()
export class CoMentionedArgs extends ForwardPageArgs {
  @Field(() => EntityKind, { nullable: true, description: "Only entities of this kind; all kinds when omitted." })
  kind?: EntityKind | null;
}

/**
 * Validates forward pagination arguments against an ordering.
 *
 * @throws BadUserInputError when `first` is out of range or `after` is not a cursor of this ordering
 */
export function forwardPageRequest(args: ForwardPageArgs, ordering: string, validate: (v: unknown[]) => boolean): PageRequest {
  return pageRequest({ first: args.first, after: args.after }, ordering, validate);
}

/** Whether a cursor value is a bigint id as a string. */
export const isIdValue = (v: unknown): boolean => typeof v === "string" && /^[0-9]{1,18}$/.test(v);
