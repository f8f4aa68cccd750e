/**
 * Per-request DataLoaders of related stories (built in src/context.ts): every level of a query is one statement.
 */
import DataLoader from "dataloader";
import type { Database } from "../../db/data-source";
import type { ArticleRow } from "../article/article.type";
import type { Page, PageRequest } from "../pagination/connection";
import { duplicatesOfArticles, reasonsOfPairs, relatedOfArticles, type ReasonRow, type RelatedRow } from "./related.service";

/** The loaders behind `Article.related`, `RelatedArticleEdge.reasons` and `Article.duplicates`. */
export interface RelatedLoaders {
  /** A page of an article's related stories; one loader per distinct (page request, minScore). */
  relatedOfArticle(request: PageRequest, minScore: number): DataLoader<string, Page<RelatedRow>>;
  /** The reasons of a pair, by `low:high` key (see pairKey). */
  reasonsOfPair: DataLoader<string, ReasonRow[]>;
  duplicatesOfArticle: DataLoader<string, ArticleRow[]>;
}

/** Builds the related-story loaders of one request. */
export function createRelatedLoaders(db: Database): RelatedLoaders {
  const pageLoaders = new Map<string, DataLoader<string, Page<RelatedRow>>>();
  return {
    relatedOfArticle(request, minScore) {
      // Parents asking for the same page share a loader, so the whole level is one statement.
      const id = JSON.stringify([request, minScore]);
      let loader = pageLoaders.get(id);
      if (!loader) {
        loader = new DataLoader(async (keys) => {
          const pages = await relatedOfArticles(db, keys, request, minScore);
          return keys.map((k) => pages.get(k)!);
        });
        pageLoaders.set(id, loader);
      }
      return loader;
    },
    reasonsOfPair: new DataLoader(async (keys) => {
      const grouped = await reasonsOfPairs(db, keys);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
    duplicatesOfArticle: new DataLoader(async (keys) => {
      const grouped = await duplicatesOfArticles(db, keys);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
  };
}
