import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ingestText } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { execute } from "../helpers/graphql";

/**
 * Two stories naming a person only by surname are related through a placeholder entity; when a third story
 * gives the full name, both links move to the full-named person, and the pair between the first two must show
 * that person at once, not a reason whose entity has vanished.
 */
describe("related stories after re-resolution", () => {
  let t: TestDatabase;
  let server: StorygraphServer;

  beforeAll(async () => {
    t = await createTestDatabase();
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const reasonsBetween = async (slug: string, otherHeadline: string) => {
    const r = await execute(server.apollo, t.db, `query($slug: String) { article(slug: $slug) {
      related(first: 20) { edges { node { headline } reasons { kind weight entity { name } } } } } }`, { slug });
    expect(r.errors).toBeUndefined();
    return r.data.article.related.edges.find((e: any) => e.node.headline === otherHeadline)?.reasons ?? null;
  };

  it("recomputes the pairs of stories whose links a later story re-resolved", async () => {
    const a = await ingestText(t.db, "Quill warns on ferry fares\n\nMr Quill said ferry fares in Orkney would rise again. Mr Quill met ferry operators.\n", { sourceKey: "t/a" });
    await ingestText(t.db, "Quill backs ferry subsidy\n\nMr Quill said a ferry subsidy for Orkney was overdue. Mr Quill wants ferry fares cut.\n", { sourceKey: "t/b" });
    const before = await reasonsBetween(a.slug, "Quill backs ferry subsidy");
    expect(before?.find((r: any) => r.kind === "SHARED_PERSON")?.entity?.name).toBe("Quill");

    await ingestText(t.db, "Albert Quill named transport minister\n\nAlbert Quill was named transport minister on Monday.\n", { sourceKey: "t/c" });
    const after = await reasonsBetween(a.slug, "Quill backs ferry subsidy");
    const person = after?.find((r: any) => r.kind === "SHARED_PERSON");
    expect(person?.entity?.name).toBe("Albert Quill");
    const total = after.reduce((sum: number, r: any) => sum + r.weight, 0);
    expect(total).toBeGreaterThan(0);
  });
});
