import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTime } from "../scalars/date-time";
import { Node } from "../node/node.type";
import { toGlobalId } from "../node/global-id";
import { PageInfo } from "../pagination/connection";

/** An article row as the services read it (snake_case columns, bigint ids as strings). */
export interface ArticleRow {
  id: string;
  slug: string;
  headline: string;
  paragraphs: string[];
  body: string;
  photo_caption: string | null;
  source: string | null;
  section: string | null;
  url: string | null;
  word_count: number;
  published_at: Date | null;
  ingested_at: Date;
  updated_at: Date;
}

/**
 * The columns every article query selects, matching ArticleRow. `paragraphs` is sent as JSON: node-postgres
 * decodes a `text[]` with a JavaScript parser (postgres-array), several times slower than the native `JSON.parse`
 * it uses for `json` (about a tenth of the server CPU of a flat 20-article page in the bench's profile). JSON has
 * no equality operator: do not use these columns under DISTINCT, UNION or GROUP BY.
 */
export const ARTICLE_COLUMNS =
  "a.id, a.slug, a.headline, to_json(a.paragraphs) AS paragraphs, a.body, a.photo_caption, a.source, a.section, a.url, a.word_count, a.published_at, a.ingested_at, a.updated_at";

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

  @Field(() => ID, { description: "Global ID (opaque). Pass it to `node(id:)` or `article(id:)`." })
  id: string;

  @Field({ description: "URL-safe name made from the headline, unique among articles: `article(slug:)` finds it." })
  slug: string;

  @Field({ description: "The headline, as the first line of the article text." })
  headline: string;

  @Field(() => [String], {
    description:
      "Body paragraphs in order, Unicode NFC, whitespace trimmed. Mention offsets (`Mention.start`/`end`) index into these strings in code points. Excludes the photo caption and the source line.",
  })
  paragraphs: string[];

  @Field({ description: "The body paragraphs joined by blank lines (`\\n\\n`)." })
  body: string;

  @Field(() => String, { nullable: true, description: "Text under the article's `PHOTO CAPTION` heading; null when it has none." })
  photoCaption: string | null;

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

  @Field(() => DateTime, {
    nullable: true,
    description:
      "When the story was published (ISO 8601, UTC): from a dateline in the text, else from the ingest call, else null.",
  })
  publishedAt: Date | null;

  @Field(() => DateTime, { description: "When Storygraph first stored this article (ISO 8601, UTC)." })
  ingestedAt: Date;

  @Field(() => DateTime, { description: "When the stored text last changed (ISO 8601, UTC); equals `ingestedAt` until then." })
  updatedAt: Date;

  /** Builds the GraphQL object from a database row. */
  static fromRow(row: ArticleRow): Article {
    const a = new Article();
    a.key = String(row.id);
    a.id = toGlobalId("Article", row.id);
    a.slug = row.slug;
    a.headline = row.headline;
    a.paragraphs = row.paragraphs;
    a.body = row.body;
    a.photoCaption = row.photo_caption;
    a.source = row.source;
    a.section = row.section;
    a.url = row.url;
    a.wordCount = row.word_count;
    a.publishedAt = row.published_at;
    a.ingestedAt = row.ingested_at;
    a.updatedAt = row.updated_at;
    return a;
  }
}

@ObjectType({ simpleResolvers: true, description: "An article in a list, with the cursor to continue the list from it." })
export class ArticleEdge {
  @Field({ description: "Opaque position of this edge: pass it as `after` or `before`." })
  cursor: string;

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
