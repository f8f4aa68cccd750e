/**
 * persist: one parsed and extracted article → its rows, in one transaction.
 *
 * Identity is the article's source key (file path relative to the ingested folder, or the URL it was submitted
 * with). Same key and same content hash → unchanged, nothing written; same key, new content → updated in place
 * (its mentions replaced); a new key → a new article, even when the text equals another article's.
 *
 * Writes are serialised across every process sharing the database by a transaction-scoped advisory lock: entity
 * resolution reads the entity table and then writes to it, and two ingests interleaving there could create the
 * same person twice. Ingestion is a background job measured in articles per second, so one writer at a time costs
 * little and keeps resolution deterministic. Curation mutations (src/domain/curation) take the same lock.
 *
 * Inside the transaction: the article row → editors' mention suppressions applied to the extraction → entity
 * resolution (./link.ts: find, create or merge entities; write links and mentions; settle weak forms and derived
 * names and aliases) → related stories (src/related).
 */
import type { EntityManager } from "typeorm";
import type { Database } from "../db/data-source";
import { updateRelated } from "../related/update";
import { salience } from "./extract";
import { buildLinkRows, resolveArticleEntities, settleResolution, type LinkedEntity, type WeakRef } from "./link";
import { upsertLinks } from "./link-store";
import { codePointLength, countWords, sha256, slugSuffix, slugify } from "./normalise";
import type { EntityKind, ExtractedEntity, Extraction, ParsedArticle } from "./types";

/** Key of the advisory lock every ingest transaction holds (see the module comment). */
export const INGEST_LOCK_KEY = "7378226373821792001";

/** What the caller says about an article beyond its text. */
export interface ArticleMetadata {
  /** The article's identity: relative file path or submitted URL. Required, non-empty. */
  sourceKey: string;
  /** Publisher name, overriding the source line of the text when given. */
  source?: string | null;
  /** Section of the publication ("politics"), from `--section` or the folder name. */
  section?: string | null;
  /** Canonical URL of the article, when known. */
  url?: string | null;
  /** Publication time given by the caller; a dateline in the text takes precedence. */
  publishedAt?: Date | null;
}

/** What happened to one article. */
export type PersistStatus = "ingested" | "updated" | "unchanged";

/** The outcome of persisting one article. */
export interface PersistResult {
  status: PersistStatus;
  /** Database id of the article (string: bigint). */
  articleId: string;
  slug: string;
  headline: string;
  /** Number of resolved entities linked to the article (0 when unchanged: nothing was recomputed). */
  entityCount: number;
}

/**
 * The content hash deciding "unchanged": covers the text as parsed and every caller-supplied field that is
 * stored, so re-ingesting with a new `--section` counts as an update.
 */
export function contentHash(text: string, meta: ArticleMetadata): string {
  return sha256(
    JSON.stringify([text, meta.source ?? null, meta.section ?? null, meta.url ?? null, meta.publishedAt?.toISOString() ?? null]),
  );
}

/**
 * Writes one article with its entities and mentions atomically: either all of it is stored or nothing is.
 *
 * @param db the open database
 * @param text the decoded article text (hashed to detect changes)
 * @param parsed its parse
 * @param extraction its entities
 * @param meta identity and caller-supplied fields
 */
export async function persistArticle(
  db: Database,
  text: string,
  parsed: ParsedArticle,
  extraction: Extraction,
  meta: ArticleMetadata,
): Promise<PersistResult> {
  if (!meta.sourceKey) throw new Error("persistArticle needs a non-empty sourceKey");
  const hash = contentHash(text, meta);
  return db.dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [INGEST_LOCK_KEY]);
    const [existing] = (await tx.query(
      `SELECT id, slug, content_hash FROM article WHERE source_key = $1`,
      [meta.sourceKey],
    )) as { id: string; slug: string; content_hash: string }[];
    if (existing && existing.content_hash === hash) {
      return { status: "unchanged", articleId: existing.id, slug: existing.slug, headline: parsed.headline, entityCount: 0 };
    }

    const fields = articleFields(parsed, meta, hash);
    let articleId: string;
    let slug: string;
    let previous: { entity_id: string; kind: EntityKind; resolved_from: string | null; vouches: string[] }[] = [];
    if (existing) {
      articleId = existing.id;
      slug = existing.slug;
      // What the old version linked and vouched for: those entities and weak forms are re-resolved below.
      previous = await tx.query(
        `SELECT ae.entity_id::text, e.kind, ae.resolved_from, ae.vouches
           FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE ae.article_id = $1`,
        [articleId],
      );
      await tx.query(`DELETE FROM mention WHERE article_id = $1`, [articleId]);
      await tx.query(`DELETE FROM article_entity WHERE article_id = $1`, [articleId]);
      await tx.query(
        `UPDATE article SET content_hash = $2, headline = $3, paragraphs = $4, body = $5, photo_caption = $6,
                source = $7, section = $8, url = $9, word_count = $10, related_headlines = $11, published_at = $12,
                updated_at = now()
          WHERE id = $1`,
        [articleId, ...fields],
      );
    } else {
      slug = await uniqueArticleSlug(tx, parsed.headline, meta.sourceKey);
      const [row] = (await tx.query(
        `INSERT INTO article (content_hash, headline, paragraphs, body, photo_caption, source, section, url, word_count,
                              related_headlines, published_at, source_key, slug)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [...fields, meta.sourceKey, slug],
      )) as { id: string }[];
      articleId = row.id;
    }

    // Mentions an editor removed stay removed (src/domain/curation): applied before anything is linked.
    const entities = existing ? await applySuppressions(tx, articleId, extraction.entities) : extraction.entities;
    const { linked, touched } = await resolveArticleEntities(tx, entities);
    const rows = buildLinkRows(articleId, entities, linked);
    await upsertLinks(tx, rows);
    await insertMentions(tx, articleId, { ...extraction, entities }, linked);
    const weakRefs: WeakRef[] = [
      ...entities.flatMap((e, i) => (linked[i].resolvedFrom ? [{ kind: e.kind, key: linked[i].resolvedFrom! }] : [])),
      ...previous.flatMap((p) => [...p.vouches, ...(p.resolved_from ? [p.resolved_from] : [])].map((key) => ({ kind: p.kind, key }))),
    ];
    const moved = await settleResolution(tx, [...touched, ...previous.map((p) => p.entity_id)], weakRefs);
    // Related stories, duplicates and publisher links of this article and the stories it touches (src/related).
    await updateRelated(tx, articleId);
    // Stories whose links this article re-resolved ("Mr Quill" now on Albert Quill) have new shared entities
    // with third stories too: recompute their pairs now rather than leaving them stale until a rebuild.
    for (const other of moved) if (other !== articleId) await updateRelated(tx, other);
    return {
      status: existing ? "updated" : "ingested",
      articleId,
      slug,
      headline: parsed.headline,
      entityCount: rows.length,
    };
  });
}

/** Column values shared by insert and update, in the order both statements use. */
function articleFields(parsed: ParsedArticle, meta: ArticleMetadata, hash: string): unknown[] {
  const body = parsed.paragraphs.join("\n\n");
  const words = countWords([parsed.headline, body].join("\n"));
  return [
    hash,
    parsed.headline,
    parsed.paragraphs,
    body,
    parsed.photoCaption,
    meta.source ?? parsed.source,
    meta.section ?? null,
    meta.url ?? null,
    words,
    parsed.relatedHeadlines,
    parsed.publishedAt ?? meta.publishedAt ?? null,
  ];
}

/** A slug from the headline; on collision, the headline slug plus a short hash of the source key. */
async function uniqueArticleSlug(tx: EntityManager, headline: string, sourceKey: string): Promise<string> {
  const base = slugify(headline);
  const candidates = [base, `${base}-${slugSuffix(sourceKey)}`];
  for (let i = 2; candidates.length < 12; i++) candidates.push(`${base}-${slugSuffix(`${sourceKey}#${i}`)}`);
  const taken = new Set(
    ((await tx.query(`SELECT slug FROM article WHERE slug = ANY($1)`, [candidates])) as { slug: string }[]).map((r) => r.slug),
  );
  const free = candidates.find((c) => !taken.has(c));
  if (!free) throw new Error(`No free slug for headline ${JSON.stringify(headline)}`);
  return free;
}

/**
 * Inserts every mention of the article in one statement, each under the stored entity its extracted entity
 * resolved to.
 *
 * @throws Error when the extractor produced a mention whose text does not span its offsets (a bug upstream)
 */
async function insertMentions(tx: EntityManager, articleId: string, extraction: Extraction, linked: LinkedEntity[]): Promise<void> {
  const mentionRows: unknown[][] = [];
  extraction.entities.forEach((entity, i) => {
    for (const m of entity.mentions) {
      if (m.end <= m.start || codePointLength(m.text) !== m.end - m.start) {
        throw new Error(`Extractor produced an inconsistent mention ${JSON.stringify(m)} for ${entity.name}`);
      }
      mentionRows.push([linked[i].entityId, m.section, m.paragraph, m.start, m.end, m.text]);
    }
  });
  if (!mentionRows.length) return;
  const col = (k: number) => mentionRows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO mention (article_id, entity_id, section, paragraph, start_offset, end_offset, text, extractor, extractor_version)
     SELECT $1, e, s, p, st, en, tx, $8, $9
       FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[]) AS t(e, s, p, st, en, tx)`,
    [articleId, col(0), col(1), col(2), col(3), col(4), col(5), extraction.extractor, extraction.version],
  );
}

/** A mention an editor removed, as stored in `mention_suppression`. */
interface Suppression {
  kind: EntityKind;
  section: string;
  paragraph: number;
  start_offset: number;
  text: string;
}

/**
 * Drops the extracted mentions editors removed from this article. Each suppression removes one mention: of the
 * same kind, section and surface text, the one nearest its stored position (paragraph first, then offset), so it
 * still applies when a corrected text shifts paragraphs or offsets. When a suppression applied, salience is
 * recomputed from the mentions that remain (same formula as extraction).
 */
async function applySuppressions(tx: EntityManager, articleId: string, entities: ExtractedEntity[]): Promise<ExtractedEntity[]> {
  const rules = (await tx.query(
    `SELECT kind, section, paragraph, start_offset, text FROM mention_suppression WHERE article_id = $1 ORDER BY id`,
    [articleId],
  )) as Suppression[];
  if (!rules.length) return entities;
  const kept = entities.map((e) => ({ ...e, mentions: [...e.mentions] }));
  let applied = false;
  for (const rule of rules) {
    let bestAt: [number, number] | null = null;
    let bestDistance = Infinity;
    kept.forEach((e, ei) => {
      if (e.kind !== rule.kind) return;
      e.mentions.forEach((m, mi) => {
        if (m.section !== rule.section || m.text !== rule.text) return;
        const distance = Math.abs(m.paragraph - rule.paragraph) * 1e6 + Math.abs(m.start - rule.start_offset);
        if (distance < bestDistance) [bestDistance, bestAt] = [distance, [ei, mi]];
      });
    });
    if (bestAt) {
      kept[bestAt[0]].mentions.splice(bestAt[1], 1);
      applied = true;
    }
  }
  if (!applied) return entities;
  const remaining = kept.filter((e) => e.mentions.length);
  const maxMentions = Math.max(1, ...remaining.map((e) => e.mentions.length));
  return remaining.map((e) => ({
    ...e,
    salience: salience({
      mentions: e.mentions.length,
      maxMentions,
      inHeadline: e.mentions.some((m) => m.section === "HEADLINE"),
      inLead: e.mentions.some((m) => m.section === "BODY" && m.paragraph === 0),
    }),
  }));
}
