import { ChildEntity, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, TableInheritance } from "typeorm";
import type { EntityKind } from "../../ingest/types";

/**
 * A resolved named entity: one row per real-world person, organisation or place across all stories.
 * People, organisations and places share the `entity` table (single-table inheritance on `kind`),
 * so the article–entity link and mentions need one foreign key, not three.
 */
@Entity({ name: "entity" })
@TableInheritance({ column: { name: "kind", type: "text" } })
export class EntityRecord {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column({ type: "text" })
  kind: EntityKind;

  /** Display name: the fullest form seen, titles stripped, accents kept (NFC). */
  @Column({ type: "text" })
  name: string;

  /** `name` normalised for matching (see `nameKey` in src/ingest/normalise.ts); unique per kind. */
  @Column({ name: "name_key", type: "text" })
  nameKey: string;

  /** For people with a full name: the normalised surname without particles ("al-Assad" → "assad"). */
  @Column({ name: "surname_key", type: "text", nullable: true })
  surnameKey: string | null;

  @Column({ type: "text", unique: true })
  slug: string;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}

/** A person (`kind = 'PERSON'`). */
@ChildEntity("PERSON")
export class PersonRecord extends EntityRecord {}

/** An organisation: company, party, agency, news organisation (`kind = 'ORGANISATION'`). */
@ChildEntity("ORGANISATION")
export class OrganisationRecord extends EntityRecord {}

/** A place: country, city, region (`kind = 'PLACE'`). */
@ChildEntity("PLACE")
export class PlaceRecord extends EntityRecord {}

/** Another name the same entity goes by ("Kerry", "Tories"); `aliasKey` is its normalised form. */
@Entity({ name: "entity_alias" })
export class EntityAliasRecord {
  @PrimaryColumn({ name: "entity_id", type: "bigint" })
  entityId: string;

  @PrimaryColumn({ name: "alias_key", type: "text" })
  aliasKey: string;

  @Column({ type: "text" })
  alias: string;
}
