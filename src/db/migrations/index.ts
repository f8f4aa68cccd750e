/** Every migration, oldest first. Listed explicitly (no glob) so compiled and test runs load the same ones. */
import { InitialSchema1764400000000 } from "./1764400000000-initial-schema";
import { ArticleSearch1764500000000 } from "./1764500000000-article-search";
import { Curation1764600000000 } from "./1764600000000-curation";
import { Related1764700000000 } from "./1764700000000-related";
import { LoaderIndexes1764800000000 } from "./1764800000000-loader-indexes";

export const migrations = [
  InitialSchema1764400000000,
  ArticleSearch1764500000000,
  Curation1764600000000,
  Related1764700000000,
  LoaderIndexes1764800000000,
];
