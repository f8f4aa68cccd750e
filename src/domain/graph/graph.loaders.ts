/**
 * Per-request DataLoaders of the entity graph (built in src/context.ts): every level of a query is one statement.
 */
import DataLoader from "dataloader";
import type { Database } from "../../db/data-source";
import type { ArticleRow } from "../article/article.type";
import type { Page, PageRequest } from "../pagination/connection";
import { coMentionedOfEntities, sharedArticlesOfPairs, timelinesOfEntities, type CoMentionRow } from "./graph.service";

/** The loaders behind `coMentioned`, `CoMentionEdge.articles` and `Person.timeline`. */
export interface GraphLoaders {
  /** A page of an entity's co-mentioned entities; one loader per distinct (page request, kind). */
  coMentionedOfEntity(request: PageRequest, kind: string | null): DataLoader<string, Page<CoMentionRow>>;
  /** The stories an entity pair (`a:b`) shares; one loader per `first`. */
  sharedArticlesOfPair(first: number): DataLoader<string, ArticleRow[]>;
  /** A page of an entity's stories in publication order; one loader per page request. */
  timelineOfEntity(request: PageRequest): DataLoader<string, Page<ArticleRow>>;
}

/**
 * Memoises one DataLoader per distinct argument set (compared as JSON), so parents asking for the same thing
 * share one statement. The batch function must answer every key.
 */
function perArguments<A, V>(batch: (keys: readonly string[], args: A) => Promise<Map<string, V>>): (args: A) => DataLoader<string, V> {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (args) => {
    const id = JSON.stringify(args);
    let loader = loaders.get(id);
    if (!loader) {
      loader = new DataLoader(async (keys) => {
        const found = await batch(keys, args);
        return keys.map((k) => {
          if (!found.has(k)) throw new Error(`graph loader answered no value for key ${k}`);
          return found.get(k)!;
        });
      });
      loaders.set(id, loader);
    }
    return loader;
  };
}

/** Builds the graph loaders of one request. */
export function createGraphLoaders(db: Database): GraphLoaders {
  const coMentioned = perArguments((keys, [request, kind]: [PageRequest, string | null]) => coMentionedOfEntities(db, keys, request, kind));
  const shared = perArguments((keys, first: number) => sharedArticlesOfPairs(db, keys, first));
  const timeline = perArguments((keys, request: PageRequest) => timelinesOfEntities(db, keys, request));
  return {
    coMentionedOfEntity: (request, kind) => coMentioned([request, kind]),
    sharedArticlesOfPair: (first) => shared(first),
    timelineOfEntity: (request) => timeline(request),
  };
}
