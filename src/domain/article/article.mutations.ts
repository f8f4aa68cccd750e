/**
 * Writes over GraphQL: `ingestArticle`, `updateArticle`, `deleteArticle`. Each starts with the write-access check
 * of src/auth.ts (UNAUTHENTICATED without a valid token, FORBIDDEN when the server has writes disabled); input
 * that breaks a rule is BAD_USER_INPUT naming the rule; an ID naming no article is NOT_FOUND. A write is one
 * transaction, visible to the next query at once.
 */
import { createHash } from "node:crypto";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireWriteAccess } from "../../auth";
import type { Context } from "../../context";
import { BadUserInputError, NotFoundError } from "../../errors";
import { ArticleInputError, decodeArticle } from "../../ingest/decode";
import { ingestText } from "../../ingest/ingest";
import type { ArticleMetadata } from "../../ingest/persist";
import { recordIngestion } from "../../observability/ingestion-counts";
import { expectGlobalId, toGlobalId } from "../node/global-id";
import { Article } from "./article.type";
import {
  DeleteArticlePayload,
  IngestArticleInput,
  IngestArticlePayload,
  IngestStatus,
  UpdateArticleInput,
  UpdateArticlePayload,
} from "./article.write-inputs";
import { deleteStoredArticle, findStoredArticle, updateArticleMetadata } from "./article.writes";

/** Longest `source` or `section`, in characters. */
export const MAX_LABEL_LENGTH = 200;
/** Longest `url`, in characters. */
export const MAX_URL_LENGTH = 2048;

/** The source key of an article sent without a URL: stable for the same text. */
export function textSourceKey(text: string): string {
  return `graphql/${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

/** Decodes submitted text like a file (size, NUL, line endings, NFC), as BAD_USER_INPUT when it breaks a rule. */
function decodeText(text: string): string {
  try {
    return decodeArticle(Buffer.from(text, "utf8"));
  } catch (err) {
    if (err instanceof ArticleInputError) throw new BadUserInputError(`Argument "text" ${err.message}.`, { argumentName: "text", reason: err.code });
    throw err;
  }
}

/** A trimmed label of 1–200 characters, or null; undefined stays undefined (left out). */
function label(value: string | null | undefined, argument: string): string | null | undefined {
  if (value == null) return value;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LABEL_LENGTH) {
    throw new BadUserInputError(`Argument "${argument}" must be 1 to ${MAX_LABEL_LENGTH} characters (or null), but got ${value.length} characters.`, {
      argumentName: argument,
    });
  }
  return trimmed;
}

/** An absolute http(s) URL of at most 2048 characters, or null; undefined stays undefined. */
function articleUrl(value: string | null | undefined, argument: string): string | null | undefined {
  if (value == null) return value;
  let ok = false;
  try {
    const u = new URL(value);
    ok = (u.protocol === "http:" || u.protocol === "https:") && value.length <= MAX_URL_LENGTH;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new BadUserInputError(
      `Argument "${argument}" must be an absolute http or https URL of at most ${MAX_URL_LENGTH} characters, but got: ${JSON.stringify(value.slice(0, 100))}`,
      { argumentName: argument },
    );
  }
  return value;
}

/** Runs ingestion, mapping a refused text to BAD_USER_INPUT and counting the outcome for /metrics. */
async function ingest(ctx: Context, text: string, meta: ArticleMetadata) {
  try {
    const result = await ingestText(ctx.db, text, meta);
    recordIngestion(result.status);
    return result;
  } catch (err) {
    if (err instanceof ArticleInputError) {
      recordIngestion("failed");
      throw new BadUserInputError(`Argument "text" ${err.message}.`, { argumentName: "text", reason: err.code });
    }
    throw err;
  }
}

/** Reads an article fresh (never from this request's cache: the write just changed it). */
async function reload(ctx: Context, key: string): Promise<Article> {
  const row = await ctx.loaders.articleByKey.clear(key).load(key);
  if (!row) throw new Error(`Article ${key} vanished right after it was written`);
  return Article.fromRow(row);
}

@Resolver()
export class ArticleMutationResolver {
  @Mutation(() => IngestArticlePayload, {
    description:
      "Ingests one article from its text: parses it, finds the people, organisations and places it mentions, and stores it. The article's identity is its `url` when given, else the SHA-256 of its text: sending the same again is UNCHANGED, new text or metadata for the same URL is UPDATED. Needs the write token.",
  })
  async ingestArticle(
    @Arg("input", () => IngestArticleInput, { description: "The article text and what is known about it." }) input: IngestArticleInput,
    @Ctx() ctx: Context,
  ): Promise<IngestArticlePayload> {
    requireWriteAccess(ctx.auth);
    const url = articleUrl(input.url, "input.url") ?? null;
    const meta = {
      source: label(input.source, "input.source") ?? null,
      section: label(input.section, "input.section") ?? null,
      url,
      publishedAt: input.publishedAt ?? null,
    };
    const text = decodeText(input.text);
    const result = await ingest(ctx, text, { sourceKey: url ?? textSourceKey(text), ...meta });
    const payload = new IngestArticlePayload();
    payload.status = result.status.toUpperCase() as IngestStatus;
    payload.article = await reload(ctx, result.articleId);
    return payload;
  }

  @Mutation(() => UpdateArticlePayload, {
    description:
      "Changes a stored article: new text (parsed and linked again, same ID and slug) and/or its source, section, URL and publication time. Fields left out keep their values. NOT_FOUND when no article has the ID. Needs the write token.",
  })
  async updateArticle(
    @Arg("id", () => ID, { description: "Global ID of the article to change." }) id: string,
    @Arg("input", () => UpdateArticleInput, { description: "The fields to change." }) input: UpdateArticleInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateArticlePayload> {
    requireWriteAccess(ctx.auth);
    const { key } = expectGlobalId(id, ["Article"], "id");
    const stored = await findStoredArticle(ctx.db, key);
    if (!stored) throw new NotFoundError(`No article has the ID ${JSON.stringify(id)}.`, { argumentName: "id" });
    if (input.text === null) throw new BadUserInputError('Argument "input.text" cannot be null: leave it out to keep the text.', { argumentName: "input.text" });
    const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
    const change = {
      source: pick(label(input.source, "input.source"), stored.source),
      section: pick(label(input.section, "input.section"), stored.section),
      url: pick(articleUrl(input.url, "input.url"), stored.url),
      publishedAt: pick(input.publishedAt, stored.publishedAt),
    };
    if (input.text !== undefined) {
      await ingest(ctx, decodeText(input.text), { sourceKey: stored.sourceKey, ...change });
    } else if (!(await updateArticleMetadata(ctx.db, key, change))) {
      throw new NotFoundError(`No article has the ID ${JSON.stringify(id)}.`, { argumentName: "id" });
    }
    const payload = new UpdateArticlePayload();
    payload.article = await reload(ctx, key);
    return payload;
  }

  @Mutation(() => DeleteArticlePayload, {
    description:
      "Deletes an article with its mentions and links; people, organisations and places no other article mentions are deleted too. NOT_FOUND when no article has the ID. Needs the write token.",
  })
  async deleteArticle(
    @Arg("id", () => ID, { description: "Global ID of the article to delete." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<DeleteArticlePayload> {
    requireWriteAccess(ctx.auth);
    const { key } = expectGlobalId(id, ["Article"], "id");
    const headline = await deleteStoredArticle(ctx.db, key);
    if (headline === null) throw new NotFoundError(`No article has the ID ${JSON.stringify(id)}.`, { argumentName: "id" });
    ctx.loaders.articleByKey.clear(key);
    const payload = new DeleteArticlePayload();
    payload.deletedId = toGlobalId("Article", key);
    payload.headline = headline;
    return payload;
  }
}
