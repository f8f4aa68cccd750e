/**
 * `npm run schema:check [-- --base REF]`: guards the schema contract.
 *
 * Fails (exit 1) when
 * 1. the schema built from the code differs from `schema/schema.graphql` (run `npm run schema:print`, review, commit);
 * 2. any type, field, argument or enum value lacks a description (introspection users read them);
 * 3. the contract has a breaking change against the version at REF (graphql-js `findBreakingChanges`) that
 *    `schema/CHANGELOG.md` does not record: each breaking change's schema coordinate (e.g. `Article.url`) must be
 *    named there; a removed field must also have been `@deprecated` at REF first.
 *
 * REF defaults to SCHEMA_BASE_REF, else `HEAD` when the working tree's schema differs from it (a change being
 * prepared), else `HEAD~1` (CI on a clean clone checks the latest commit's change).
 */
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildSchema, findBreakingChanges, isInterfaceType, isObjectType, type GraphQLSchema } from "graphql";
import { createSchema, printSortedSchema, undocumented } from "../server/schema";

const ROOT = path.resolve(__dirname, "../../..");
const SCHEMA_FILE = "schema/schema.graphql";
const CHANGELOG_FILE = "schema/CHANGELOG.md";

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** Whether field `coordinate` ("Type.field") was deprecated in `schema`. */
function wasDeprecated(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName] = coordinate.split(".");
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return false;
  return Boolean(type.getFields()[fieldName]?.deprecationReason);
}

async function main(argv: string[]): Promise<number> {
  const problems: string[] = [];
  const code = printSortedSchema(await createSchema());
  const file = fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8");
  if (code !== file) problems.push(`${SCHEMA_FILE} differs from the schema the code builds: run \`npm run schema:print\`, review the diff, commit it.`);

  const current = buildSchema(file);
  for (const name of undocumented(current)) problems.push(`undocumented: ${name} needs a description`);

  const i = argv.indexOf("--base");
  let base = i >= 0 ? argv[i + 1] : process.env.SCHEMA_BASE_REF;
  if (!base) base = git(["diff", "--quiet", "HEAD", "--", SCHEMA_FILE]) === null ? "HEAD" : "HEAD~1";
  const before = git(["show", `${base}:${SCHEMA_FILE}`]);
  if (before === null) {
    console.log(`schema:check: no ${SCHEMA_FILE} at ${base}; nothing to compare against`);
  } else {
    const old = buildSchema(before);
    const changelog = fs.existsSync(path.join(ROOT, CHANGELOG_FILE)) ? fs.readFileSync(path.join(ROOT, CHANGELOG_FILE), "utf8") : "";
    for (const change of findBreakingChanges(old, current)) {
      const coordinate = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)?)/.exec(change.description)?.[1] ?? change.description;
      const recorded = changelog.includes(coordinate);
      if (!recorded) problems.push(`breaking change not recorded in ${CHANGELOG_FILE}: ${change.description} (${change.type})`);
      if (change.type === "FIELD_REMOVED" && !wasDeprecated(old, coordinate) && !recorded) {
        problems.push(`${coordinate} was removed without being @deprecated first`);
      }
    }
    console.log(`schema:check: compared with ${base}`);
  }
  if (problems.length) {
    console.error(problems.map((p) => `- ${p}`).join("\n"));
    return 1;
  }
  console.log("schema:check: the code, schema/schema.graphql and the changelog agree");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
