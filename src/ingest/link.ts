/**
 * link: entities extracted from one article → rows of the `entity` table (entity resolution across articles).
 *
 * Every article link (`article_entity`) keeps the evidence the article gave: the canonical name, the surface
 * forms, and for a full name the weak keys it vouches for (a person's surname, an organisation's acronyms). The
 * stored entities are a function of that evidence, whatever order the articles came in:
 *
 * 1. A **full name** (a person with a first name and surname, an organisation or place not given as a bare
 *    acronym) is matched on every full form the article gives for it ("Labour Party", "Labour") against the full
 *    forms other articles gave for entities of its kind (`article_entity.full_keys`) and editors' aliases. Forms that meet are one entity: when an article's forms reach two stored
 *    entities, those are merged (the older survives; the other's id and slug redirect to it). No match: a new
 *    entity.
 * 2. A **weak name** (a person named only by one word, "Blair"; an organisation only by an acronym, "CBI") is
 *    linked to the best full-name candidate across the corpus: an entity an editor gave that alias first, else
 *    the one the most full-name links vouch for (then by name, then id). Gordon Brown and Nick Brown stay two
 *    people: full names never merge on surname; only weak mentions are attached to one of them. With no
 *    candidate, a weak name gets a placeholder entity keyed by the weak form.
 * 3. Each weak link keeps the weak key it was made from (`article_entity.resolved_from`). After every article,
 *    each weak key whose vouches may have changed is re-resolved (`settleResolution`): "Mr Blair" stories
 *    ingested before the first "Tony Blair" story move to Tony Blair, and the placeholder goes.
 * 4. An entity's display name is the name most of its full-name links give, and its aliases are every form its
 *    links used plus the ones editors added (`refreshDerived` in ./link-store.ts), so neither depends on order.
 *
 * Editors' decisions are rules this step applies: curated aliases (from `addAlias` and `mergeEntities`) match
 * like names and win weak resolution, so a re-ingested article follows a merge.
 */
import type { EntityManager } from "typeorm";
import { betterForm, combineRows, findOrCreateEntities, mergeInto, moveLinks, pruneOrphans, refreshDerived, type LinkMove, type LinkRow } from "./link-store";
import { nameKey } from "./normalise";
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

/** A weak key of one kind, e.g. `{ kind: "PERSON", key: "blair" }`. */
export interface WeakRef {
  kind: EntityKind;
  key: string;
}

/**
 * The key a person is found by from a bare surname: the last word of the name, particles and a trailing
 * apostrophe-s removed, normalised. Null for a one-word name (there is no "first name" to drop).
 */
export function surnameKey(name: string): string | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return null;
  return weakPersonKey(words[words.length - 1]) || null;
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
  if (kind === "PERSON" && !/\s/.test(trimmed)) return weakPersonKey(trimmed) || null;
  if (kind === "ORGANISATION" && /^[A-Z][A-Z&]{1,5}s?$/.test(trimmed)) return nameKey(trimmed) || null;
  return null;
}

/** Every form of an extracted entity: its name and aliases. */
function formsOf(entity: ExtractedEntity): string[] {
  return [entity.name, ...entity.aliases];
}

/**
 * The weak keys a full-name entity vouches for: for a person, the surname of each full form and each one-word
 * form the article resolved to it ("Tony Blair", "Blair" → `blair`); for an organisation, each acronym the
 * article gives for it. Places vouch for nothing.
 */
export function vouchesOf(entity: ExtractedEntity): string[] {
  const out = new Set<string>();
  for (const form of formsOf(entity)) {
    const w = weakKey(entity.kind, form);
    if (w) out.add(w);
    else if (entity.kind === "PERSON") {
      const s = surnameKey(form);
      if (s) out.add(s);
    }
  }
  return [...out].sort();
}

/** The full forms of an entity by key (weak forms excluded: they are ambiguous, and never merge entities). */
function fullForms(entity: ExtractedEntity): Map<string, string> {
  const out = new Map<string, string>();
  for (const form of formsOf(entity)) {
    if (weakKey(entity.kind, form) !== null) continue;
    const k = nameKey(form);
    if (k) out.set(k, out.has(k) ? betterForm(out.get(k)!, form) : form);
  }
  return out;
}

/** The outcome of resolving one article's entities. */
export interface ResolvedArticle {
  /** One per extracted entity, in input order. */
  linked: LinkedEntity[];
  /** Entities created, merged or linked: their derived fields need refreshing. */
  touched: string[];
}

/**
 * Finds, creates or merges the stored entity of every extracted entity of one article (rules 1 and 2 of the
 * module comment). Weak links get their current best candidate; `settleResolution` finalises them once the
 * article's links are written. Must run inside the ingest transaction.
 */
export async function resolveArticleEntities(tx: EntityManager, extracted: ExtractedEntity[]): Promise<ResolvedArticle> {
  const linked: (LinkedEntity | null)[] = extracted.map(() => null);
  const touched = new Set<string>();

  // Rule 1: full names. One statement finds every stored entity any full form of the article names.
  const full = extracted.map((e, i) => ({ i, e, forms: weakKey(e.kind, e.name) === null ? fullForms(e) : null })).filter((x) => x.forms?.size);
  const probe = full.flatMap(({ i, e, forms }) => [...forms!.keys()].map((k) => [i, e.kind, k] as const));
  const matches = probe.length
    ? ((await tx.query(
        // A full form matches the entities whose full-name links used it (evidence, so order does not matter) and
        // those an editor gave it as an alias. LATERAL … OFFSET 0 keeps one index probe per form: the planner
        // cannot flatten it into a scan (PGlite has no autovacuum, so its statistics are often missing).
        `SELECT t.i, x.id::text FROM unnest($1::int[], $2::text[], $3::text[]) t(i, kind, k)
           CROSS JOIN LATERAL (
             SELECT ae.entity_id AS id FROM article_entity ae WHERE ae.resolved_from IS NULL AND ae.full_keys @> ARRAY[t.k]
             UNION
             SELECT a.entity_id FROM entity_alias a WHERE a.alias_key = t.k AND a.curated
             OFFSET 0) x
           CROSS JOIN LATERAL (SELECT e.kind FROM entity e WHERE e.id = x.id OFFSET 0) e
          WHERE e.kind = t.kind`,
        [probe.map((p) => p[0]), probe.map((p) => p[1]), probe.map((p) => p[2])],
      )) as { i: number; id: string }[])
    : [];

  // Extracted entities sharing a full form or a stored entity are one group (union-find over indexes).
  const parent = new Map<number, number>(full.map(({ i }) => [i, i]));
  const find = (i: number): number => (parent.get(i) === i ? i : find(parent.get(i)!));
  const union = (a: number, b: number) => parent.set(find(a), find(b));
  const firstByToken = new Map<string, number>();
  const join = (token: string, i: number) => {
    const j = firstByToken.get(token);
    if (j === undefined) firstByToken.set(token, i);
    else union(i, j);
  };
  for (const { i, e, forms } of full) for (const k of forms!.keys()) join(`${e.kind}:k:${k}`, i);
  for (const m of matches) join(`id:${m.id}`, m.i);
  const groups = new Map<number, { members: number[]; ids: Set<string> }>();
  for (const { i } of full) {
    const g = groups.get(find(i)) ?? { members: [], ids: new Set<string>() };
    g.members.push(i);
    groups.set(find(i), g);
  }
  for (const m of matches) groups.get(find(m.i))!.ids.add(m.id);

  // Groups matching no stored entity are created together; groups matching several merge them into the oldest.
  const fresh = [...groups.values()].filter((g) => g.ids.size === 0);
  const created = await findOrCreateEntities(
    tx,
    fresh.map((g) => {
      const name = g.members.map((i) => extracted[i].name).reduce(betterForm);
      const kind = extracted[g.members[0]].kind;
      return { kind, name, key: nameKey(name), surname: kind === "PERSON" ? surnameKey(name) : null };
    }),
  );
  fresh.forEach((g, n) => g.ids.add(created[n]));
  for (const g of groups.values()) {
    const ids = [...g.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    const id = ids[0];
    // The article's forms tie these entities together: they are one.
    if (ids.length > 1) await mergeInto(tx, ids.slice(1), id, false);
    ids.forEach((x) => touched.add(x));
    for (const i of g.members) linked[i] = { entityId: id, resolvedFrom: null };
  }

  // Rule 2: weak names (and the rare entity with no usable form), to their current best candidate, else to the
  // placeholder of the weak form.
  const weak = extracted
    .map((e, i) => ({ i, e, key: linked[i] ? null : (weakKey(e.kind, e.name) ?? nameKey(e.name)), isWeak: weakKey(e.kind, e.name) !== null }))
    .filter((x) => x.key);
  const best = await bestCandidates(tx, weak.filter((w) => w.isWeak).map((w) => ({ kind: w.e.kind, key: w.key! })));
  const unresolved = weak.filter((w) => !(w.isWeak && best.has(`${w.e.kind}:${w.key}`)));
  const placeholders = await findOrCreateEntities(tx, unresolved.map((w) => ({ kind: w.e.kind, name: w.e.name, key: w.key!, surname: null })));
  unresolved.forEach((w, n) => best.set(`${w.e.kind}:${w.key}`, placeholders[n]));
  for (const { i, e, key, isWeak } of weak) {
    const id = best.get(`${e.kind}:${key}`)!;
    touched.add(id);
    linked[i] = { entityId: id, resolvedFrom: isWeak ? key : null };
  }
  return { linked: linked as LinkedEntity[], touched: [...touched] };
}

/**
 * The best full-name candidate of each weak key (see rule 2 of the module comment), in one statement.
 *
 * @returns entity id by `kind:key`; keys without a candidate are absent
 */
export async function bestCandidates(tx: EntityManager, refs: WeakRef[]): Promise<Map<string, string>> {
  const unique = [...new Map(refs.map((r) => [`${r.kind}:${r.key}`, r])).values()];
  if (!unique.length) return new Map();
  const rows = (await tx.query(
    `SELECT k.kind, k.weak, b.id FROM unnest($1::text[], $2::text[]) k(kind, weak)
     CROSS JOIN LATERAL (
       SELECT c.id::text AS id
         FROM (SELECT u.id, max(u.curated) AS curated, sum(u.n) AS n FROM (
                 SELECT a.entity_id AS id, 1 AS curated, 0::bigint AS n FROM entity_alias a WHERE a.alias_key = k.weak AND a.curated
                 UNION ALL
                 SELECT ae.entity_id, 0, count(*) FROM article_entity ae
                  WHERE ae.resolved_from IS NULL AND ae.vouches @> ARRAY[k.weak]
                  GROUP BY ae.entity_id) u
               GROUP BY u.id) c
         CROSS JOIN LATERAL (SELECT e.kind, e.name, e.name_key FROM entity e WHERE e.id = c.id OFFSET 0) e
        WHERE e.kind = k.kind AND e.name_key <> k.weak
        ORDER BY c.curated DESC, c.n DESC, e.name COLLATE "C", c.id
        LIMIT 1) b`,
    [unique.map((r) => r.kind), unique.map((r) => r.key)],
  )) as { kind: string; weak: string; id: string }[];
  return new Map(rows.map((r) => [`${r.kind}:${r.weak}`, r.id]));
}

/**
 * The link rows of one article: extracted entities that resolved to the same stored entity are combined (counts
 * add up, salience takes the larger, a full name anywhere makes the link a full-name one). Entities left with no
 * mentions are dropped.
 */
export function buildLinkRows(articleId: string, extracted: ExtractedEntity[], linked: LinkedEntity[]): LinkRow[] {
  const rows = new Map<string, LinkRow>();
  extracted.forEach((entity, i) => {
    if (!entity.mentions.length) return;
    const { entityId, resolvedFrom } = linked[i];
    const forms = new Map<string, string>();
    for (const f of formsOf(entity)) {
      const k = nameKey(f);
      if (k) forms.set(k, forms.has(k) ? betterForm(forms.get(k)!, f) : f);
    }
    const keys = [...forms.keys()].sort();
    const row: LinkRow = {
      articleId,
      entityId,
      mentionCount: entity.mentions.length,
      salience: entity.salience,
      resolvedFrom,
      name: entity.name,
      forms: keys.map((k) => forms.get(k)!),
      formKeys: keys,
      fullKeys: resolvedFrom === null ? [...fullForms(entity).keys()].sort() : [],
      vouches: resolvedFrom === null ? vouchesOf(entity) : [],
    };
    const prev = rows.get(entityId);
    rows.set(entityId, prev ? combineRows(prev, row) : row);
  });
  return [...rows.values()];
}

/**
 * Rule 3 and 4: after an article's links are written, re-resolves every weak key whose candidates may have
 * changed, re-derives the names and aliases of the entities involved, and deletes entities left with no articles.
 *
 * @param entityIds entities the article touched (linked now, linked before an update, created or merged)
 * @param weakRefs weak keys to re-resolve beyond those the touched entities' full links vouch for (the article's
 *   own weak links, and what its previous version vouched for)
 */
export async function settleResolution(tx: EntityManager, entityIds: string[], weakRefs: WeakRef[]): Promise<Set<string>> {
  const touched = new Set(entityIds);
  const movedArticles = new Set<string>();
  const refs = new Map(weakRefs.map((r) => [`${r.kind}:${r.key}`, r]));
  if (touched.size) {
    const vouched = (await tx.query(
      `SELECT DISTINCT e.kind, v.key FROM article_entity ae JOIN entity e ON e.id = ae.entity_id, unnest(ae.vouches) AS v(key)
        WHERE ae.entity_id = ANY($1::bigint[]) AND ae.resolved_from IS NULL`,
      [[...touched]],
    )) as WeakRef[];
    for (const r of vouched) refs.set(`${r.kind}:${r.key}`, r);
  }
  if (refs.size) {
    const list = [...refs.values()];
    const best = await bestCandidates(tx, list);
    // Only the links not already where they belong: on the best candidate, or (with none) on a placeholder.
    const links = (await tx.query(
      `SELECT ae.article_id::text, ae.entity_id::text, ae.resolved_from, ae.name, e.kind
         FROM unnest($1::text[], $2::text[], $3::bigint[]) t(kind, weak, target)
         CROSS JOIN LATERAL (SELECT * FROM article_entity ae WHERE ae.resolved_from = t.weak OFFSET 0) ae
         CROSS JOIN LATERAL (SELECT e.kind, e.name_key FROM entity e WHERE e.id = ae.entity_id OFFSET 0) e
        WHERE e.kind = t.kind AND CASE WHEN t.target IS NULL THEN e.name_key <> t.weak ELSE ae.entity_id <> t.target END
        ORDER BY ae.article_id, ae.entity_id`,
      [list.map((r) => r.kind), list.map((r) => r.key), list.map((r) => best.get(`${r.kind}:${r.key}`) ?? null)],
    )) as { article_id: string; entity_id: string; resolved_from: string; name: string | null; kind: EntityKind }[];
    // No full name vouches for these any more: they belong on the placeholder of their weak form.
    const orphaned = [...new Map(links.filter((l) => !best.has(`${l.kind}:${l.resolved_from}`)).map((l) => [`${l.kind}:${l.resolved_from}`, l])).values()];
    const placeholders = await findOrCreateEntities(
      tx,
      orphaned.map((l) => ({
        kind: l.kind,
        name: links.filter((x) => x.kind === l.kind && x.resolved_from === l.resolved_from && x.name).map((x) => x.name!).sort()[0] ?? l.resolved_from,
        key: l.resolved_from,
        surname: null,
      })),
    );
    orphaned.forEach((l, n) => best.set(`${l.kind}:${l.resolved_from}`, placeholders[n]));
    const moves: LinkMove[] = links.map((l) => ({ articleId: l.article_id, fromId: l.entity_id, toId: best.get(`${l.kind}:${l.resolved_from}`)! }));
    for (const m of moves) {
      touched.add(m.fromId).add(m.toId);
      movedArticles.add(m.articleId);
    }
    await moveLinks(tx, moves);
  }
  const ids = [...touched];
  await refreshDerived(tx, ids, surnameKey);
  await pruneOrphans(tx, ids);
  return movedArticles;
}
