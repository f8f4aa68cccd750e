import { Field, InputType, Int, registerEnumType } from "type-graphql";
import { OrderDirection } from "../article/article.inputs";

/** What entity lists can be ordered by. */
export enum EntityOrderField {
  NAME = "NAME",
  ARTICLE_COUNT = "ARTICLE_COUNT",
}
registerEnumType(EntityOrderField, {
  name: "EntityOrderField",
  description: "What people, organisations and places can be ordered by. Ties are broken by id, so cursors are stable.",
  valuesConfig: {
    NAME: { description: "Display name, alphabetically (database collation)." },
    ARTICLE_COUNT: { description: "Number of articles that mention the entity." },
  },
});

@InputType({ description: "Which people, organisations or places to return. Every field given must hold." })
export class EntityFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Name search, tolerant of case, accents ("Jose" finds "José") and typos ("Lavrof" finds "Sergey Lavrov", by trigram word similarity ≥ 0.5); also matches any alias ("Tories"). 1–200 characters.',
  })
  nameContains?: string | null;

  @Field(() => Int, { nullable: true, description: "Only entities mentioned in at least this many articles (≥ 1)." })
  minArticles?: number | null;
}

@InputType({ description: "How to order people, organisations or places." })
export class EntityOrder {
  @Field(() => EntityOrderField, { description: "The sort key." })
  field: EntityOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "The direction. Default ASC for NAME, DESC for ARTICLE_COUNT." })
  direction?: OrderDirection | null;
}
