/**
 * Editorial curation of entities: merge, add an alias, remove a mention. Each runs in one transaction under the
 * ingest lock (so it never interleaves with entity resolution), becomes a rule that ingestion keeps applying
 * (curated aliases, redirects, mention suppressions: see src/ingest/link.ts and src/ingest/persist.ts), and is
 * recorded in the `entity_change` audit table with its actor and a before/after snapshot.
 */
import type { EntityManager } from "typeorm";
import type { Database } from "../../db/data-source";
import { BadUserInputError, NotFoundError } from "../../errors";
import { salience } from "../../ingest/extract";
import { updateRelated } from "../../related/update";
import { settleResolution, weakKey, type WeakRef } from "../../ingest/link";
import { addCuratedAliases, mergeInto } from "../../ingest/link-store";
import { nameKey } from "../../ingest/normalise";
import { INGEST_LOCK_KEY } from "../../ingest/persist";
import type { EntityKind } from "../../ingest/types";
import { TYPE_OF_KIND } from "../entity/entity.type";
import { toGlobalId } from "../node/global-id";

/** Longest alias an editor may add, in characters. */
export const MAX_ALIAS_LENGTH = 200;

/** What a curation change did, as stored in `entity_change.action`. */
export type EntityChangeActionValue = "MERGE_ENTITIES" | "ADD_ALIAS" | "REMOVE_MENTION";

/** An audit row as the services read it. */
export interface EntityChangeRow {
  id: string;
  actor: string;
  changed_at: Date;
  action: EntityChangeActionValue;
  entity_id: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** An entity as the audit trail records it. */
interface EntitySnapshot {
  id: string;
  kind: EntityKind;
  name: string;
  slug: string;
  aliases: string[];
  articleCount: number;
}

async function snapshots(tx: EntityManager, keys: string[]): Promise<Map<string, EntitySnapshot>> {
  const rows = (await tx.query(
    `SELECT e.id::text, e.kind, e.name, e.slug,
            coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM entity_alias a WHERE a.entity_id = e.id), '{}') AS aliases,
            (SELECT count(*)::int FROM article_entity ae WHERE ae.entity_id = e.id) AS "articleCount"
       FROM entity e WHERE e.id = ANY($1::bigint[])`,
    [keys],
  )) as (EntitySnapshot & { id: string })[];
  return new Map(rows.map((r) => [r.id, { ...r, id: toGlobalId(TYPE_OF_KIND[r.kind], r.id) }]));
}

async function record(
  tx: EntityManager,
  actor: string,
  action: EntityChangeActionValue,
  entityKey: string,
  summary: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.query(
    `INSERT INTO entity_change (actor, action, entity_id, summary, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [actor, action, entityKey, summary, JSON.stringify(before), JSON.stringify(after)],
  );
}

/** Runs `work` in a transaction holding the ingest lock. */
function underIngestLock<T>(db: Database, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return db.dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [INGEST_LOCK_KEY]);
    return work(tx);
  });
}

/** The weak keys the links of these entities vouch for or were resolved from: re-resolved after a change. */
async function weakRefsOf(tx: EntityManager, keys: string[]): Promise<WeakRef[]> {
  return tx.query(
    `SELECT DISTINCT e.kind, k.key FROM article_entity ae JOIN entity e ON e.id = ae.entity_id,
            unnest(ae.vouches || CASE WHEN ae.resolved_from IS NULL THEN '{}'::text[] ELSE ARRAY[ae.resolved_from] END) AS k(key)
      WHERE ae.entity_id = ANY($1::bigint[])`,
    [keys],
  );
}

/**
 * Merges entities into a target: their articles, mentions and aliases move to it, their names become curated
 * aliases of it (so re-ingested stories naming them resolve to it), their ids and slugs redirect to it, and its
 * name is kept from now on.
 *
 * @param sourceKeys database keys of the entities merged away (1–100, none equal to the target)
 * @returns the target's key
 * @throws NotFoundError when an entity does not exist; BadUserInputError when kinds differ or the target is a source
 */
export async function mergeEntities(db: Database, actor: string, sourceKeys: string[], targetKey: string): Promise<string> {
  return underIngestLock(db, async (tx) => {
    const keys = [...new Set(sourceKeys)];
    if (keys.includes(targetKey)) throw new BadUserInputError('Argument "sourceIds" must not contain "targetId".', { argumentName: "sourceIds" });
    const before = await snapshots(tx, [targetKey, ...keys]);
    const target = before.get(targetKey);
    if (!target) throw new NotFoundError(`No person, organisation or place has the ID given as "targetId".`, { argumentName: "targetId" });
    for (const k of keys) {
      const source = before.get(k);
      if (!source) throw new NotFoundError(`No person, organisation or place has the ID ${toGlobalId(TYPE_OF_KIND[target.kind], k)} given in "sourceIds".`, { argumentName: "sourceIds" });
      if (source.kind !== target.kind) {
        throw new BadUserInputError(`Only entities of one kind merge: "${source.name}" is ${source.kind}, the target "${target.name}" is ${target.kind}.`, {
          argumentName: "sourceIds",
        });
      }
    }
    const weak = await weakRefsOf(tx, [targetKey, ...keys]);
    // The stories of the merged entities now share the survivor with the target's stories: their related pairs
    // are recomputed below, in this transaction, with those re-resolved along the way.
    const mergedArticles = ((await tx.query(`SELECT DISTINCT article_id::text AS id FROM article_entity WHERE entity_id = ANY($1::bigint[])`, [keys])) as {
      id: string;
    }[]).map((r) => r.id);
    await mergeInto(tx, keys, targetKey, true);
    const moved = await settleResolution(tx, [targetKey], weak);
    for (const id of new Set([...mergedArticles, ...moved])) await updateRelated(tx, id);
    const after = (await snapshots(tx, [targetKey])).get(targetKey);
    await record(
      tx,
      actor,
      "MERGE_ENTITIES",
      targetKey,
      `Merged ${keys.map((k) => JSON.stringify(before.get(k)!.name)).join(", ")} into ${JSON.stringify(target.name)}`,
      { target, sources: keys.map((k) => before.get(k)) },
      { target: after },
    );
    return targetKey;
  });
}

/**
 * Adds an alias an editor vouches for. It is kept whatever articles say later; a one-word person alias ("Brown")
 * or an acronym makes every bare mention of that form resolve to this entity.
 *
 * @throws NotFoundError when the entity does not exist; BadUserInputError when the alias is empty, too long, or
 *   already the name or alias of another entity of the same kind (merge them instead)
 */
export async function addAlias(db: Database, actor: string, entityKey: string, alias: string): Promise<string> {
  const text = alias.normalize("NFC").trim().replace(/\s+/g, " ");
  const key = nameKey(text);
  if (!key || text.length > MAX_ALIAS_LENGTH) {
    throw new BadUserInputError(`Argument "alias" must be 1 to ${MAX_ALIAS_LENGTH} characters with at least one letter or digit, but got ${JSON.stringify(alias)}.`, {
      argumentName: "alias",
    });
  }
  return underIngestLock(db, async (tx) => {
    const before = (await snapshots(tx, [entityKey])).get(entityKey);
    if (!before) throw new NotFoundError(`No person, organisation or place has the ID given as "entityId".`, { argumentName: "entityId" });
    const weak = weakKey(before.kind, text);
    if (weak === null) {
      const [other] = (await tx.query(
        `SELECT e.name FROM entity e WHERE e.kind = $1 AND e.id <> $2
            AND (e.name_key = $3 OR EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.alias_key = $3))
          ORDER BY e.id LIMIT 1`,
        [before.kind, entityKey, key],
      )) as { name: string }[];
      if (other) {
        throw new BadUserInputError(
          `${JSON.stringify(text)} already names another ${before.kind.toLowerCase()}, "${other.name}": use mergeEntities if they are the same.`,
          { argumentName: "alias" },
        );
      }
    }
    await addCuratedAliases(tx, entityKey, [text]);
    // Stories whose links moved have new shared entities: recompute their related pairs in this transaction.
    for (const moved of await settleResolution(tx, [entityKey], weak ? [{ kind: before.kind, key: weak }] : [])) await updateRelated(tx, moved);
    const after = (await snapshots(tx, [entityKey])).get(entityKey);
    await record(tx, actor, "ADD_ALIAS", entityKey, `Added alias ${JSON.stringify(text)} to ${JSON.stringify(before.name)}`, before, after);
    return entityKey;
  });
}

/**
 * Removes a mention: it goes now, and stays out when the article is ingested again (a suppression rule matched by
 * kind, section and surface text, nearest to the same place). The article's link to the entity loses a mention
 * (and goes with the last one); salience is recomputed for the article.
 *
 * @returns the key of the article the mention was in
 * @throws NotFoundError when no mention has that key
 */
export async function removeMention(db: Database, actor: string, mentionKey: string): Promise<string> {
  return underIngestLock(db, async (tx) => {
    const [m] = (await tx.query(
      `SELECT m.id::text, m.article_id::text, m.entity_id::text, e.kind, e.name, m.section, m.paragraph, m.start_offset, m.end_offset, m.text,
              m.extractor, m.extractor_version, ae.mention_count, ae.salience
         FROM mention m JOIN entity e ON e.id = m.entity_id
         JOIN article_entity ae ON ae.article_id = m.article_id AND ae.entity_id = m.entity_id
        WHERE m.id = $1`,
      [mentionKey],
    )) as Record<string, any>[];
    if (!m) throw new NotFoundError(`No mention has the ID given as "mentionId".`, { argumentName: "mentionId" });
    const weak = await weakRefsOf(tx, [m.entity_id]);
    await tx.query(
      `INSERT INTO mention_suppression (article_id, kind, section, paragraph, start_offset, end_offset, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [m.article_id, m.kind, m.section, m.paragraph, m.start_offset, m.end_offset, m.text],
    );
    await tx.query(`DELETE FROM mention WHERE id = $1`, [mentionKey]);
    await recountArticle(tx, m.article_id);
    // The article's salience changed (and the entity may be gone from it), and stories whose links moved have
    // new shared entities: recompute their related pairs in this transaction.
    const moved = await settleResolution(tx, [m.entity_id], weak);
    for (const id of new Set([m.article_id, ...moved])) await updateRelated(tx, id);
    const [link] = (await tx.query(`SELECT mention_count, salience FROM article_entity WHERE article_id = $1 AND entity_id = $2`, [
      m.article_id,
      m.entity_id,
    ])) as { mention_count: number; salience: number }[];
    const mention = {
      id: toGlobalId("Mention", m.id),
      article: toGlobalId("Article", m.article_id),
      entity: toGlobalId(TYPE_OF_KIND[m.kind as EntityKind], m.entity_id),
      entityName: m.name,
      section: m.section,
      paragraph: m.paragraph,
      start: m.start_offset,
      end: m.end_offset,
      text: m.text,
      extractor: m.extractor,
      extractorVersion: m.extractor_version,
    };
    await record(
      tx,
      actor,
      "REMOVE_MENTION",
      m.entity_id,
      `Removed the mention ${JSON.stringify(m.text)} of ${JSON.stringify(m.name)} from article ${m.article_id}`,
      { mention, mentionCount: m.mention_count, salience: m.salience },
      { mentionCount: link?.mention_count ?? 0, salience: link?.salience ?? null },
    );
    return m.article_id as string;
  });
}

/** Re-derives an article's mention counts and saliences from its stored mentions; drops links left with none. */
async function recountArticle(tx: EntityManager, articleKey: string): Promise<void> {
  const rows = (await tx.query(
    `SELECT entity_id::text, count(*)::int AS n, bool_or(section = 'HEADLINE') AS headline, bool_or(section = 'BODY' AND paragraph = 0) AS lead
       FROM mention WHERE article_id = $1 GROUP BY entity_id`,
    [articleKey],
  )) as { entity_id: string; n: number; headline: boolean; lead: boolean }[];
  const maxMentions = Math.max(1, ...rows.map((r) => r.n));
  await tx.query(
    `DELETE FROM article_entity ae WHERE ae.article_id = $1 AND NOT (ae.entity_id = ANY($2::bigint[]))`,
    [articleKey, rows.map((r) => r.entity_id)],
  );
  if (!rows.length) return;
  await tx.query(
    `UPDATE article_entity ae SET mention_count = t.n, salience = t.s
       FROM unnest($2::bigint[], $3::int[], $4::float8[]) t(e, n, s)
      WHERE ae.article_id = $1 AND ae.entity_id = t.e`,
    [
      articleKey,
      rows.map((r) => r.entity_id),
      rows.map((r) => r.n),
      rows.map((r) => salience({ mentions: r.n, maxMentions, inHeadline: r.headline, inLead: r.lead })),
    ],
  );
}

/** The most changes `entityChanges` returns at once. */
export const MAX_CHANGES = 100;

/**
 * Audit rows, newest first: all of them, or those of one entity (and of the entities merged into it).
 *
 * @param first how many, 1–100
 */
export async function listChanges(db: Database, entityKey: string | null, first: number): Promise<EntityChangeRow[]> {
  return db.dataSource.query(
    `SELECT c.id::text, c.actor, c.changed_at, c.action, c.entity_id::text, c.summary, c.before, c.after
       FROM entity_change c
      WHERE $1::bigint IS NULL OR c.entity_id = $1::bigint
         OR c.entity_id IN (SELECT r.from_id FROM entity_redirect r WHERE r.to_id = $1::bigint)
      ORDER BY c.id DESC LIMIT $2`,
    [entityKey, first],
  );
}
