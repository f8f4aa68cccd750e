/**
 * Editorial curation over GraphQL: `mergeEntities`, `addAlias`, `removeMention`, and the `entityChanges` audit
 * trail. Every field starts with the write-access check of src/auth.ts (UNAUTHENTICATED without a valid token,
 * FORBIDDEN when the server has writes disabled); the work is in ./curation.service.ts.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireWriteAccess } from "../../auth";
import type { Context } from "../../context";
import { BadUserInputError } from "../../errors";
import { Article } from "../article/article.type";
import { Entity } from "../entity/entity.type";
import { expectGlobalId } from "../node/global-id";
import { addAlias, listChanges, MAX_CHANGES, mergeEntities, removeMention } from "./curation.service";
import { EntityChange } from "./curation.type";

const ENTITY_TYPES = ["Person", "Organisation", "Place"] as const;
/** The most entities one `mergeEntities` call merges. */
export const MAX_MERGE_SOURCES = 100;

/** Loads an entity a mutation just wrote, through the request's loader. */
async function entityOf(key: string, { loaders }: Context): Promise<Entity> {
  const row = await loaders.entityByKey.load(key);
  if (!row) throw new Error(`Entity ${key} vanished within its own mutation`);
  return Entity.fromRow(row);
}

@Resolver()
export class CurationResolver {
  @Mutation(() => Entity, {
    description:
      "Merges entities into `targetId` (all of one kind): their articles, mentions and aliases move to it; their names become aliases of it, so re-ingested stories follow the merge; their IDs and slugs keep resolving to it; its name is kept. Recorded in `entityChanges`. Returns the target.",
  })
  async mergeEntities(
    @Arg("sourceIds", () => [ID], { description: `Global IDs of the entities to merge away (1–${MAX_MERGE_SOURCES}).` }) sourceIds: string[],
    @Arg("targetId", () => ID, { description: "Global ID of the entity that survives." }) targetId: string,
    @Ctx() ctx: Context,
  ): Promise<Entity> {
    const { actor } = requireWriteAccess(ctx.auth);
    if (sourceIds.length < 1 || sourceIds.length > MAX_MERGE_SOURCES) {
      throw new BadUserInputError(`Argument "sourceIds" takes 1 to ${MAX_MERGE_SOURCES} IDs, but got: ${sourceIds.length}`, { argumentName: "sourceIds" });
    }
    const sources = sourceIds.map((id) => expectGlobalId(id, ENTITY_TYPES, "sourceIds").key);
    const target = expectGlobalId(targetId, ENTITY_TYPES, "targetId").key;
    return entityOf(await mergeEntities(ctx.db, actor, sources, target), ctx);
  }

  @Mutation(() => Entity, {
    description:
      "Adds an alias to an entity. It is kept whatever articles say later; a one-word person alias (\"Brown\") or an acronym makes every bare mention of that form resolve to this entity. Refused when it already names another entity of the kind (merge them instead). Recorded in `entityChanges`. Returns the entity.",
  })
  async addAlias(
    @Arg("entityId", () => ID, { description: "Global ID of the person, organisation or place." }) entityId: string,
    @Arg("alias", () => String, { description: "The other name, 1–200 characters; titles such as \"Mr\" belong outside it." }) alias: string,
    @Ctx() ctx: Context,
  ): Promise<Entity> {
    const { actor } = requireWriteAccess(ctx.auth);
    const key = expectGlobalId(entityId, ENTITY_TYPES, "entityId").key;
    return entityOf(await addAlias(ctx.db, actor, key, alias), ctx);
  }

  @Mutation(() => Article, {
    description:
      "Removes a wrongly found mention. It stays removed when the article is ingested again (matched by kind, section and text, nearest the same place); the entity leaves the article with its last mention, and salience is recomputed. Recorded in `entityChanges`. Returns the article.",
  })
  async removeMention(
    @Arg("mentionId", () => ID, { description: "Global ID of the mention (`Mention.id`)." }) mentionId: string,
    @Ctx() ctx: Context,
  ): Promise<Article> {
    const { actor } = requireWriteAccess(ctx.auth);
    const key = expectGlobalId(mentionId, ["Mention"], "mentionId").key;
    const articleKey = await removeMention(ctx.db, actor, key);
    const row = await ctx.loaders.articleByKey.load(articleKey);
    if (!row) throw new Error(`Article ${articleKey} vanished within its own mutation`);
    return Article.fromRow(row);
  }

  @Query(() => [EntityChange], {
    description:
      "The audit trail of curation changes, newest first: all of them, or those about one entity (including entities merged into it). Needs write access, like the mutations.",
  })
  async entityChanges(
    @Arg("entityId", () => ID, { nullable: true, description: "Only changes about this person, organisation or place." }) entityId: string | null,
    @Arg("first", () => Int, { defaultValue: 20, description: `How many changes, 1–${MAX_CHANGES}.` }) first: number,
    @Ctx() ctx: Context,
  ): Promise<EntityChange[]> {
    requireWriteAccess(ctx.auth);
    if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES) {
      throw new BadUserInputError(`Argument "first" must be 1 to ${MAX_CHANGES}, but got: ${first}`, { argumentName: "first" });
    }
    let key: string | null = null;
    if (entityId != null) {
      key = expectGlobalId(entityId, ENTITY_TYPES, "entityId").key;
      // An old ID of a merged entity means the survivor.
      const row = await ctx.loaders.entityByKey.load(key);
      if (row) key = String(row.id);
    }
    return (await listChanges(ctx.db, key, first)).map(EntityChange.fromRow);
  }
}

@Resolver(() => EntityChange)
export class EntityChangeResolver {
  @FieldResolver(() => Entity, {
    nullable: true,
    description: "The entity the change is about as it is now (the survivor, after a merge); null when it no longer exists.",
  })
  async entity(@Root() change: EntityChange, @Ctx() { loaders }: Context): Promise<Entity | null> {
    if (!change.entityKey) return null;
    const row = await loaders.entityByKey.load(change.entityKey);
    return row && Entity.fromRow(row);
  }
}
