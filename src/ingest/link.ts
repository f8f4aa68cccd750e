/**
 * link: entities extracted from one article → rows of the `entity` table (entity resolution across articles).
 *
 * Rules, in order, for each extracted entity:
 * 1. A **full name** (a person with a first name and surname, an organisation or place not given as a bare
 *    acronym) is matched on its normalised name within its kind, then on a stored alias; else a new entity.
 * 2. A **weak name** (a person named only by one word, "Blair"; an organisation only by an acronym the article
 *    does not expand, "CBI") is linked to the best full-name candidate across the corpus: for people, those whose
 *    surname is that word; for organisations, those with that alias. The best is the one most articles name in
 *    full (then by name, so ties do not depend on ingestion order). With no candidate, it gets a placeholder
 *    entity named by the weak form.
 * 3. The weak link keeps what it was resolved from (`article_entity.resolved_from`), and whenever an article
 *    adds or strengthens a full-name candidate for that form, every link made from it is re-resolved
 *    (`reresolve`): "Mr Blair" stories ingested before the first "Tony Blair" story move to Tony Blair, and the
 *    placeholder goes. So the final tables do not depend on the order stories were ingested in.
 *
 * Two different people sharing a surname (Gordon Brown, Nick Brown) stay two people: full names never merge on
 * surname, only weak mentions are attached to one of them.
 */
import type { EntityManager } from "typeorm";
import { nameKey, slugSuffix, slugify } from "./normalise";
import type { EntityKind, ExtractedEntity } from "./types";

/** Name particles that are not the surname itself: "al-Assad" → "Assad", "de Villepin" → "Villepin". */
const SURNAME_PARTICLES = new Set(["al", "el", "de", "du", "da", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn", "le", "la", "st"]);

/** How an extracted entity was linked. */
export interface LinkedEntity {
  /** The stored entity's id. */
  entityId: string;
  /** The weak form it was resolved from, or null for a full name. */
  resolvedFrom: string | null;
}

/**
 * The key a person is found by from a bare surname: the last word of the name, particles and a trailing
 * apostrophe-s removed, normalised. Null for a one-word name (there is no "first name" to drop).
 */
export function surnameKey(name: string): string | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return null;
  return weakPersonKey(words[words.length - 1]);
}

/** The key of a one-word person name, as `surnameKey` computes it for the last word of a full name. */
function weakPersonKey(word: string): string {
  const parts = nameKey(word).split(" ").filter(Boolean);
  while (parts.length > 1 && SURNAME_PARTICLES.has(parts[0])) parts.shift();
  return parts.join(" ");
}

/**
 * The weak form of an extracted entity, or null when it carries a full name: one word for a person,
 * an all-capitals acronym (2–6 letters) for an organisation. Places are never weak.
 */
export function weakKey(kind: EntityKind, name: string): string | null {
  const trimmed = name.trim();
  if (kind === "PERSON" && !/\s/.test(trimmed)) return weakPersonKey(trimmed);
  if (kind === "ORGANISATION" && /^[A-Z][A-Z&]{1,5}s?$/.test(trimmed)) return nameKey(trimmed);
  return null;
}

/**
 * Finds or creates the stored entity of every extracted entity, records its aliases, and re-resolves the weak
 * links its full names affect. Must run inside the ingest transaction (which holds the ingest lock).
 *
 * @returns one LinkedEntity per input entity, in the same order
 */
export async function linkEntities(tx: EntityManager, extracted: ExtractedEntity[]): Promise<LinkedEntity[]> {
  const linked: LinkedEntity[] = [];
  for (const entity of extracted) {
    const weak = weakKey(entity.kind, entity.name);
    const entityId = weak === null ? await findOrCreateFull(tx, entity) : await resolveWeak(tx, entity.kind, weak, entity.name);
    await addAliases(tx, entityId, entity.aliases.concat(entity.name));
    linked.push({ entityId, resolvedFrom: weak });
  }
  return linked;
}

/**
 * The weak forms an article's full-name entities may now win: each person's surname, and each weak-looking
 * alias. Call after the article's links are written; re-resolves each.
 */
export async function reresolveAffected(tx: EntityManager, extracted: ExtractedEntity[], linked: LinkedEntity[]): Promise<void> {
  const affected = new Map<string, EntityKind>();
  extracted.forEach((entity, i) => {
    if (linked[i].resolvedFrom !== null) return;
    if (entity.kind === "PERSON") {
      const s = surnameKey(entity.name);
      if (s) affected.set(`${entity.kind}:${s}`, entity.kind);
    }
    for (const alias of entity.aliases) {
      const w = weakKey(entity.kind, alias);
      if (w) affected.set(`${entity.kind}:${w}`, entity.kind);
    }
  });
  for (const [k, kind] of affected) await reresolve(tx, kind, k.slice(kind.length + 1));
}

async function findOrCreateFull(tx: EntityManager, entity: ExtractedEntity): Promise<string> {
  const key = nameKey(entity.name);
  const [found] = (await tx.query(
    `SELECT e.id FROM entity e
      WHERE e.kind = $1 AND (e.name_key = $2 OR EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.alias_key = $2))
      ORDER BY (e.name_key = $2) DESC, e.id LIMIT 1`,
    [entity.kind, key],
  )) as { id: string }[];
  if (found) return found.id;
  return createEntity(tx, entity.kind, entity.name, entity.kind === "PERSON" ? surnameKey(entity.name) : null);
}

/** The best full-name candidate for a weak form, or null (see the module comment for "best"). */
async function bestCandidate(tx: EntityManager, kind: EntityKind, weak: string): Promise<string | null> {
  const [row] = (await tx.query(
    `SELECT e.id
       FROM entity e
      WHERE e.kind = $1 AND e.name_key <> $2
        AND (e.surname_key = $2 OR ($1 <> 'PERSON' AND EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.alias_key = $2)))
      ORDER BY (SELECT count(*) FROM article_entity ae WHERE ae.entity_id = e.id AND ae.resolved_from IS NULL) DESC, e.name, e.id
      LIMIT 1`,
    [kind, weak],
  )) as { id: string }[];
  return row?.id ?? null;
}

async function resolveWeak(tx: EntityManager, kind: EntityKind, weak: string, displayName: string): Promise<string> {
  const candidate = await bestCandidate(tx, kind, weak);
  if (candidate) return candidate;
  const [placeholder] = (await tx.query(`SELECT id FROM entity WHERE kind = $1 AND name_key = $2`, [kind, weak])) as { id: string }[];
  return placeholder?.id ?? createEntity(tx, kind, displayName, null);
}

/**
 * Moves every link made from `weak` to its current best candidate, merging counts where the article already
 * links that entity, moves the mentions with them, and drops a placeholder left with no articles.
 */
export async function reresolve(tx: EntityManager, kind: EntityKind, weak: string): Promise<void> {
  const target = await bestCandidate(tx, kind, weak);
  if (!target) return;
  await tx.query(
    `WITH moved AS (
       DELETE FROM article_entity ae USING entity e
        WHERE ae.entity_id = e.id AND e.kind = $1 AND ae.resolved_from = $2 AND ae.entity_id <> $3
       RETURNING ae.article_id, ae.entity_id, ae.mention_count, ae.salience
     ), remention AS (
       UPDATE mention m SET entity_id = $3 FROM moved
        WHERE m.article_id = moved.article_id AND m.entity_id = moved.entity_id
     )
     INSERT INTO article_entity (article_id, entity_id, mention_count, salience, resolved_from)
     SELECT article_id, $3, mention_count, salience, $2 FROM moved
     ON CONFLICT (article_id, entity_id) DO UPDATE
        SET mention_count = article_entity.mention_count + excluded.mention_count,
            salience = greatest(article_entity.salience, excluded.salience)`,
    [kind, weak, target],
  );
  await tx.query(
    `DELETE FROM entity e WHERE e.kind = $1 AND e.name_key = $2 AND e.id <> $3
        AND NOT EXISTS (SELECT 1 FROM article_entity ae WHERE ae.entity_id = e.id)`,
    [kind, weak, target],
  );
}

async function createEntity(tx: EntityManager, kind: EntityKind, name: string, surname: string | null): Promise<string> {
  const key = nameKey(name);
  const base = slugify(name, 80, "entity");
  const candidates = [base, `${base}-${kind.toLowerCase()}`, `${base}-${slugSuffix(`${kind}:${key}`)}`];
  const taken = new Set(
    ((await tx.query(`SELECT slug FROM entity WHERE slug = ANY($1)`, [candidates])) as { slug: string }[]).map((r) => r.slug),
  );
  const slug = candidates.find((c) => !taken.has(c)) ?? `${base}-${slugSuffix(`${kind}:${key}:${Date.now()}`)}`;
  const [row] = (await tx.query(
    `INSERT INTO entity (kind, name, name_key, surname_key, slug) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [kind, name, key, surname, slug],
  )) as { id: string }[];
  return row.id;
}

async function addAliases(tx: EntityManager, entityId: string, aliases: string[]): Promise<void> {
  const byKey = new Map<string, string>();
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (key && !byKey.has(key)) byKey.set(key, alias);
  }
  if (!byKey.size) return;
  await tx.query(
    `INSERT INTO entity_alias (entity_id, alias, alias_key)
     SELECT $1, a, k FROM unnest($2::text[], $3::text[]) AS t(a, k)
     ON CONFLICT (entity_id, alias_key) DO NOTHING`,
    [entityId, [...byKey.values()], [...byKey.keys()]],
  );
}

/**
 * Deletes entities that an updated article used to mention and no article mentions any more. Runs under the
 * ingest lock, so no concurrent ingest is about to link them.
 */
export async function pruneOrphanEntities(tx: EntityManager, entityIds: string[]): Promise<void> {
  if (!entityIds.length) return;
  await tx.query(
    `DELETE FROM entity e WHERE e.id = ANY($1::bigint[])
        AND NOT EXISTS (SELECT 1 FROM article_entity ae WHERE ae.entity_id = e.id)`,
    [entityIds],
  );
}
