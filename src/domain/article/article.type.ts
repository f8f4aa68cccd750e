import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTime } from "../scalars/date-time";
import { Node } from "../node/node.type";
import { toGlobalId } from "../node/global-id";
import { PageEdge, PageInfo } from "../pagination/connection";

/**
 * An article row as the services read it (snake_case columns, bigint ids as strings), without the text: lists
 * and nested reads select ARTICLE_COLUMNS, and the text (`paragraphs`, `body`, `photo_caption`) comes through
 * the `articleText` loader only when a client selects it. Single-article reads select the text too
 * (ARTICLE_COLUMNS_WITH_TEXT), since a client reading one article usually reads its text.
 *
 * Times are milliseconds since the Unix epoch (UTC), whole numbers, or null: a `float8` costs the server a
 * `parseFloat` where a `timestamptz` cost a regular-expression parse into a Date (a tenth of the server's CPU on a
 * flat page of 20 articles, bench/ Q1); PostgreSQL's microseconds are cut to milliseconds, as a Date would.
 */
export interface ArticleRow {
  id: string;
  slug: string;
  headline: string;
  source: string | null;
  section: string | null;
  url: string | null;
  word_count: number;
  published_ms: number | null;
  ingested_ms: number;
  updated_ms: number;
  /** Present when the statement selected ARTICLE_TEXT_COLUMNS. */
  paragraphs?: string[];
  body?: string;
  photo_caption?: string | null;
}

/** An article's text, as the `articleText` loader reads it. */
export interface ArticleText {
  paragraphs: string[];
  body: string;
  photo_caption: string | null;
}

/**
 * SQL for a timestamptz column as whole milliseconds since the epoch, cut (not rounded) to the millisecond as a
 * Date would be: a `float8`, exact below 2^53. `date_trunc` cuts in exact integer microseconds; `date_part` then
 * works in float8, where the product of a millisecond-exact time is a whole number within rounding, and `round`
 * removes that rounding. `extract()` would be exact too but computes in `numeric`: three times the cost per row.
 */
export const epochMs = (column: string) => `round(date_part('epoch', date_trunc('milliseconds', ${column})) * 1000)`;

/** The columns list and page queries select, matching ArticleRow without the text. */
export const ARTICLE_COLUMNS = `a.id, a.slug, a.headline, a.source, a.section, a.url, a.word_count, ${epochMs("a.published_at")} AS published_ms, ${epochMs("a.ingested_at")} AS ingested_ms, ${epochMs("a.updated_at")} AS updated_ms`;

/**
 * An article's text columns. `paragraphs` is sent as JSON: node-postgres decodes a `text[]` with a JavaScript
 * parser (postgres-array), several times slower than the native `JSON.parse` it uses for `json`. JSON has no
 * equality operator: do not use these columns under DISTINCT, UNION or GROUP BY.
 */
export const ARTICLE_TEXT_COLUMNS = "to_json(a.paragraphs) AS paragraphs, a.body, a.photo_caption";

/** ARTICLE_COLUMNS and the text, for reads of single articles. */
export const ARTICLE_COLUMNS_WITH_TEXT = `${ARTICLE_COLUMNS}, ${ARTICLE_TEXT_COLUMNS}`;

@ObjectType({
  implements: Node,
  // simpleResolvers: plain properties resolve through graphql's default resolver, without type-graphql's
  // per-field wrapper (no middlewares or validation apply to them); about 5–8% of a nested query's CPU.
  simpleResolvers: true,
  description:
    "A news story: its text as ingested (headline, body paragraphs, photo caption), where it came from, and the people, organisations and places it mentions.",
})
export class Article implements Node {
  readonly __typename = "Article";

  /** Database key, for loaders; not exposed. */
  key: string;

  /** Encoded when selected: most list and nested reads never ask for it. */
  @Field(() => ID, { description: "Global ID (opaque). Pass it to `node(id:)` or `article(id:)`." })
  get id(): string {
    return toGlobalId("Article", this.key);
  }

  @Field({ description: "URL-safe name made from the headline, unique among articles: `article(slug:)` finds it." })
  slug: string;

  @Field({ description: "The headline, as the first line of the article text." })
  headline: string;

  /**
   * The text when the row carried it; else null, and `paragraphs`, `body` and `photoCaption` load it (see
   * ArticleTextResolver).
   */
  text: ArticleText | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Publisher name: given at ingestion (`--source`), else the source line of the text normalised (\"Aljazeera\" → \"Al Jazeera\"), else null.",
  })
  source: string | null;

  @Field(() => String, { nullable: true, description: "Section of the publication (e.g. `politics`), as given at ingestion; null when none was." })
  section: string | null;

  @Field(() => String, { nullable: true, description: "The article's URL, when it was submitted with one." })
  url: string | null;

  @Field(() => Int, { description: "Number of words in the headline and body (runs of letters or digits)." })
  wordCount: number;

  /** Times in milliseconds since the epoch, from the row; Dates are made only when a client selects them. */
  publishedMs: number | null;
  ingestedMs: number;
  updatedMs: number;

  @Field(() => DateTime, {
    nullable: true,
    description:
      "When the story was published (ISO 8601, UTC): from a dateline in the text, else from the ingest call, else null.",
  })
  get publishedAt(): Date | null {
    return this.publishedMs === null ? null : new Date(this.publishedMs);
  }

  @Field(() => DateTime, { description: "When Storygraph first stored this article (ISO 8601, UTC)." })
  get ingestedAt(): Date {
    return new Date(this.ingestedMs);
  }

  @Field(() => DateTime, { description: "When the stored text last changed (ISO 8601, UTC); equals `ingestedAt` until then." })
  get updatedAt(): Date {
    return new Date(this.updatedMs);
  }

  /** Builds the GraphQL object from a database row. */
  static fromRow(row: ArticleRow): Article {
    const a = new Article();
    a.key = String(row.id);
    a.slug = row.slug;
    a.headline = row.headline;
    a.text = row.body === undefined ? null : { paragraphs: row.paragraphs!, body: row.body, photo_caption: row.photo_caption ?? null };
    a.source = row.source;
    a.section = row.section;
    a.url = row.url;
    a.wordCount = row.word_count;
    a.publishedMs = row.published_ms;
    a.ingestedMs = row.ingested_ms;
    a.updatedMs = row.updated_ms;
    return a;
  }
}

@ObjectType({ simpleResolvers: true, description: "An article in a list, with the cursor to continue the list from it." })
export class ArticleEdge extends PageEdge {
  @Field(() => String, { description: "Opaque position of this edge: pass it as `after` or `before`." })
  get cursor(): string {
    return this.encodeCursor();
  }

  @Field(() => Article, { description: "The article." })
  node: Article;

  @Field(() => Float, {
    nullable: true,
    description:
      "Full-text search rank when the list was searched (`filter.search`, or `search(query:)`): PostgreSQL `ts_rank_cd` over headline (weight 1.0), body (0.4) and caption (0.2), divided by 1 + log(document length). Higher is better; 0 = no match; typically below 1. Null when the list was not searched.",
  })
  rank: number | null;

  /** The search text this edge was found by, for `highlight`; null when not searched. */
  search: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A page of articles (Relay cursor connection)." })
export class ArticleConnection {
  @Field(() => [ArticleEdge], { description: "The articles of this page, in the list's order." })
  edges: ArticleEdge[];

  @Field(() => PageInfo, { description: "Whether more pages exist, and the cursors to fetch them." })
  pageInfo: PageInfo;

  /** Counts the whole list; only called when a client asks for `totalCount`. */
  countAll: () => Promise<number>;

  /** The filter this list applies, for `facets` (set for lists that can be faceted). */
  scope: unknown;

  @Field(() => Int, { description: "Number of articles in the whole list (all pages), not just this page." })
  totalCount(): Promise<number> {
    return this.countAll();
  }
}
