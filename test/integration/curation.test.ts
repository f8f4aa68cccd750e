import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestText } from "../../src/ingest/ingest";
import { postGraphQL, startWriteServers, type WriteServers } from "../helpers/write-servers";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const TOKEN = "curation-test-token-5f1c";

/** Made-up stories: "Pete Wimsey" is a second spelling of "Peter Wimsey"; two Quills share a surname. */
const STORIES: Record<string, string> = {
  "c/c1.txt": "Wimsey opens new line\n\nPeter Wimsey opened the new line in Leeds on Monday. Mr Wimsey thanked the engineers.\n",
  "c/c2.txt": "Rail boss praises staff\n\nPete Wimsey praised staff at the depot in York. Wimsey said the trains were on time.\n",
  "c/c3.txt": "Quill speaks on tax\n\nMr Quill spoke on tax in Bristol on Friday. The TG agreed with Mr Quill.\n",
  "c/c4.txt": "Quill budget row\n\nChancellor Albert Quill and Martha Quill argued over the budget in Bristol.\n",
};

const ENTITY = `id name slug aliases articles { totalCount edges { node { slug } } }`;

describe("curation mutations over HTTP", () => {
  let t: TestDatabase;
  let servers: WriteServers;
  let url: string;
  let disabledUrl: string;
  const slugs: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const [key, text] of Object.entries(STORIES)) slugs[key] = (await ingestText(t.db, text, { sourceKey: key })).slug;
    servers = await startWriteServers(t.db, TOKEN, "night-desk");
    ({ url, disabledUrl } = servers);
  });
  afterAll(async () => {
    await servers?.stop();
    await t?.drop();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN, endpoint = url) =>
    postGraphQL(endpoint, query, variables, token);

  async function person(slug: string): Promise<any> {
    const { data, errors } = await gql(`query ($slug: String!) { person(slug: $slug) { ${ENTITY} } }`, { slug });
    expect(errors).toBeUndefined();
    return data.person;
  }

  async function personId(name: string): Promise<string> {
    const [row] = await t.db.dataSource.query(`SELECT slug FROM entity WHERE kind = 'PERSON' AND name = $1`, [name]);
    expect(row, `a person named ${name}`).toBeDefined();
    return (await person(row.slug)).id;
  }

  async function auditRows(action: string): Promise<any[]> {
    return t.db.dataSource.query(`SELECT actor, action, summary, before, after, changed_at FROM entity_change WHERE action = $1 ORDER BY id`, [action]);
  }

  const MUTATIONS: [string, string][] = [
    ["mergeEntities", `mutation { mergeEntities(sourceIds: ["UGVyc29uOjE"], targetId: "UGVyc29uOjI") { id } }`],
    ["addAlias", `mutation { addAlias(entityId: "UGVyc29uOjE", alias: "Someone") { id } }`],
    ["removeMention", `mutation { removeMention(mentionId: "TWVudGlvbjox") { id } }`],
    ["entityChanges", `{ entityChanges { id } }`],
  ];

  it.each(MUTATIONS)("refuses %s without a token, or with a wrong one, as UNAUTHENTICATED", async (_name, query) => {
    for (const token of [null, "not-the-token"]) {
      const { data, errors } = await gql(query, {}, token);
      expect(errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(data?.[_name] ?? null).toBeNull();
    }
  });

  it.each(MUTATIONS)("refuses %s as FORBIDDEN, saying how to enable writes, when the server has no token", async (_name, query) => {
    const { errors } = await gql(query, {}, TOKEN, disabledUrl);
    expect(errors[0].extensions.code).toBe("FORBIDDEN");
    expect(errors[0].message).toMatch(/STORYGRAPH_ADMIN_TOKEN/);
  });

  it("writes nothing when refused", async () => {
    expect(await t.db.dataSource.query(`SELECT * FROM entity_change`)).toEqual([]);
  });

  it("merges one person into another, moving the articles and keeping the target's name", async () => {
    const [peter, pete] = [await personId("Peter Wimsey"), await personId("Pete Wimsey")];
    const { data, errors } = await gql(`mutation ($s: [ID!]!, $t: ID!) { mergeEntities(sourceIds: $s, targetId: $t) { ${ENTITY} } }`, {
      s: [pete],
      t: peter,
    });
    expect(errors).toBeUndefined();
    const merged = data.mergeEntities;
    expect(merged.id).toBe(peter);
    expect(merged.name).toBe("Peter Wimsey");
    expect(merged.aliases).toEqual(expect.arrayContaining(["Peter Wimsey", "Pete Wimsey", "Wimsey"]));
    expect(merged.articles.edges.map((e: any) => e.node.slug).sort()).toEqual([slugs["c/c1.txt"], slugs["c/c2.txt"]].sort());
    expect(await t.db.dataSource.query(`SELECT 1 FROM entity WHERE name = 'Pete Wimsey'`)).toHaveLength(0);
  });

  it("records the merge in the audit trail with actor, time, what, and before and after", async () => {
    const [row] = await auditRows("MERGE_ENTITIES");
    expect(row.actor).toBe("night-desk");
    expect(row.changed_at).toBeInstanceOf(Date);
    expect(row.summary).toBe('Merged "Pete Wimsey" into "Peter Wimsey"');
    expect(row.before.target.name).toBe("Peter Wimsey");
    expect(row.before.sources.map((s: any) => [s.name, s.articleCount])).toEqual([["Pete Wimsey", 1]]);
    expect(row.after.target.articleCount).toBe(2);
    expect(row.after.target.aliases).toContain("Pete Wimsey");
    const { data } = await gql(`{ entityChanges(first: 5) { action actor summary before after entity { name } } }`);
    expect(data.entityChanges[0]).toMatchObject({ action: "MERGE_ENTITIES", actor: "night-desk", entity: { name: "Peter Wimsey" } });
  });

  it("resolves the merged person's old ID and slug to the survivor", async () => {
    const [row] = await auditRows("MERGE_ENTITIES");
    const old = row.before.sources[0];
    const byId = await gql(`query ($id: ID!) { person(id: $id) { name } node(id: $id) { ... on Person { name } } }`, { id: old.id });
    expect(byId.data).toEqual({ person: { name: "Peter Wimsey" }, node: { name: "Peter Wimsey" } });
    expect((await person(old.slug)).name).toBe("Peter Wimsey");
  });

  it("keeps the merge when the merged person's article is re-ingested with new text", async () => {
    const result = await ingestText(t.db, STORIES["c/c2.txt"].replace("York", "Hull"), { sourceKey: "c/c2.txt" });
    expect(result.status).toBe("updated");
    expect(await t.db.dataSource.query(`SELECT 1 FROM entity WHERE kind = 'PERSON' AND name = 'Pete Wimsey'`)).toHaveLength(0);
    const peter = await person((await t.db.dataSource.query(`SELECT slug FROM entity WHERE name = 'Peter Wimsey'`))[0].slug);
    expect(peter.articles.totalCount).toBe(2);
    expect(peter.name).toBe("Peter Wimsey");
  });

  it("adds an alias that sends every bare surname to the chosen person, and records it", async () => {
    const albert = await personId("Albert Quill");
    const martha = await personId("Martha Quill");
    // With one full-name story each, a bare "Mr Quill" goes to the first by name.
    const linked = async () =>
      (await t.db.dataSource.query(
        `SELECT e.name FROM article_entity ae JOIN entity e ON e.id = ae.entity_id JOIN article a ON a.id = ae.article_id
          WHERE a.source_key = 'c/c3.txt' AND e.kind = 'PERSON'`,
      )).map((r: any) => r.name);
    expect(await linked()).toEqual(["Albert Quill"]);
    const { data, errors } = await gql(`mutation ($id: ID!) { addAlias(entityId: $id, alias: "Quill") { name aliases } }`, { id: martha });
    expect(errors).toBeUndefined();
    expect(data.addAlias.aliases).toContain("Quill");
    expect(await linked()).toEqual(["Martha Quill"]);
    const [row] = await auditRows("ADD_ALIAS");
    expect(row).toMatchObject({ actor: "night-desk", summary: 'Added alias "Quill" to "Martha Quill"' });
    expect(row.before.aliases).not.toContain("Quill");
    expect(row.after.aliases).toContain("Quill");
    // Kept through a re-ingest of the story with new text.
    await ingestText(t.db, STORIES["c/c3.txt"].replace("Friday", "Saturday"), { sourceKey: "c/c3.txt" });
    expect(await linked()).toEqual(["Martha Quill"]);
    expect(albert).not.toBe(martha);
  });

  it("refuses an alias that already names another person, as BAD_USER_INPUT", async () => {
    const albert = await personId("Albert Quill");
    const { errors } = await gql(`mutation ($id: ID!) { addAlias(entityId: $id, alias: "Martha Quill") { name } }`, { id: albert });
    expect(errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(errors[0].message).toMatch(/mergeEntities/);
  });

  it("refuses merging entities of different kinds, and unknown IDs", async () => {
    const albert = await personId("Albert Quill");
    const { data } = await gql(`query ($slug: String!) { article(slug: $slug) { entities(kind: PLACE) { entity { id } } } }`, { slug: slugs["c/c4.txt"] });
    const bristol = data.article.entities[0].entity.id;
    const kinds = await gql(`mutation ($s: [ID!]!, $t: ID!) { mergeEntities(sourceIds: $s, targetId: $t) { id } }`, { s: [bristol], t: albert });
    expect(kinds.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const unknown = await gql(`mutation ($t: ID!) { mergeEntities(sourceIds: ["UGVyc29uOjk5OTk5OQ"], targetId: $t) { id } }`, { t: albert });
    expect(unknown.errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("removes a mention, and keeps it removed when the article is re-ingested with new text", async () => {
    const ORGS = `query ($slug: String!) { article(slug: $slug) { entities { entity { name } mentions { id text } } } }`;
    const before = (await gql(ORGS, { slug: slugs["c/c3.txt"] })).data.article.entities;
    const tg = before.find((e: any) => e.entity.name === "TG");
    expect(tg.mentions).toHaveLength(1);
    const { data, errors } = await gql(`mutation ($id: ID!) { removeMention(mentionId: $id) { slug entities { entity { name } } } }`, { id: tg.mentions[0].id });
    expect(errors).toBeUndefined();
    expect(data.removeMention.slug).toBe(slugs["c/c3.txt"]);
    expect(data.removeMention.entities.map((e: any) => e.entity.name)).not.toContain("TG");
    const gone = await gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: tg.mentions[0].id });
    expect(gone.data.node).toBeNull();

    const [row] = await auditRows("REMOVE_MENTION");
    expect(row.actor).toBe("night-desk");
    expect(row.before).toMatchObject({ mention: { text: "TG", entityName: "TG", section: "BODY" }, mentionCount: 1 });
    expect(row.after).toMatchObject({ mentionCount: 0 });

    await ingestText(t.db, STORIES["c/c3.txt"].replace("Friday", "Sunday"), { sourceKey: "c/c3.txt" });
    const after = (await gql(ORGS, { slug: slugs["c/c3.txt"] })).data.article.entities;
    expect(after.map((e: any) => e.entity.name)).not.toContain("TG");
    expect(after.map((e: any) => e.entity.name)).toContain("Bristol");
  });

  it("lists one entity's changes, and answers a merged entity's old ID with the survivor's", async () => {
    const martha = await personId("Martha Quill");
    const { data, errors } = await gql(`query ($id: ID!) { entityChanges(entityId: $id) { action summary } }`, { id: martha });
    expect(errors).toBeUndefined();
    expect(data.entityChanges).toEqual([{ action: "ADD_ALIAS", summary: 'Added alias "Quill" to "Martha Quill"' }]);
    const [merge] = await auditRows("MERGE_ENTITIES");
    const old = await gql(`query ($id: ID!) { entityChanges(entityId: $id) { action entity { name } } }`, { id: merge.before.sources[0].id });
    expect(old.data.entityChanges).toEqual([{ action: "MERGE_ENTITIES", entity: { name: "Peter Wimsey" } }]);
  });
});
