/**
 * Per-request DataLoaders of mentions (built in src/context.ts): every level of a query is one statement.
 */
import DataLoader from "dataloader";
import type { Database } from "../../db/data-source";
import { mentionsByKeys, mentionsOfPairs } from "./mention.service";
import type { MentionRow } from "./mention.type";

/** The loaders behind `node(id:)` for mentions and `ArticleEntity.mentions`. */
export interface MentionLoaders {
  mentionByKey: DataLoader<string, MentionRow | null>;
  /** The mentions of an (article, entity) pair, by `articleKey:entityKey`, in reading order. */
  mentionsOfPair: DataLoader<string, MentionRow[]>;
}

/** Builds the mention loaders of one request. */
export function createMentionLoaders(db: Database): MentionLoaders {
  return {
    mentionByKey: new DataLoader(async (keys) => {
      const rows = new Map((await mentionsByKeys(db, keys)).map((r) => [r.id, r]));
      return keys.map((k) => rows.get(k) ?? null);
    }),
    mentionsOfPair: new DataLoader(async (keys) => {
      const grouped = await mentionsOfPairs(db, keys);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
  };
}
