/**
 * Reads mentions: by key, and every mention of many (article, entity) pairs at once, in reading order.
 */
import type { Database } from "../../db/data-source";
import { preparedQuery } from "../../db/raw-query";
import type { MentionRow } from "./mention.type";

const COLUMNS = `m.id::text, m.article_id::text, m.entity_id::text, m.section, m.paragraph, m.start_offset, m.end_offset, m.text, m.extractor, m.extractor_version`;

/** The key of an (article, entity) pair in the loaders: `articleKey:entityKey`. */
export function pairKey(articleKey: string, entityKey: string): string {
  return `${articleKey}:${entityKey}`;
}

/** Mentions by database key, in no particular order. */
export async function mentionsByKeys(db: Database, keys: readonly string[]): Promise<MentionRow[]> {
  return preparedQuery(db, `SELECT ${COLUMNS} FROM mention m WHERE m.id = ANY($1::bigint[])`, [keys]);
}

/**
 * The mentions of each (article, entity) pair, in reading order (headline, body, caption; then paragraph and
 * offset), in one statement.
 *
 * @param keys pair keys (see {@link pairKey})
 * @returns a list per key (every key present)
 */
export async function mentionsOfPairs(db: Database, keys: readonly string[]): Promise<Map<string, MentionRow[]>> {
  const pairs = keys.map((k) => k.split(":"));
  const rows: MentionRow[] = await preparedQuery(
    db,
    `SELECT ${COLUMNS}
       FROM unnest($1::bigint[], $2::bigint[]) t(a, e)
       JOIN mention m ON m.article_id = t.a AND m.entity_id = t.e
      ORDER BY m.article_id, m.entity_id, array_position(ARRAY['HEADLINE', 'BODY', 'CAPTION'], m.section), m.paragraph, m.start_offset, m.id`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  const grouped = new Map<string, MentionRow[]>(keys.map((k) => [k, []]));
  for (const r of rows) grouped.get(pairKey(r.article_id, r.entity_id))?.push(r);
  return grouped;
}
