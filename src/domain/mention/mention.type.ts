import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { SALIENCE_WEIGHTS } from "../../ingest/extract";
import type { ArticleSection as ArticleSectionValue } from "../../ingest/types";
import { Entity } from "../entity/entity.type";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";

/** Where in an article a mention was found, as a GraphQL enum. */
export enum ArticleSection {
  HEADLINE = "HEADLINE",
  BODY = "BODY",
  CAPTION = "CAPTION",
}
registerEnumType(ArticleSection, {
  name: "ArticleSection",
  description: "The part of an article a mention was found in.",
  valuesConfig: {
    HEADLINE: { description: "The headline (`Article.headline`); `paragraph` is always 0." },
    BODY: { description: "A body paragraph: `Article.paragraphs[paragraph]`." },
    CAPTION: { description: "The photo caption (`Article.photoCaption`); `paragraph` is always 0." },
  },
});

/** A mention row as the services read it. */
export interface MentionRow {
  id: string;
  article_id: string;
  entity_id: string;
  section: ArticleSectionValue;
  paragraph: number;
  start_offset: number;
  end_offset: number;
  text: string;
  extractor: string;
  extractor_version: string;
}

/** The salience formula, written once for the schema (weights from src/ingest/extract/salience.ts). */
export const SALIENCE_DESCRIPTION =
  `How central the entity is to the story, 0–1 (higher is more central): min(1, ${SALIENCE_WEIGHTS.frequency} × mentions / mentions of the ` +
  `article's most-mentioned entity + ${SALIENCE_WEIGHTS.headline} if it is in the headline + ${SALIENCE_WEIGHTS.lead} if it is in the first ` +
  `body paragraph), rounded to 3 decimals.`;

@ObjectType({
  implements: Node,
  description:
    "One occurrence of an entity in an article, with its exact place and which extractor found it: the provenance of `Article.entities`.",
})
export class Mention implements Node {
  readonly __typename = "Mention";

  /** Database keys, for loaders; not exposed. */
  key: string;
  articleKey: string;
  entityKey: string;

  @Field(() => ID, { description: "Global ID (opaque). Pass it to `node(id:)` or `removeMention(mentionId:)`." })
  id: string;

  @Field(() => ArticleSection, { description: "The part of the article the mention is in." })
  section: ArticleSection;

  @Field(() => Int, { description: "Index of the paragraph within its section: into `Article.paragraphs` for BODY, always 0 for HEADLINE and CAPTION." })
  paragraph: number;

  @Field(() => Int, { description: "Offset of the first character within that paragraph's text, in Unicode code points (not UTF-16 units), from 0." })
  start: number;

  @Field(() => Int, { description: "Offset one past the last character, in code points (end exclusive): the text is `[...paragraph].slice(start, end)`." })
  end: number;

  @Field({ description: "The exact surface text, as it appears in the article (titles such as \"Mr\" are not part of it)." })
  text: string;

  @Field({ description: "Name of the extractor that found the mention (e.g. `storygraph-rules`)." })
  extractor: string;

  @Field({ description: "Version of that extractor's rules and data when the mention was stored." })
  extractorVersion: string;

  /** Builds the GraphQL object from a database row. */
  static fromRow(row: MentionRow): Mention {
    const m = new Mention();
    m.key = String(row.id);
    m.articleKey = String(row.article_id);
    m.entityKey = String(row.entity_id);
    m.id = toGlobalId("Mention", row.id);
    m.section = row.section as ArticleSection;
    m.paragraph = row.paragraph;
    m.start = row.start_offset;
    m.end = row.end_offset;
    m.text = row.text;
    m.extractor = row.extractor;
    m.extractorVersion = row.extractor_version;
    return m;
  }
}

@ObjectType({ description: "An entity as one article mentions it: how central it is to the story, and every mention behind the link." })
export class ArticleEntity {
  /** Database keys, for loaders; not exposed. */
  articleKey: string;
  entityKey: string;

  @Field(() => Entity, { description: "The person, organisation or place." })
  entity: Entity;

  @Field(() => Float, { description: SALIENCE_DESCRIPTION })
  salience: number;

  @Field(() => Int, { description: "How many times the article mentions the entity (headline, body and caption together); equals the length of `mentions`." })
  mentionCount: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the entity is attached when the article never gives its full name: the normalised bare surname or acronym (\"blair\", \"cbi\") that was resolved across stories to this entity. Null when the article names it in full.",
  })
  resolvedFrom: string | null;
}
