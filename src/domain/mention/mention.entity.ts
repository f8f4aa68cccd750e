import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import type { ArticleSection } from "../../ingest/types";

/**
 * That an article mentions an entity, with how often and how central it is to the story.
 * Table `article_entity`, one row per (article, entity).
 */
@Entity({ name: "article_entity" })
export class ArticleEntityRecord {
  @PrimaryColumn({ name: "article_id", type: "bigint" })
  articleId: string;

  @PrimaryColumn({ name: "entity_id", type: "bigint" })
  entityId: string;

  /** How many times the article mentions the entity (headline, body and caption together). */
  @Column({ name: "mention_count", type: "integer" })
  mentionCount: number;

  /** 0–1: how central the entity is to the story; formula in src/ingest/extract (salience). */
  @Column({ type: "double precision" })
  salience: number;

  /**
   * Set when the article named the entity only by a bare surname or acronym (its normalised form): such links
   * are re-resolved across articles as fuller names appear. Null when the article gave the full name.
   */
  @Column({ name: "resolved_from", type: "text", nullable: true })
  resolvedFrom: string | null;

  /** The canonical name the article gave the entity (for a weak link, the weak form); an entity's display name is the most common of these. */
  @Column({ type: "text", nullable: true })
  name: string | null;

  /** The surface forms the article used for the entity, titles stripped; its aliases are derived from these. */
  @Column({ type: "text", array: true, default: () => "'{}'" })
  forms: string[];

  /** `nameKey` of each of `forms`, in the same order. */
  @Column({ name: "form_keys", type: "text", array: true, default: () => "'{}'" })
  formKeys: string[];

  /** For a full-name link: the keys of its full forms, by which later articles' full names find the entity. */
  @Column({ name: "full_keys", type: "text", array: true, default: () => "'{}'" })
  fullKeys: string[];

  /** For a full-name link: the weak keys it vouches for (a person's surname, an organisation's acronyms); see src/ingest/link.ts. */
  @Column({ type: "text", array: true, default: () => "'{}'" })
  vouches: string[];
}

/**
 * One occurrence of an entity in an article, with its exact place: section, paragraph index and
 * code-point offsets into that paragraph (end exclusive), the surface text, and which extractor found it.
 */
@Entity({ name: "mention" })
export class MentionRecord {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column({ name: "article_id", type: "bigint" })
  articleId: string;

  @Column({ name: "entity_id", type: "bigint" })
  entityId: string;

  @Column({ type: "text" })
  section: ArticleSection;

  @Column({ type: "integer" })
  paragraph: number;

  @Column({ name: "start_offset", type: "integer" })
  start: number;

  @Column({ name: "end_offset", type: "integer" })
  end: number;

  @Column({ type: "text" })
  text: string;

  @Column({ type: "text" })
  extractor: string;

  @Column({ name: "extractor_version", type: "text" })
  extractorVersion: string;
}
