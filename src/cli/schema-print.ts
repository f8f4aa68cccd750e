/** `npm run schema:print`: writes the sorted SDL of the code's schema to schema/schema.graphql. */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { createSchema, printSortedSchema } from "../server/schema";

async function main(): Promise<void> {
  const file = path.resolve(__dirname, "../../../schema/schema.graphql");
  fs.writeFileSync(file, printSortedSchema(await createSchema()));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
