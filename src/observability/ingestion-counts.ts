/**
 * Process-wide counts of ingested articles by outcome, for the `storygraph_articles_ingested_total` metric.
 *
 * Why a plain module-level tally instead of a prom-client Counter: ingestion runs from several places (seeding at
 * start-up, the `ingestArticle` mutation, tests that build several servers in one process), while each server
 * owns its own metrics registry. Every registry reads this one tally when scraped (see metrics.ts), so no
 * registry has to be reachable from the ingestion code and none double-registers a metric.
 */

/** Outcomes counted: the statuses of src/ingest/ingest.ts `FileResult`. */
export type IngestionOutcome = "ingested" | "updated" | "unchanged" | "failed";

const counts: Record<IngestionOutcome, number> = { ingested: 0, updated: 0, unchanged: 0, failed: 0 };

/** Counts one article (or file) ingested with the given outcome. */
export function recordIngestion(outcome: IngestionOutcome): void {
  counts[outcome]++;
}

/** A copy of the counts since the process started. */
export function ingestionCounts(): Readonly<Record<IngestionOutcome, number>> {
  return { ...counts };
}
