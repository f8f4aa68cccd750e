import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../../src/ingest/ingest";
import { postGraphQL, startWriteServers, type WriteServers } from "../helpers/write-servers";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const TOKEN = "test-admin-token-0123456789";
const SEED_HEADLINE = "US and Russia face off over Syria weapons";

const STORY = `Minister Jane Holloway visits Leeds
LEEDS, England -- Jane Holloway, the transport minister, visited Leeds on Monday to open the new station.

Holloway said the Network Rail project would cut journey times to Manchester.
`;

describe("writes over GraphQL", () => {
  let t: TestDatabase;
  let servers: WriteServers;
  let url: string;
  let disabledUrl: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    servers = await startWriteServers(t.db, TOKEN, "desk");
    ({ url, disabledUrl } = servers);
  });
  afterAll(async () => {
    await servers?.stop();
    await t?.drop();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN, endpoint = url) =>
    postGraphQL(endpoint, query, variables, token);

  const INGEST = `mutation Ingest($input: IngestArticleInput!) {
    ingestArticle(input: $input) { status article { id slug headline source section url publishedAt people { name } places { name } } }
  }`;

  it("refuses a write without a token as UNAUTHENTICATED", async () => {
    const body = await gql(INGEST, { input: { text: STORY } }, null);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.data).toBeNull();
  });

  it("refuses a write with a wrong token as UNAUTHENTICATED", async () => {
    const body = await gql(INGEST, { input: { text: STORY } }, "wrong-token-wrong-token");
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses every write as FORBIDDEN when the server has writes disabled", async () => {
    const body = await gql(INGEST, { input: { text: STORY } }, TOKEN, disabledUrl);
    expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    const del = await gql(`mutation { deleteArticle(id: "QXJ0aWNsZTox") { deletedId } }`, {}, TOKEN, disabledUrl);
    expect(del.errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("ingests an article sent with a URL, and queries see it at once", async () => {
    const input = { text: STORY, url: "https://news.example.com/holloway-leeds", section: "transport", source: "Example News" };
    const body = await gql(INGEST, { input });
    expect(body.errors).toBeUndefined();
    const { status, article } = body.data.ingestArticle;
    expect(status).toBe("INGESTED");
    expect(article).toMatchObject({ headline: "Minister Jane Holloway visits Leeds", section: "transport", source: "Example News", url: input.url });
    expect(article.people.map((p: any) => p.name)).toContain("Jane Holloway");

    const read = await gql(`query($id: ID!) { article(id: $id) { headline section } }`, { id: article.id }, null);
    expect(read.data.article).toEqual({ headline: "Minister Jane Holloway visits Leeds", section: "transport" });

    const again = await gql(INGEST, { input });
    expect(again.data.ingestArticle.status).toBe("UNCHANGED");
    expect(again.data.ingestArticle.article.id).toBe(article.id);

    const changed = await gql(INGEST, { input: { ...input, section: "politics" } });
    expect(changed.data.ingestArticle.status).toBe("UPDATED");
    expect(changed.data.ingestArticle.article).toMatchObject({ id: article.id, section: "politics" });
  });

  it("keys an article sent without a URL by its text: the same text twice is one article", async () => {
    const text = STORY.replace("Monday", "Tuesday");
    const first = await gql(INGEST, { input: { text } });
    const second = await gql(INGEST, { input: { text } });
    expect(first.data.ingestArticle.status).toBe("INGESTED");
    expect(second.data.ingestArticle.status).toBe("UNCHANGED");
    expect(second.data.ingestArticle.article.id).toBe(first.data.ingestArticle.article.id);
    expect(first.data.ingestArticle.article.url).toBeNull();
  });

  it("answers BAD_USER_INPUT naming the rule for empty text, a bad URL or an overlong section", async () => {
    const empty = await gql(INGEST, { input: { text: "   \n " } });
    expect(empty.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "EMPTY" });
    const badUrl = await gql(INGEST, { input: { text: STORY, url: "ftp://x" } });
    expect(badUrl.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(badUrl.errors[0].message).toMatch(/absolute http or https URL/);
    const longSection = await gql(INGEST, { input: { text: STORY, section: "x".repeat(201) } });
    expect(longSection.errors[0].message).toMatch(/1 to 200 characters/);
  });

  it("updates an article's metadata and text, keeping its id and slug", async () => {
    const created = (await gql(INGEST, { input: { text: STORY.replace("Monday", "Friday"), section: "transport" } })).data.ingestArticle.article;
    const UPDATE = `mutation($id: ID!, $input: UpdateArticleInput!) {
      updateArticle(id: $id, input: $input) { article { id slug headline section source publishedAt people { name } } }
    }`;
    const meta = await gql(UPDATE, { id: created.id, input: { section: "regions", publishedAt: "2013-09-09T12:00:00.000Z" } });
    expect(meta.errors).toBeUndefined();
    expect(meta.data.updateArticle.article).toMatchObject({ id: created.id, slug: created.slug, section: "regions", publishedAt: "2013-09-09T12:00:00.000Z" });

    const text = `Minister Tom Ashdown visits York\nTom Ashdown opened the station in York on Monday.\n`;
    const re = await gql(UPDATE, { id: created.id, input: { text } });
    expect(re.errors).toBeUndefined();
    expect(re.data.updateArticle.article).toMatchObject({ id: created.id, slug: created.slug, headline: "Minister Tom Ashdown visits York", section: "regions" });
    expect(re.data.updateArticle.article.people.map((p: any) => p.name)).toEqual(["Tom Ashdown"]);
  });

  it("answers NOT_FOUND for an unknown article and BAD_USER_INPUT for an ID of another type", async () => {
    const unknown = await gql(`mutation { updateArticle(id: "QXJ0aWNsZTo5OTk5OTk", input: { section: "x" }) { article { id } } }`);
    expect(unknown.errors[0].extensions.code).toBe("NOT_FOUND");
    const gone = await gql(`mutation { deleteArticle(id: "QXJ0aWNsZTo5OTk5OTk") { deletedId } }`);
    expect(gone.errors[0].extensions.code).toBe("NOT_FOUND");
    const person = Buffer.from("Person:1").toString("base64url");
    const wrongType = await gql(`mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }`, { id: person });
    expect(wrongType.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("deletes an article with its mentions, and the people only it mentioned", async () => {
    const text = `Farmer Zebedee Quartermaine wins prize\nZebedee Quartermaine won the county show prize in Dorset on Sunday.\n`;
    const created = (await gql(INGEST, { input: { text } })).data.ingestArticle.article;
    const before = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM entity WHERE name = 'Zebedee Quartermaine'`);
    expect(before[0].n).toBe(1);

    const del = await gql(`mutation($id: ID!) { deleteArticle(id: $id) { deletedId headline } }`, { id: created.id });
    expect(del.errors).toBeUndefined();
    expect(del.data.deleteArticle).toEqual({ deletedId: created.id, headline: "Farmer Zebedee Quartermaine wins prize" });

    const read = await gql(`query($id: ID!) { article(id: $id) { id } }`, { id: created.id }, null);
    expect(read.data.article).toBeNull();
    const key = Buffer.from(created.id, "base64url").toString().split(":")[1];
    const mentions = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM mention WHERE article_id = $1`, [key]);
    expect(mentions[0].n).toBe(0);
    const after = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM entity WHERE name = 'Zebedee Quartermaine'`);
    expect(after[0].n).toBe(0);
    // The seed article and its people are untouched.
    const seed = await gql(`{ articles(first: 50) { edges { node { headline } } } }`, {}, null);
    expect(seed.data.articles.edges.map((e: any) => e.node.headline)).toContain(SEED_HEADLINE);
  });
});
