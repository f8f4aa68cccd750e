import { DateTime } from "../scalars/date-time";
import { Field, ID, InputType, registerEnumType } from "type-graphql";

/** How several entity IDs in one filter combine. */
export enum EntityMatch {
  ALL = "ALL",
  ANY = "ANY",
}
registerEnumType(EntityMatch, {
  name: "EntityMatch",
  description: "How the entity IDs of an article filter (people, organisations and places together) combine.",
  valuesConfig: {
    ALL: { description: "Articles that mention every one of the given entities." },
    ANY: { description: "Articles that mention at least one of the given entities." },
  },
});

/** Sort direction. */
export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Smallest first (A→Z, oldest first)." }, DESC: { description: "Largest first (Z→A, newest first)." } },
});

/** What articles can be ordered by. */
export enum ArticleOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  RELEVANCE = "RELEVANCE",
  HEADLINE = "HEADLINE",
}
registerEnumType(ArticleOrderField, {
  name: "ArticleOrderField",
  description: "What articles can be ordered by. Ties are always broken by the article's id, so cursors are stable.",
  valuesConfig: {
    PUBLISHED_AT: { description: "Publication time. Undated articles come last in both directions." },
    RELEVANCE: { description: "Full-text search rank (`ArticleEdge.rank`). Needs `filter.search`." },
    HEADLINE: { description: "Headline, alphabetically (database collation)." },
  },
});

@InputType({ description: "Which articles to return. Every field given must hold (AND); omitted fields do not filter." })
export class ArticleFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over headline (weighted highest), body and photo caption, with web-search syntax: words are ANDed, `"quoted phrase"`, `or` between alternatives, `-word` to exclude. English stemming; accents ignored. Adds `rank` and `highlight` to each edge.',
  })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: "Global IDs of people the articles must mention (see `entityMatch`)." })
  people?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Global IDs of organisations the articles must mention (see `entityMatch`)." })
  organisations?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Global IDs of places the articles must mention (see `entityMatch`)." })
  places?: string[] | null;

  @Field(() => EntityMatch, {
    nullable: true,
    description: "Whether articles must mention ALL of the entity IDs given in `people`, `organisations` and `places` together, or ANY of them. Default ALL.",
  })
  entityMatch?: EntityMatch | null;

  @Field(() => String, { nullable: true, description: 'Only articles from this publisher (`Article.source`, exact match, e.g. "Al Jazeera").' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Only articles in this section (`Article.section`, exact match, e.g. `politics`)." })
  section?: string | null;

  @Field(() => DateTime, { nullable: true, description: "Only articles published at or after this time (inclusive). Excludes undated articles." })
  publishedAfter?: Date | null;

  @Field(() => DateTime, { nullable: true, description: "Only articles published before this time (exclusive). Excludes undated articles." })
  publishedBefore?: Date | null;

  @Field(() => DateTime, {
    nullable: true,
    description: "Only articles stored or changed at or after this time (`Article.updatedAt`): poll with the time of your last sync to stay in step.",
  })
  updatedSince?: Date | null;
}

@InputType({ description: "How to order articles." })
export class ArticleOrder {
  @Field(() => ArticleOrderField, { description: "The sort key." })
  field: ArticleOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "The direction. Default DESC." })
  direction?: OrderDirection | null;
}
