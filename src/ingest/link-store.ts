/**
 * The row-level operations of entity resolution (see ./link.ts for the rules): writing an article's link rows,
 * moving links between entities, merging entities, and re-deriving an entity's name and aliases from the links
 * it has. All run inside the caller's transaction, under the ingest lock.
 */
import type { EntityManager } from "typeorm";
import { nameKey, slugSuffix, slugify } from "./normalise";
import type { EntityKind } from "./types";

/**
 * One `article_entity` row as resolution builds it: the evidence one article gives for one entity.
 */
export interface LinkRow {
  articleId: string;
  entityId: string;
  mentionCount: number;
  /** 0–1. */
  salience: number;
  /** The weak key the link was made from (bare surname or acronym), or null when the article named it in full. */
  resolvedFrom: string | null;
  /** The canonical name the article gave (weak links: the weak form). */
  name: string | null;
  /** Surface forms the article used for it, titles stripped, sorted by key; `formKeys[i]` is `nameKey(forms[i])`. */
  forms: string[];
  formKeys: string[];
  /** Keys of the full (not weak) forms of a full-name link: later articles' full forms match entities by these. */
  fullKeys: string[];
  /** Weak keys a full-name link vouches for: the person's surname, the organisation's acronyms. */
  vouches: string[];
}

/**
 * The better of two display forms of one name, independent of the order they are given in: the longer, then the
 * larger by UTF-8 bytes ("José" over "Jose", "Blair" over "BLAIR").
 */
export function betterForm(a: string, b: string): string {
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) >= 0 ? a : b;
}

/**
 * Combines two rows of the same (article, entity): counts add up, salience takes the larger, forms and vouches are
 * united, and the link counts as a full-name one if either was.
 */
export function combineRows(a: LinkRow, b: LinkRow): LinkRow {
  const forms = new Map<string, string>();
  for (const r of [a, b]) r.forms.forEach((f, i) => forms.set(r.formKeys[i], forms.has(r.formKeys[i]) ? betterForm(forms.get(r.formKeys[i])!, f) : f));
  const keys = [...forms.keys()].sort();
  const full = a.resolvedFrom === null || b.resolvedFrom === null;
  const names = [a, b].filter((r) => r.name !== null && (!full || r.resolvedFrom === null)).map((r) => r.name!);
  return {
    articleId: a.articleId,
    entityId: a.entityId,
    mentionCount: a.mentionCount + b.mentionCount,
    salience: Math.max(a.salience, b.salience),
    resolvedFrom: full ? null : [a.resolvedFrom!, b.resolvedFrom!].sort()[0],
    name: names.length ? names.reduce(betterForm) : null,
    forms: keys.map((k) => forms.get(k)!),
    formKeys: keys,
    fullKeys: [...new Set([...a.fullKeys, ...b.fullKeys])].sort(),
    vouches: [...new Set([...a.vouches, ...b.vouches])].sort(),
  };
}

const ROW_COLUMNS = `article_id::text, entity_id::text, mention_count, salience, resolved_from, name, forms, form_keys, full_keys, vouches`;

function fromDb(r: Record<string, any>): LinkRow {
  return {
    articleId: r.article_id,
    entityId: r.entity_id,
    mentionCount: r.mention_count,
    salience: r.salience,
    resolvedFrom: r.resolved_from,
    name: r.name,
    forms: r.forms ?? [],
    formKeys: r.form_keys ?? [],
    fullKeys: r.full_keys ?? [],
    vouches: r.vouches ?? [],
  };
}

/**
 * Inserts link rows, or replaces the stored row of the same (article, entity). Rows must be unique per
 * (article, entity) within one call.
 */
export async function upsertLinks(tx: EntityManager, rows: LinkRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof LinkRow>(k: K) => rows.map((r) => r[k]);
  // Arrays of arrays do not pass through unnest as text[][] rows; each row's arrays travel as JSON instead.
  const json = (k: "forms" | "formKeys" | "fullKeys" | "vouches") => rows.map((r) => JSON.stringify(r[k]));
  await tx.query(
    `INSERT INTO article_entity (article_id, entity_id, mention_count, salience, resolved_from, name, forms, form_keys, full_keys, vouches)
     SELECT a, e, c, s, r, n,
            ARRAY(SELECT json_array_elements_text(f::json)), ARRAY(SELECT json_array_elements_text(k::json)),
            ARRAY(SELECT json_array_elements_text(fk::json)), ARRAY(SELECT json_array_elements_text(v::json))
       FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            AS t(a, e, c, s, r, n, f, k, fk, v)
     ON CONFLICT (article_id, entity_id) DO UPDATE
        SET mention_count = excluded.mention_count, salience = excluded.salience, resolved_from = excluded.resolved_from,
            name = excluded.name, forms = excluded.forms, form_keys = excluded.form_keys, full_keys = excluded.full_keys,
            vouches = excluded.vouches`,
    [
      col("articleId"),
      col("entityId"),
      col("mentionCount"),
      rows.map((r) => Math.min(1, Math.max(0, r.salience))),
      col("resolvedFrom"),
      col("name"),
      json("forms"),
      json("formKeys"),
      json("fullKeys"),
      json("vouches"),
    ],
  );
}

/** A link to move: the row (article, from) becomes (article, to). */
export interface LinkMove {
  articleId: string;
  fromId: string;
  toId: string;
}

/**
 * Moves links (and their mentions) to other entities, combining each with a row the article already has for the
 * target (see {@link combineRows}).
 */
export async function moveLinks(tx: EntityManager, moves: LinkMove[]): Promise<void> {
  moves = moves.filter((m) => m.fromId !== m.toId);
  if (!moves.length) return;
  const arts = moves.map((m) => m.articleId);
  const froms = moves.map((m) => m.fromId);
  const tos = moves.map((m) => m.toId);
  const existing = ((await tx.query(
    `SELECT ${ROW_COLUMNS} FROM article_entity ae
      WHERE (ae.article_id, ae.entity_id) IN (
        SELECT a, e FROM unnest($1::bigint[], $2::bigint[]) t(a, e) UNION SELECT a, e FROM unnest($1::bigint[], $3::bigint[]) t(a, e))`,
    [arts, froms, tos],
  )) as Record<string, any>[]).map(fromDb);
  const byKey = new Map(existing.map((r) => [`${r.articleId}:${r.entityId}`, r]));
  const merged = new Map<string, LinkRow>();
  const moved = new Set<string>();
  for (const m of moves) {
    const source = byKey.get(`${m.articleId}:${m.fromId}`);
    if (!source || moved.has(`${m.articleId}:${m.fromId}`)) continue;
    moved.add(`${m.articleId}:${m.fromId}`);
    const key = `${m.articleId}:${m.toId}`;
    const base = merged.get(key) ?? byKey.get(key);
    const row = { ...source, entityId: m.toId };
    merged.set(key, base ? combineRows(base, row) : row);
  }
  await tx.query(
    `DELETE FROM article_entity ae USING unnest($1::bigint[], $2::bigint[]) t(a, e) WHERE ae.article_id = t.a AND ae.entity_id = t.e`,
    [arts, froms],
  );
  await tx.query(
    `UPDATE mention m SET entity_id = t.e2 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) t(a, e, e2)
      WHERE m.article_id = t.a AND m.entity_id = t.e`,
    [arts, froms, tos],
  );
  await upsertLinks(tx, [...merged.values()]);
}

/**
 * Merges entities into a target of the same kind: every link and mention moves, curated aliases move, the
 * sources' ids and slugs become redirects to the target (and redirects to them follow), then the sources go.
 *
 * @param curated true for an editor's merge: the sources' names and aliases, and the target's name, become curated
 *   aliases of the target (so re-ingested articles naming them resolve to it) and the target's name is pinned
 */
export async function mergeInto(tx: EntityManager, sourceIds: string[], targetId: string, curated: boolean): Promise<void> {
  sourceIds = sourceIds.filter((id) => id !== targetId);
  if (!sourceIds.length) return;
  const links = (await tx.query(`SELECT article_id::text, entity_id::text FROM article_entity WHERE entity_id = ANY($1::bigint[])`, [
    sourceIds,
  ])) as { article_id: string; entity_id: string }[];
  await moveLinks(tx, links.map((l) => ({ articleId: l.article_id, fromId: l.entity_id, toId: targetId })));
  await tx.query(`UPDATE mention SET entity_id = $2 WHERE entity_id = ANY($1::bigint[])`, [sourceIds, targetId]);
  // An editor's merge makes every name of the sources mean the target; an automatic one keeps curated aliases only.
  const aliases = (await tx.query(
    `SELECT a.alias AS a FROM entity_alias a WHERE a.entity_id = ANY($1::bigint[]) AND (a.curated OR $2)
     UNION SELECT e.name FROM entity e WHERE (e.id = ANY($1::bigint[]) OR e.id = $3) AND $2`,
    [sourceIds, curated, targetId],
  )) as { a: string }[];
  await addCuratedAliases(tx, targetId, aliases.map((r) => r.a));
  await tx.query(`UPDATE entity_redirect SET to_id = $2 WHERE to_id = ANY($1::bigint[])`, [sourceIds, targetId]);
  await tx.query(
    `INSERT INTO entity_redirect (from_id, from_slug, to_id) SELECT id, slug, $2 FROM entity WHERE id = ANY($1::bigint[])`,
    [sourceIds, targetId],
  );
  await tx.query(
    `UPDATE entity SET name_pinned = $3 OR name_pinned OR EXISTS (SELECT 1 FROM entity s WHERE s.id = ANY($1::bigint[]) AND s.name_pinned)
      WHERE id = $2`,
    [sourceIds, targetId, curated],
  );
  await tx.query(`DELETE FROM entity WHERE id = ANY($1::bigint[])`, [sourceIds]);
}

/** Adds aliases an editor vouches for (kept whatever articles say; they win resolution). */
export async function addCuratedAliases(tx: EntityManager, entityId: string, aliases: string[]): Promise<void> {
  const byKey = new Map<string, string>();
  for (const a of aliases) {
    const k = nameKey(a);
    if (k) byKey.set(k, byKey.has(k) ? betterForm(byKey.get(k)!, a) : a);
  }
  if (!byKey.size) return;
  await tx.query(
    `INSERT INTO entity_alias (entity_id, alias, alias_key, curated)
     SELECT $1, a, k, true FROM unnest($2::text[], $3::text[]) t(a, k)
     ON CONFLICT (entity_id, alias_key) DO UPDATE SET curated = true, alias = excluded.alias`,
    [entityId, [...byKey.values()], [...byKey.keys()]],
  );
}

/** An entity to create: kind, display name, name key and (people) surname key. */
export interface NewEntity {
  kind: EntityKind;
  name: string;
  key: string;
  surname: string | null;
}

/**
 * Creates entities (or finds the ones of the same kind and name key), in three statements whatever their number.
 * Slugs are made from the names, avoiding the slugs of live entities, of redirects and of each other.
 *
 * @returns the entity id of each input, in order
 */
export async function findOrCreateEntities(tx: EntityManager, specs: NewEntity[]): Promise<string[]> {
  if (!specs.length) return [];
  const found = (await tx.query(
    `SELECT e.id::text, e.kind, e.name_key FROM unnest($1::text[], $2::text[]) t(kind, k) JOIN entity e ON e.kind = t.kind AND e.name_key = t.k`,
    [specs.map((s) => s.kind), specs.map((s) => s.key)],
  )) as { id: string; kind: string; name_key: string }[];
  const ids = new Map(found.map((r) => [`${r.kind}:${r.name_key}`, r.id]));
  const missing = [...new Map(specs.filter((s) => !ids.has(`${s.kind}:${s.key}`)).map((s) => [`${s.kind}:${s.key}`, s])).values()];
  if (missing.length) {
    const candidatesOf = (s: NewEntity) => {
      const base = slugify(s.name, 80, "entity");
      return [base, `${base}-${s.kind.toLowerCase()}`, `${base}-${slugSuffix(`${s.kind}:${s.key}`)}`];
    };
    const all = missing.flatMap(candidatesOf);
    const taken = new Set(
      ((await tx.query(
        `SELECT slug FROM entity WHERE slug = ANY($1) UNION SELECT from_slug FROM entity_redirect WHERE from_slug = ANY($1)`,
        [all],
      )) as { slug: string }[]).map((r) => r.slug),
    );
    const slugs = missing.map((s) => {
      const slug = candidatesOf(s).find((c) => !taken.has(c)) ?? `${slugify(s.name, 80, "entity")}-${slugSuffix(`${s.kind}:${s.key}:${Date.now()}:${Math.random()}`)}`;
      taken.add(slug);
      return slug;
    });
    const created = (await tx.query(
      `INSERT INTO entity (kind, name, name_key, surname_key, slug)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       RETURNING id::text, kind, name_key`,
      [missing.map((s) => s.kind), missing.map((s) => s.name), missing.map((s) => s.key), missing.map((s) => s.surname), slugs],
    )) as { id: string; kind: string; name_key: string }[];
    for (const r of created) ids.set(`${r.kind}:${r.name_key}`, r.id);
  }
  return specs.map((s) => ids.get(`${s.kind}:${s.key}`)!);
}

/**
 * Re-derives the display name and aliases of entities from the links they have, so they do not depend on the
 * order articles came in:
 * - name: the name most of its full-name links give (then the longer, then the C-order larger); entities with
 *   only weak links take the most common weak form; a pinned name (editor's merge target) is kept;
 * - aliases: every form its links used (for one key, the most common spelling), plus the curated ones.
 *
 * @param surnameOf computes `surname_key` for a person's name
 */
export async function refreshDerived(
  tx: EntityManager,
  entityIds: string[],
  surnameOf: (name: string) => string | null,
): Promise<void> {
  if (!entityIds.length) return;
  const names = (await tx.query(
    `SELECT DISTINCT ON (ae.entity_id) ae.entity_id::text AS id, e.kind, e.name AS old_name, ae.name, (ae.resolved_from IS NULL) AS full
       FROM article_entity ae JOIN entity e ON e.id = ae.entity_id
      WHERE ae.entity_id = ANY($1::bigint[]) AND ae.name IS NOT NULL AND NOT e.name_pinned
      GROUP BY ae.entity_id, e.kind, e.name, ae.name, (ae.resolved_from IS NULL)
      ORDER BY ae.entity_id, (ae.resolved_from IS NULL) DESC, count(*) DESC, length(ae.name) DESC, ae.name COLLATE "C" DESC`,
    [entityIds],
  )) as { id: string; kind: EntityKind; old_name: string; name: string; full: boolean }[];
  const changed = names.filter((n) => n.name !== n.old_name);
  if (changed.length) {
    // A full-name entity takes the key of its new name (unless another entity holds it); a placeholder keeps its
    // weak key, which is how weak forms find it.
    await tx.query(
      `UPDATE entity e SET name = t.n, name_key = coalesce(t.k, e.name_key), surname_key = CASE WHEN t.k IS NULL THEN e.surname_key ELSE t.s END
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) t(id, n, k, s)
        WHERE e.id = t.id
          AND (t.k IS NULL OR t.k = e.name_key OR NOT EXISTS (SELECT 1 FROM entity o WHERE o.kind = e.kind AND o.name_key = t.k AND o.id <> e.id))`,
      [
        changed.map((n) => n.id),
        changed.map((n) => n.name),
        changed.map((n) => (n.full ? nameKey(n.name) : null)),
        changed.map((n) => (n.full && n.kind === "PERSON" ? surnameOf(n.name) : null)),
      ],
    );
  }
  await tx.query(`DELETE FROM entity_alias WHERE entity_id = ANY($1::bigint[]) AND NOT curated`, [entityIds]);
  await tx.query(
    `INSERT INTO entity_alias (entity_id, alias, alias_key, curated)
     SELECT DISTINCT ON (x.entity_id, x.k) x.entity_id, x.f, x.k, false
       FROM (SELECT ae.entity_id, u.f, u.k, count(*) AS n
               FROM article_entity ae, unnest(ae.forms, ae.form_keys) AS u(f, k)
              WHERE ae.entity_id = ANY($1::bigint[]) AND u.k <> ''
              GROUP BY ae.entity_id, u.f, u.k) x
      ORDER BY x.entity_id, x.k, x.n DESC, length(x.f) DESC, x.f COLLATE "C" DESC
     ON CONFLICT (entity_id, alias_key) DO NOTHING`,
    [entityIds],
  );
}

/**
 * Deletes entities that no article links any more, unless an editor curated them (pinned name or curated alias).
 * Runs under the ingest lock, so no concurrent ingest is about to link them.
 */
export async function pruneOrphans(tx: EntityManager, entityIds: string[]): Promise<void> {
  if (!entityIds.length) return;
  await tx.query(
    `DELETE FROM entity e WHERE e.id = ANY($1::bigint[]) AND NOT e.name_pinned
        AND NOT EXISTS (SELECT 1 FROM article_entity ae WHERE ae.entity_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.curated)`,
    [entityIds],
  );
}
