import { ArgsType, Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { Article } from "../article/article.type";
import { ForwardPageArgs } from "../graph/graph.args";
import { PageEdge, PageInfo } from "../pagination/connection";
import { ENTITY_SHARE, KIND_WEIGHT, PUBLISHER_LINK_SHARE, STORE_MIN_SCORE, TEXT_SHARE, type ReasonKind } from "../../related/score";

/** Why two stories are related (values as in src/related/score.ts). */
export enum RelatedReasonKind {
  SHARED_PERSON = "SHARED_PERSON",
  SHARED_ORGANISATION = "SHARED_ORGANISATION",
  SHARED_PLACE = "SHARED_PLACE",
  TEXT_SIMILARITY = "TEXT_SIMILARITY",
  PUBLISHER_LINK = "PUBLISHER_LINK",
}
registerEnumType(RelatedReasonKind, {
  name: "RelatedReasonKind",
  description: "What one part of a related-story score comes from.",
  valuesConfig: {
    SHARED_PERSON: { description: "Both stories mention this person (`entity`)." },
    SHARED_ORGANISATION: { description: "Both stories mention this organisation (`entity`)." },
    SHARED_PLACE: { description: "Both stories mention this place (`entity`)." },
    TEXT_SIMILARITY: { description: "The stories use the same distinctive words (full-text similarity)." },
    PUBLISHER_LINK: { description: "One story lists the other under its `Related Articles` heading." },
  },
});

/** The score formula as the schema describes it (kept beside the constants it quotes). */
export const SCORE_DESCRIPTION =
  `How related the two stories are, 0–1, higher is closer; equal to the sum of \`reasons\` weights. ` +
  `score = ${ENTITY_SHARE} × E + ${TEXT_SHARE} × T, plus ${PUBLISHER_LINK_SHARE} × (1 − that) for a publisher link. ` +
  `E is the cosine of the two stories' entity vectors, each entity weighted by its salience in the story times its rarity ` +
  `ln(1 + N / stories mentioning it), places counting ${KIND_WEIGHT.PLACE} as much as people and organisations; T is the cosine of their word vectors (PostgreSQL full text, English stems, ` +
  `rare words weighted up). Corpus statistics are those at the time the pair was computed (on ingestion, or by related:rebuild). ` +
  `Pairs below ${STORE_MIN_SCORE} are not listed.`;

@ObjectType({ description: "One part of a related-story score: a shared entity, text similarity, or a publisher link." })
export class RelatedReason {
  /** Database key of the shared entity (SHARED_* reasons), else null; for the entity loader, not exposed. */
  entityKey: string | null;

  @Field(() => RelatedReasonKind, { description: "What this part comes from." })
  kind: ReasonKind;

  @Field(() => Float, {
    description:
      "This reason's part of the score, 0–1; the weights of an edge's reasons add up to its `score`. For a shared entity: 0.6 × its term of the entity cosine (rarity × salience in both stories); for text similarity: 0.4 × the text cosine.",
  })
  weight: number;
}

@ObjectType({ description: "A related story, with its score and the reasons that add up to it." })
export class RelatedArticleEdge extends PageEdge {
  /** Database keys of the two articles (from, to), for loaders; not exposed. */
  fromKey: string;
  toKey: string;

  @Field(() => String, { description: "Opaque position of this edge: pass it as `after`." })
  get cursor(): string {
    return this.encodeCursor();
  }

  @Field(() => Article, { description: "The related story." })
  node: Article;

  @Field(() => Float, { description: SCORE_DESCRIPTION })
  score: number;
}

@ObjectType({ description: "A page of related stories, best first (then by id). Duplicates of the story are never listed (see `Article.duplicates`)." })
export class RelatedArticleConnection {
  @Field(() => [RelatedArticleEdge], { description: "The related stories of this page, best first." })
  edges: RelatedArticleEdge[];

  @Field(() => PageInfo, { description: "Whether more related stories follow, and the cursor to fetch them." })
  pageInfo: PageInfo;
}

/** Arguments of `Article.related`. */
@ArgsType()
export class RelatedArgs extends ForwardPageArgs {
  @Field(() => Float, { nullable: true, defaultValue: 0, description: "Only stories scoring at least this (0–1). Default 0: every stored pair." })
  minScore?: number | null;
}
