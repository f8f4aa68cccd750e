import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSchema } from "graphql";
import { createSchema, printSortedSchema, undocumented } from "../../src/server/schema";

describe("the schema contract", () => {
  it("matches schema/schema.graphql exactly (run `npm run schema:print` after a reviewed change)", async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });

  it("describes every type, field, argument and enum value of our own", async () => {
    expect(undocumented(await createSchema())).toEqual([]);
  });

  it("notices an undocumented field", () => {
    const schema = buildSchema(`"Root" type Query { "documented" a: Int b(x: Int): Int }`);
    expect(undocumented(schema)).toEqual(["Query.b", "Query.b(x:)"]);
  });
});
