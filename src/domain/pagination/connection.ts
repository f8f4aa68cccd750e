/**
 * Relay cursor connections (https://relay.dev/graphql/connections.htm) over keyset pagination.
 *
 * Every ordering is a list of sort keys that ends with the primary key and runs in one direction, so "rows after
 * the cursor" is a single row-value comparison `(k1, k2, id) < ($1, $2, $3)` that an index can serve, and rows
 * sharing a sort value are neither skipped nor repeated. A cursor is opaque to clients: base64url of JSON
 * `{ o: ordering, v: [key values] }`; a cursor made for another ordering is refused.
 */
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { BadUserInputError } from "../../errors";

/** `first` when the client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest `first` or `last` a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** The pagination arguments every connection field takes. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return at most this many items from the start (after \`after\`). 0–${MAX_PAGE_SIZE}. Defaults to ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given; cannot be combined with \`last\`.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (an `endCursor` or edge `cursor` from the same field and ordering)." })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Return at most this many items from the end (before \`before\`). 0–${MAX_PAGE_SIZE}; cannot be combined with \`first\`.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return items before this cursor (a `startCursor` or edge `cursor` from the same field and ordering)." })
  before?: string | null;
}

/** Where a page stands among the whole list (Relay `PageInfo`). */
@ObjectType({ description: "Where a page stands in its list, and the cursors to fetch the neighbouring pages (Relay `PageInfo`)." })
export class PageInfo {
  @Field({ description: "True when more items follow this page (ask with `first` and `after: endCursor`)." })
  hasNextPage: boolean;

  @Field({
    description:
      "True when items come before this page (ask with `last` and `before: startCursor`). When paging forward it is true whenever `after` was given.",
  })
  hasPreviousPage: boolean;

  /** The page described, whose first and last cursors these are (encoded only when a client selects them). */
  page: Page<unknown>;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page; null when the page is empty." })
  get startCursor(): string | null {
    return this.page.items.length ? this.page.cursor(0) : null;
  }

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of this page; null when the page is empty." })
  get endCursor(): string | null {
    return this.page.items.length ? this.page.cursor(this.page.items.length - 1) : null;
  }
}

/** A validated page request, ready to become SQL. */
export interface PageRequest {
  /** `forward` for first/after (the ordering as declared), `backward` for last/before (the ordering reversed). */
  direction: "forward" | "backward";
  /** Number of items wanted; the query should fetch `limit + 1` to learn whether more exist. */
  limit: number;
  /** Key values strictly after which items start (in the declared ordering), or null. */
  after: unknown[] | null;
  /** Key values strictly before which items end (in the declared ordering), or null. */
  before: unknown[] | null;
}

/** Encodes a cursor for `ordering` at the given sort key values. */
export function encodeCursor(ordering: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ o: ordering, v: values }), "utf8").toString("base64url");
}

/**
 * Decodes a cursor made for `ordering`.
 *
 * @param validate checks the key values' shape (count and types), returning false for a forged cursor
 * @throws BadUserInputError naming the argument when the cursor is malformed or made for another ordering
 */
export function decodeCursor(cursor: string, ordering: string, argument: string, validate: (v: unknown[]) => boolean): unknown[] {
  const bad = () =>
    new BadUserInputError(
      `Argument "${argument}" must be a cursor returned by this field with the same ordering, but got: ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)}`,
      { argumentName: argument },
    );
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const p = parsed as { o?: unknown; v?: unknown };
  if (!p || typeof p !== "object" || p.o !== ordering || !Array.isArray(p.v) || !validate(p.v)) throw bad();
  // A forged cursor may carry strings PostgreSQL cannot hold (NUL): refuse it here, not as a database error.
  if (p.v.some((v) => typeof v === "string" && v.includes("\u0000"))) throw bad();
  return p.v;
}

/**
 * Validates `first/after/last/before` and turns them into a PageRequest.
 *
 * @throws BadUserInputError when both `first` and `last` are given, either is negative or above MAX_PAGE_SIZE,
 *   or a cursor is malformed or foreign
 */
export function pageRequest(args: ConnectionArgs, ordering: string, validate: (v: unknown[]) => boolean): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new BadUserInputError('Pass either "first" or "last", not both: "first" pages forward from the start, "last" backward from the end.');
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new BadUserInputError(`Argument "${name}" must be between 0 and ${MAX_PAGE_SIZE}, but got: ${value}`, { argumentName: name });
    }
  }
  return {
    direction: last != null ? "backward" : "forward",
    limit: last ?? first ?? DEFAULT_PAGE_SIZE,
    after: args.after != null ? decodeCursor(args.after, ordering, "after", validate) : null,
    before: args.before != null ? decodeCursor(args.before, ordering, "before", validate) : null,
  };
}

/**
 * One page of items, before wrapping into GraphQL edge objects. Cursors are encoded on demand (`cursor(i)`):
 * most queries, and nearly every nested list, never select one, and encoding them all cost a tenth of the server's
 * CPU on a flat page of 20 articles (bench/, Q1).
 */
export interface Page<T> {
  items: T[];
  /** The cursor of `items[i]`. */
  cursor(i: number): string;
  pageInfo: PageInfo;
}

/**
 * Base of the edge classes: an item's place on its page, from which the `cursor` field (declared by each edge
 * class with its own description) is encoded when selected.
 */
export abstract class PageEdge {
  /** The page this edge is on. */
  page: Page<unknown>;
  /** This edge's index in `page.items`. */
  index: number;

  /** This edge's cursor, encoded now. */
  protected encodeCursor(): string {
    return this.page.cursor(this.index);
  }
}

/**
 * Builds a page from rows fetched with `limit + 1` in the request's direction (reversed for `backward`).
 *
 * @param cursorOf the cursor of one row
 */
export function toPage<T>(rows: T[], request: PageRequest, cursorOf: (row: T) => string): Page<T> {
  const more = rows.length > request.limit;
  const items = rows.slice(0, request.limit);
  if (request.direction === "backward") items.reverse();
  const pageInfo = new PageInfo();
  const page: Page<T> = { items, cursor: (i) => cursorOf(items[i]), pageInfo };
  pageInfo.hasNextPage = request.direction === "forward" ? more : request.before !== null;
  pageInfo.hasPreviousPage = request.direction === "backward" ? more : request.after !== null;
  pageInfo.page = page as Page<unknown>;
  return page;
}

/** LIMIT values a page statement uses: `limit + 1` is rounded up to one of these. */
const LIMIT_BUCKETS = [1, 6, 11, 21, 51, MAX_PAGE_SIZE + 1];

/**
 * The LIMIT to write into a page statement for `wanted` rows: the next of LIMIT_BUCKETS. The LIMIT is part of the
 * statement's text, and each text is a named prepared statement (src/db/raw-query.ts): one text per page size
 * would let a client cycling `first: 1…100` fill every connection with a hundred plans per query shape. toPage
 * keeps only the rows asked for, so the few extra rows read are never seen.
 */
export function limitBucket(wanted: number): number {
  return LIMIT_BUCKETS.find((b) => b >= wanted) ?? wanted;
}

/**
 * The SQL pieces of a keyset page over sort key expressions that all run in `declared` direction.
 *
 * @param keys SQL expressions of the sort keys, the last being the primary key
 * @param declared the ordering's direction when paging forward
 * @param casts SQL casts for each key's parameter (e.g. `::timestamptz`)
 * @param firstParam number of the first `$n` parameter these pieces may use
 * @returns `where` (a condition, or `TRUE`), `orderBy`, the parameters to append, and the LIMIT value (at least
 *   `limit + 1`; see limitBucket)
 */
export function keysetSql(
  request: PageRequest,
  keys: string[],
  declared: "ASC" | "DESC",
  casts: string[],
  firstParam: number,
): { where: string; orderBy: string; params: unknown[]; limit: number } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const tuple = `(${keys.join(", ")})`;
  const placeholder = (values: unknown[]) =>
    `(${values.map((v, i) => {
      params.push(v);
      return `$${firstParam + params.length - 1}${casts[i] ?? ""}`;
    }).join(", ")})`;
  // "after" means further along the declared order: smaller keys for DESC, larger for ASC.
  if (request.after) conditions.push(`${tuple} ${declared === "DESC" ? "<" : ">"} ${placeholder(request.after)}`);
  if (request.before) conditions.push(`${tuple} ${declared === "DESC" ? ">" : "<"} ${placeholder(request.before)}`);
  const dir = request.direction === "forward" ? declared : declared === "DESC" ? "ASC" : "DESC";
  return {
    where: conditions.length ? conditions.join(" AND ") : "TRUE",
    orderBy: keys.map((k) => `${k} ${dir}`).join(", "),
    params,
    limit: limitBucket(request.limit + 1),
  };
}
