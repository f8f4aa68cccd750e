/**
 * The per-request context: the database and a fresh set of DataLoaders, so every relation field of one request
 * is batched into one statement per level and nothing is cached between requests (several instances behind a
 * load balancer never disagree).
 */
import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { AuthState } from "./auth";
import type { RequestScope } from "./observability/request-scope";
import type { Database } from "./db/data-source";
import { articlesByKeys, articlesBySlugs, articleTextsByKeys, highlightArticles } from "./domain/article/article.service";
import { articlesOfEntities, countArticlesOfEntities } from "./domain/article/entity-articles.service";
import type { ArticleRow, ArticleText } from "./domain/article/article.type";
import type { Page, PageRequest } from "./domain/pagination/connection";
import {
  aliasesOfEntities,
  entitiesByKeys,
  entitiesBySlugs,
  entitiesOfArticles,
  type ArticleEntityRow,
} from "./domain/entity/entity.service";
import type { EntityRow } from "./domain/entity/entity.type";
import { createRelatedLoaders, type RelatedLoaders } from "./domain/related/related.loaders";
import { createGraphLoaders, type GraphLoaders } from "./domain/graph/graph.loaders";
import { createMentionLoaders, type MentionLoaders } from "./domain/mention/mention.loaders";

/** What every resolver receives as its context. */
export interface Context {
  db: Database;
  /** Identifies this request in logs and in INTERNAL_SERVER_ERROR responses. */
  requestId: string;
  loaders: Loaders;
  /** Whether this request may write (checked once from its Authorization header); see src/auth.ts. */
  auth: AuthState;
  /**
   * The HTTP request's log facts (src/observability/request-scope.ts), filled in by the observability plugin;
   * absent outside HTTP requests (e.g. `executeOperation` in tests).
   */
  requestScope?: RequestScope;
}

/** Per-request DataLoaders, one per access path. */
export interface Loaders {
  articleByKey: DataLoader<string, ArticleRow | null>;
  articleBySlug: DataLoader<string, ArticleRow | null>;
  /** An article's text (paragraphs, body, caption), for articles read without it; null once deleted. */
  articleText: DataLoader<string, ArticleText | null>;
  entityByKey: DataLoader<string, EntityRow | null>;
  entityBySlug: DataLoader<string, EntityRow | null>;
  /** An article's entities, most salient first. */
  entitiesOfArticle: DataLoader<string, ArticleEntityRow[]>;
  aliasesOfEntity: DataLoader<string, string[]>;
  articleCountOfEntity: DataLoader<string, number>;
  /** Search highlights of articles for one search text (one loader per text). */
  highlights(search: string): DataLoader<string, string | null>;
  /** A page of an entity's articles; one loader per distinct page request, so each level is one statement. */
  articlesOfEntity(request: PageRequest): DataLoader<string, Page<ArticleRow>>;
  /** Related stories, their reasons and duplicates (src/domain/related). */
  related: RelatedLoaders;
  /** Co-mentions and timelines (src/domain/graph). */
  graph: GraphLoaders;
  /** Mentions by key and per (article, entity) (src/domain/mention). */
  mentions: MentionLoaders;
}

/** Indexes rows by a key, answering each requested key with its row or null (DataLoader's contract). */
function byKey<T>(rows: T[], keys: readonly string[], keyOf: (row: T) => string): (T | null)[] {
  const index = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => index.get(k) ?? null);
}

/** Builds the loaders of one request. */
export function createLoaders(db: Database): Loaders {
  const pageLoaders = new Map<string, DataLoader<string, Page<ArticleRow>>>();
  const highlightLoaders = new Map<string, DataLoader<string, string | null>>();
  return {
    highlights(search) {
      let loader = highlightLoaders.get(search);
      if (!loader) {
        loader = new DataLoader(async (keys) => {
          const found = await highlightArticles(db, search, keys);
          return keys.map((k) => found.get(k) ?? null);
        });
        highlightLoaders.set(search, loader);
      }
      return loader;
    },
    related: createRelatedLoaders(db),
    graph: createGraphLoaders(db),
    mentions: createMentionLoaders(db),
    articleByKey: new DataLoader(async (keys) => byKey(await articlesByKeys(db, keys), keys, (r) => String(r.id))),
    articleBySlug: new DataLoader(async (slugs) => byKey(await articlesBySlugs(db, slugs), slugs, (r) => r.slug)),
    articleText: new DataLoader(async (keys) => byKey(await articleTextsByKeys(db, keys), keys, (r) => r.id)),
    entityByKey: new DataLoader(async (keys) => byKey(await entitiesByKeys(db, keys), keys, (r) => r.requested)),
    entityBySlug: new DataLoader(async (slugs) => byKey(await entitiesBySlugs(db, slugs), slugs, (r) => r.requested)),
    entitiesOfArticle: new DataLoader(async (keys) => {
      const grouped = await entitiesOfArticles(db, keys);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
    aliasesOfEntity: new DataLoader(async (keys) => {
      const grouped = await aliasesOfEntities(db, keys);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
    articleCountOfEntity: new DataLoader(async (keys) => {
      const counts = await countArticlesOfEntities(db, keys);
      return keys.map((k) => counts.get(k) ?? 0);
    }),
    articlesOfEntity(request) {
      const id = JSON.stringify(request);
      let loader = pageLoaders.get(id);
      if (!loader) {
        loader = new DataLoader(async (keys) => {
          const pages = await articlesOfEntities(db, keys, request);
          return keys.map((k) => pages.get(k)!);
        });
        pageLoaders.set(id, loader);
      }
      return loader;
    },
  };
}

/** Builds the context of one request; `auth` defaults to "writes disabled". */
export function createContext(db: Database, requestId: string = randomUUID(), auth: AuthState = { kind: "disabled" }): Context {
  return { db, requestId, loaders: createLoaders(db), auth };
}
