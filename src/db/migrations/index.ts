/** Every migration, oldest first. Listed explicitly (no glob) so compiled and test runs load the same ones. */
import { InitialSchema1764400000000 } from "./1764400000000-initial-schema";
import { ArticleSearch1764500000000 } from "./1764500000000-article-search";

export const migrations = [
  InitialSchema1764400000000,
  ArticleSearch1764500000000,
];
