import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestText } from "../../src/ingest/ingest";
import { rebuildRelated } from "../../src/related/rebuild";
import { updateRelated } from "../../src/related/update";
import { ENTITY_SHARE, PUBLISHER_LINK_SHARE, TEXT_SHARE, scorePair } from "../../src/related/score";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

const BUDGET = `Blair backs Brown over budget plans

Prime Minister Tony Blair said Chancellor Gordon Brown would set out the budget in London next month.

Mr Blair told the Labour Party that Mr Brown had his full support, and the Treasury agreed.
`;
const SPENDING = `Brown sets out spending plans

Chancellor Gordon Brown told the Labour Party conference that Tony Blair backed his spending plans.

Mr Brown said the Treasury would publish the budget figures in London.
`;
const VOLCANO = `Volcano erupts near Reykjavik

Scientists in Iceland said the eruption near Reykjavik was the largest for decades.

Flights across Norway were cancelled as ash drifted over the sea.
`;
const TAX = `Brown rules out tax rises before election

Chancellor Gordon Brown ruled out income tax rises, and Tony Blair said the budget would help families.

Mr Brown said the Treasury had planned for growth and the Labour Party would campaign on the economy.
`;

const RELATED = `query Related($slug: String!, $first: Int, $after: String, $minScore: Float) {
  article(slug: $slug) {
    headline
    duplicates { headline slug }
    related(first: $first, after: $after, minScore: $minScore) {
      pageInfo { hasNextPage endCursor }
      edges { cursor score node { slug headline } reasons { kind weight entity { __typename name } } }
    }
  }
}`;

describe("related stories", () => {
  let t: TestDatabase;
  let server: StorygraphServer;
  const slugs: Record<string, string> = {};

  const related = async (slug: string, vars: Record<string, unknown> = {}) => {
    const result = await execute(server.apollo, t.db, RELATED, { slug, ...vars });
    expect(result.errors).toBeUndefined();
    return result.data.article;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    for (const [key, text] of Object.entries({ budget: BUDGET, spending: SPENDING, volcano: VOLCANO })) {
      slugs[key] = (await ingestText(t.db, text, { sourceKey: `related/${key}.txt` })).slug;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("explains each related story by the entities the two share, with weights that sum to the score", async () => {
    const article = await related(slugs.budget);
    const [edge] = article.related.edges;
    expect(edge.node.slug).toBe(slugs.spending);
    expect(edge.score).toBeGreaterThan(0.2);
    expect(edge.score).toBeLessThanOrEqual(1);
    const sum = edge.reasons.reduce((s: number, r: any) => s + r.weight, 0);
    expect(Math.abs(sum - edge.score)).toBeLessThan(1e-9);
    const shared = edge.reasons.filter((r: any) => r.kind.startsWith("SHARED_")).map((r: any) => `${r.kind} ${r.entity.name}`);
    expect(shared).toEqual(expect.arrayContaining(["SHARED_PERSON Tony Blair", "SHARED_PERSON Gordon Brown", "SHARED_ORGANISATION Treasury"]));
    expect(edge.reasons.find((r: any) => r.kind === "TEXT_SIMILARITY")).toMatchObject({ entity: null });
    // Reasons come heaviest first.
    const weights = edge.reasons.map((r: any) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("leaves out a story with nothing in common", async () => {
    const article = await related(slugs.budget);
    expect(article.related.edges.map((e: any) => e.node.slug)).not.toContain(slugs.volcano);
    expect((await related(slugs.volcano)).related.edges).toEqual([]);
  });

  it("gives the same score in both directions", async () => {
    const there = (await related(slugs.budget)).related.edges.find((e: any) => e.node.slug === slugs.spending);
    const back = (await related(slugs.spending)).related.edges.find((e: any) => e.node.slug === slugs.budget);
    expect(back.score).toBeCloseTo(there.score, 12);
  });

  it("adds a newly ingested story to an existing story's related set without a rebuild", async () => {
    const before = await related(slugs.budget);
    expect(before.related.edges.map((e: any) => e.node.slug)).not.toContain("brown-rules-out-tax-rises-before-election");
    slugs.tax = (await ingestText(t.db, TAX, { sourceKey: "related/tax.txt" })).slug;
    const after = await related(slugs.budget);
    const edge = after.related.edges.find((e: any) => e.node.slug === slugs.tax);
    expect(edge).toBeDefined();
    expect(edge.reasons.some((r: any) => r.kind === "SHARED_PERSON" && r.entity.name === "Gordon Brown")).toBe(true);
    // The story it touched was updated in the same transaction; the volcano story was not touched.
    expect((await related(slugs.spending)).related.edges.map((e: any) => e.node.slug)).toContain(slugs.tax);
    expect((await related(slugs.volcano)).related.edges).toEqual([]);
  });

  it("filters by minScore and pages with cursors that give the same pages every time", async () => {
    const all = (await related(slugs.budget)).related.edges;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const scores = all.map((e: any) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const floor = (all[0].score + all[all.length - 1].score) / 2;
    const filtered = (await related(slugs.budget, { minScore: floor })).related.edges;
    expect(filtered.map((e: any) => e.node.slug)).toEqual(all.filter((e: any) => e.score >= floor).map((e: any) => e.node.slug));

    const first = (await related(slugs.budget, { first: 1 })).related;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await related(slugs.budget, { after: first.pageInfo.endCursor })).related;
    expect([...first.edges, ...rest.edges].map((e: any) => e.node.slug)).toEqual(all.map((e: any) => e.node.slug));
    const again = (await related(slugs.budget, { after: first.pageInfo.endCursor })).related;
    expect(again.edges.map((e: any) => e.cursor)).toEqual(rest.edges.map((e: any) => e.cursor));
  });

  it("refuses a minScore outside 0–1 and a foreign cursor", async () => {
    const bad = await execute(server.apollo, t.db, RELATED, { slug: slugs.budget, minScore: 1.5 });
    expect(bad.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const foreign = await execute(server.apollo, t.db, RELATED, { slug: slugs.budget, after: "bm90LWEtY3Vyc29y" });
    expect(foreign.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("lists an identical copy and a lightly edited copy as duplicates, never as related", async () => {
    const copy = await ingestText(t.db, BUDGET, { sourceKey: "related/budget-copy.txt" });
    const edited = await ingestText(t.db, BUDGET.replace("next month", "in March"), { sourceKey: "related/budget-edited.txt" });
    const article = await related(slugs.budget);
    expect(article.duplicates.map((d: any) => d.slug).sort()).toEqual([copy.slug, edited.slug].sort());
    const relatedSlugs = article.related.edges.map((e: any) => e.node.slug);
    expect(relatedSlugs).not.toContain(copy.slug);
    expect(relatedSlugs).not.toContain(edited.slug);
    expect((await related(copy.slug)).duplicates.map((d: any) => d.slug)).toContain(slugs.budget);
    // A story on another subject under the same kind of headline is not a duplicate.
    expect((await related(slugs.spending)).duplicates).toEqual([]);
  });

  it("links stories a publisher lists under Related Articles, whichever arrives first", async () => {
    const listing = `Labour sets election date

Tony Blair confirmed the date of the general election.

Related Articles

Brown sets out spending plans
Markets rally after rate cut
`;
    const source = await ingestText(t.db, listing, { sourceKey: "related/listing.txt" });
    let edges = (await related(source.slug)).related.edges;
    const toSpending = edges.find((e: any) => e.node.slug === slugs.spending);
    const link = toSpending.reasons.find((r: any) => r.kind === "PUBLISHER_LINK");
    expect(link.weight).toBeGreaterThan(0);
    expect(Math.abs(toSpending.reasons.reduce((s: number, r: any) => s + r.weight, 0) - toSpending.score)).toBeLessThan(1e-9);
    // The listed story that did not exist yet is linked when it arrives, though it shares nothing else.
    const later = await ingestText(t.db, "Markets rally after rate cut\n\nShares rose sharply in Frankfurt after the cut.\n", {
      sourceKey: "related/markets.txt",
    });
    edges = (await related(source.slug)).related.edges;
    const toMarkets = edges.find((e: any) => e.node.slug === later.slug);
    expect(toMarkets.reasons.map((r: any) => r.kind)).toContain("PUBLISHER_LINK");
    expect((await related(later.slug)).related.edges.map((e: any) => e.node.slug)).toContain(source.slug);
  });

  it("keeps a reason's weight, without its entity, when the entity is removed after the pair was computed", async () => {
    await t.db.dataSource.query(`DELETE FROM entity WHERE name = 'Treasury' AND kind = 'ORGANISATION'`);
    const edge = (await related(slugs.budget)).related.edges.find((e: any) => e.node.slug === slugs.spending);
    const orphan = edge.reasons.find((r: any) => r.kind === "SHARED_ORGANISATION" && r.entity === null);
    expect(orphan.weight).toBeGreaterThan(0);
    expect(Math.abs(edge.reasons.reduce((s: number, r: any) => s + r.weight, 0) - edge.score)).toBeLessThan(1e-9);
  });

  it("rebuilds every related set from scratch with the current statistics", async () => {
    const before = (await related(slugs.budget)).related.edges.map((e: any) => e.node.slug);
    await t.db.dataSource.query(`DELETE FROM article_related`);
    expect((await related(slugs.budget)).related.edges).toEqual([]);
    const progress: number[] = [];
    const result = await rebuildRelated(t.db, (done) => progress.push(done));
    expect(result.articles).toBe(progress[progress.length - 1]);
    expect(result.duplicates).toBe(3); // budget, its copy and its edited copy: three pairs
    const rebuilt = (await related(slugs.budget)).related.edges;
    expect(rebuilt.map((e: any) => e.node.slug).sort()).toEqual(before.sort());
    // The rebuild's snapshot of word statistics gives the scores a live update computes now.
    const [{ id }] = await t.db.dataSource.query(`SELECT id::text AS id FROM article WHERE slug = $1`, [slugs.budget]);
    await t.db.dataSource.transaction((tx) => updateRelated(tx, id));
    const live = (await related(slugs.budget)).related.edges;
    expect(live.map((e: any) => [e.node.slug, e.score.toFixed(12)])).toEqual(rebuilt.map((e: any) => [e.node.slug, e.score.toFixed(12)]));
  });
});

describe("the score formula", () => {
  it("adds a publisher link's share of what the computed score leaves", () => {
    const scored = scorePair({
      entities: [{ entityId: "1", kind: "PERSON", term: 0.5 }],
      text: 0.5,
      publisherLink: true,
    });
    const computed = ENTITY_SHARE * 0.5 + TEXT_SHARE * 0.5;
    expect(scored.score).toBeCloseTo(computed + PUBLISHER_LINK_SHARE * (1 - computed), 12);
    expect(scored.reasons.map((r) => r.kind)).toEqual(["SHARED_PERSON", "PUBLISHER_LINK", "TEXT_SIMILARITY"]);
  });

  it("keeps the score within 0–1 when cosine terms overshoot by rounding", () => {
    const scored = scorePair({
      entities: [{ entityId: "1", kind: "PLACE", term: 0.7 }, { entityId: "2", kind: "ORGANISATION", term: 0.3000001 }],
      text: 1,
      publisherLink: false,
    });
    expect(scored.score).toBeLessThanOrEqual(1);
    expect(scored.reasons.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(scored.score, 12);
  });
});
