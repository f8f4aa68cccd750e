import { describe, expect, it } from "vitest";
import { getIntrospectionQuery, getOperationAST, parse, validate, specifiedRules, type GraphQLSchema } from "graphql";
import { createSchema } from "../../src/server/schema";
import { DEFAULT_LIMITS, readLimits } from "../../src/server/limits";
import { operationCost } from "../../src/server/plugins/query-cost";
import { queryLimitRules } from "../../src/server/plugins/query-limits";

/** Q2 of the performance issue: 20 articles → their people → 5 articles each → their organisations. */
const q2 = (outer: number, inner = 5) =>
  `{ articles(first: ${outer}) { edges { node { headline people { name articles(first: ${inner}) { edges { node { headline organisations { name } } } } } } } } }`;

/** The README's nested example (what the IDE opens with). */
const README_EXAMPLE = `{ articles(first: 5) { totalCount edges { node { headline people { name articles { totalCount edges { node { headline } } } } organisations { name } } } } }`;

const NESTED_100_X4 = `{ articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { headline } } } } } } } } } } } } } } } }`;

let schema: GraphQLSchema;
const costOf = async (query: string, variables: Record<string, unknown> = {}) => {
  schema ??= await createSchema();
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables, { listCost: DEFAULT_LIMITS.query.listCost });
};
const limitErrors = async (query: string) => {
  schema ??= await createSchema();
  return validate(schema, parse(query), [...specifiedRules, ...queryLimitRules(DEFAULT_LIMITS.query)]).map((e) => e.message);
};

describe("query cost", () => {
  it("multiplies a connection's selection by first and a plain entity list by 10, scalars free", async () => {
    // organisations: 1 + 10×0; inner node 2, edges 3; articles(first: 5): 1 + 5×3 = 16;
    // people: 1 + 10×16 = 161; outer node 162, edges 163; articles(first: 20): 1 + 20×163.
    expect((await costOf(q2(20))).cost).toBe(1 + 20 * 163);
  });

  it("lets Q2 through with first up to 50 and the README example, and refuses nested first: 100 ×4", async () => {
    expect((await costOf(q2(50))).cost).toBeLessThanOrEqual(DEFAULT_LIMITS.query.maxCost);
    expect((await costOf(README_EXAMPLE)).cost).toBeLessThanOrEqual(DEFAULT_LIMITS.query.maxCost);
    expect((await costOf(NESTED_100_X4)).cost).toBeGreaterThan(DEFAULT_LIMITS.query.maxCost);
  });

  it("uses 20 when neither first nor last is given, and variables when they are", async () => {
    expect((await costOf("{ articles { edges { node { headline } } } }")).cost).toBe(1 + 20 * 2);
    expect((await costOf("query ($n: Int) { articles(last: $n) { edges { node { headline } } } }", { n: 7 })).cost).toBe(1 + 7 * 2);
  });

  it("reports first/last outside 0–100 with the path of the field", async () => {
    const { pageSizeViolations } = await costOf("{ articles(first: 5) { edges { node { people { articles(first: 2147483647) { totalCount } } } } } }");
    expect(pageSizeViolations).toEqual([{ argument: "first", value: 2147483647, path: "articles.edges.node.people.articles" }]);
  });

  it("counts a fragment named __schema like any other fragment", async () => {
    const plain = await costOf(NESTED_100_X4);
    const hidden = await costOf(`{ ...__schema } fragment __schema on Query ${NESTED_100_X4}`);
    expect(hidden.cost).toBe(plain.cost);
  });

  it("costs each fragment once, so exponentially spread fragments take linear time", async () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, i) =>
      `fragment F${i} on Query { ${i === levels - 1 ? "articles { totalCount }" : Array(10).fill(`...F${i + 1}`).join(" ")} }`,
    ).join("\n");
    const started = Date.now();
    const { cost } = await costOf(`{ ...F0 }\n${fragments}`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cost).toBe(10 ** (levels - 1));
  });

  it("skips fields under @skip(if: true) and @include(if: false)", async () => {
    expect((await costOf("{ a: articles @skip(if: true) { totalCount } b: articles @include(if: false) { totalCount } c: articles { totalCount } }")).cost).toBe(1);
  });

  it("keeps GraphiQL's introspection query within the limits", async () => {
    const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    expect(await limitErrors(query)).toEqual([]);
    expect((await costOf(query)).cost).toBeLessThanOrEqual(DEFAULT_LIMITS.query.maxCost);
  });
});

describe("depth, aliases and directives", () => {
  it("accepts Q2 and the README example", async () => {
    expect(await limitErrors(q2(20))).toEqual([]);
    expect(await limitErrors(README_EXAMPLE)).toEqual([]);
  });

  it("refuses depth 13, naming the limit", async () => {
    // articles.edges.node.people.articles.edges.node.people.articles.edges.node.people.name = 13 levels
    const deep = `{ articles { edges { node { people { articles { edges { node { people { articles { edges { node { people { name } } } } } } } } } } } } }`;
    expect(await limitErrors(deep)).toEqual(["Query depth limit of 12 exceeded, found 13."]);
  });

  it("refuses depth hidden in a fragment named __schema", async () => {
    const deep = `{ articles { edges { node { people { articles { edges { node { people { articles { edges { node { ...__schema } } } } } } } } } } } }
      fragment __schema on Article { people { name } }`;
    expect(await limitErrors(deep)).toEqual([expect.stringMatching(/^Query depth limit of 12 exceeded/)]);
  });

  it("refuses 16 aliases and 51 directives", async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }`;
    expect(await limitErrors(aliases)).toEqual(["Aliases limit of 15 exceeded, found 16."]);
    const directives = `{ __typename ${Array(51).fill("@include(if: true)").join(" ")} }`;
    expect(await limitErrors(directives)).toContain("Directives limit of 50 exceeded, found 51.");
  });
});

describe("limit settings", () => {
  it("reads overrides from the environment and reports invalid values", () => {
    const problems: string[] = [];
    const limits = readLimits({ STORYGRAPH_MAX_DEPTH: "8", STORYGRAPH_INTROSPECTION: "false", STORYGRAPH_MAX_COST: "lots" }, problems);
    expect(limits.query.maxDepth).toBe(8);
    expect(limits.http.introspection).toBe(false);
    expect(limits.query.maxCost).toBe(DEFAULT_LIMITS.query.maxCost);
    expect(problems).toEqual(['STORYGRAPH_MAX_COST must be an integer of at least 1, but got: "lots"']);
  });

  it("defaults to depth 12, aliases 15, tokens 2000, directives 50, cost 50,000, 1 MiB bodies, 5 s statements", () => {
    expect(readLimits({}, [])).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS.query).toMatchObject({ maxDepth: 12, maxAliases: 15, maxTokens: 2000, maxDirectives: 50, maxCost: 50_000 });
    expect(DEFAULT_LIMITS.http.maxBodyBytes).toBe(1024 * 1024);
    expect(DEFAULT_LIMITS.database.statementTimeoutMs).toBe(5000);
  });
});
