import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * A news story as stored: the parsed text (headline, body paragraphs, photo caption), where it came from
 * (`sourceKey`, `source`, `url`) and when. Table `article`, created by the migrations in `src/db/migrations`.
 */
@Entity({ name: "article" })
export class ArticleRecord {
  /** Database key; GraphQL clients see it wrapped in a global ID. bigint comes back from pg as a string. */
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  /** Identity of the article: the file path relative to the ingested folder, or the URL it was submitted with. */
  @Column({ name: "source_key", type: "text", unique: true })
  sourceKey: string;

  /** SHA-256 (hex) of the decoded, NFC-normalised text plus ingest options; unchanged hash = nothing to write. */
  @Column({ name: "content_hash", type: "text" })
  contentHash: string;

  @Column({ type: "text", unique: true })
  slug: string;

  @Column({ type: "text" })
  headline: string;

  /** Body paragraphs, NFC; mention offsets index into these. */
  @Column({ type: "text", array: true })
  paragraphs: string[];

  /** The paragraphs joined with blank lines. */
  @Column({ type: "text" })
  body: string;

  @Column({ name: "photo_caption", type: "text", nullable: true })
  photoCaption: string | null;

  @Column({ type: "text", nullable: true })
  source: string | null;

  @Column({ type: "text", nullable: true })
  section: string | null;

  @Column({ type: "text", nullable: true })
  url: string | null;

  @Column({ name: "word_count", type: "integer" })
  wordCount: number;

  @Column({ name: "related_headlines", type: "text", array: true, default: () => "'{}'" })
  relatedHeadlines: string[];

  @Column({ name: "published_at", type: "timestamptz", nullable: true })
  publishedAt: Date | null;

  @Column({ name: "ingested_at", type: "timestamptz", default: () => "now()" })
  ingestedAt: Date;

  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" })
  updatedAt: Date;
}
