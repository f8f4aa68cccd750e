/**
 * Inputs and payloads of the article write mutations (article.mutations.ts).
 */
import { DateTime } from "../scalars/date-time";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Article } from "./article.type";

/** What `ingestArticle` did. */
export enum IngestStatus {
  INGESTED = "INGESTED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
}
registerEnumType(IngestStatus, {
  name: "IngestStatus",
  description: "What ingesting an article did, decided by its source key and the content it was sent with.",
  valuesConfig: {
    INGESTED: { description: "A new article: no article had this source key." },
    UPDATED: { description: "An article with this source key existed with other text or metadata: it was replaced in place (same ID and slug)." },
    UNCHANGED: { description: "An article with this source key and exactly this text and metadata existed: nothing was written." },
  },
});

@InputType({ description: "A plain-text article to ingest, as a news desk would send it." })
export class IngestArticleInput {
  @Field({
    description:
      "The article text: headline on the first line, then body paragraphs separated by blank lines (the format of the `seeds/` files). UTF-8, at most 1 MiB; line endings and Unicode normalisation are handled.",
  })
  text: string;

  @Field(() => String, {
    nullable: true,
    description: "Publisher name (1–200 characters), overriding a source line in the text. Null: taken from the text's source line, if any.",
  })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Section of the publication, e.g. `politics` (1–200 characters)." })
  section?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The article's canonical URL (absolute http or https, at most 2048 characters). When given it is also the article's identity: sending the same URL again updates that article. Without it the identity is the SHA-256 of the text, so the same text sent twice is one article.",
  })
  url?: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: "Publication time (ISO 8601) for a text without a dateline; a dateline in the text takes precedence.",
  })
  publishedAt?: Date | null;
}

@InputType({
  description:
    "Changes to a stored article. A field left out keeps its current value; a field sent as null is cleared (except `text`, which cannot be null).",
})
export class UpdateArticleInput {
  @Field(() => String, {
    nullable: true,
    description:
      "New article text (same format and limits as `IngestArticleInput.text`): the article is parsed again and its people, organisations and places recomputed. The ID and slug stay.",
  })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "New publisher name (1–200 characters), or null to clear it." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "New section (1–200 characters), or null to clear it." })
  section?: string | null;

  @Field(() => String, { nullable: true, description: "New canonical URL (absolute http or https), or null to clear it. The article's identity does not change." })
  url?: string | null;

  @Field(() => DateTime, { nullable: true, description: "New publication time (ISO 8601), or null to clear it." })
  publishedAt?: Date | null;
}

@ObjectType({ description: "The result of `ingestArticle`." })
export class IngestArticlePayload {
  @Field(() => IngestStatus, { description: "Whether the article was new, replaced, or already stored as sent." })
  status: IngestStatus;

  @Field(() => Article, { description: "The stored article, as queries now see it." })
  article: Article;
}

@ObjectType({ description: "The result of `updateArticle`." })
export class UpdateArticlePayload {
  @Field(() => Article, { description: "The article after the change, as queries now see it." })
  article: Article;
}

@ObjectType({ description: "The result of `deleteArticle`." })
export class DeleteArticlePayload {
  @Field(() => ID, { description: "Global ID of the deleted article; it no longer resolves." })
  deletedId: string;

  @Field({ description: "Headline of the deleted article, for confirmation messages." })
  headline: string;
}
