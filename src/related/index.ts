/**
 * Related stories, duplicates and publisher links: the public surface of src/related.
 *
 * - score.ts: the formula, its weights and the duplicate rule (the one place they are defined)
 * - components.ts: the SQL reading what the formula needs for one article against the corpus
 * - update.ts: the incremental update run inside each ingest transaction
 * - rebuild.ts: recomputing everything (`npm run related:rebuild`)
 */
export { updateRelated, clearRelated, type RelatedUpdate } from "./update";
export { rebuildRelated, type RebuildResult } from "./rebuild";
export * from "./score";
