import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "What a search box shows: the people, organisations and places whose names match, above the articles whose text matches.",
})
export class SearchResults {
  @Field({ description: "The search text, as given (trimmed, NFC)." })
  query: string;
}
