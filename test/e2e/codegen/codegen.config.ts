import path from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * GraphQL Code Generator set-up a client project would use: the schema from `schema/schema.graphql` (or, in an
 * app, `http://host:4000/schema.graphql`), its queries, and typed document nodes for Apollo Client.
 *
 * @param outFile where the generated TypeScript goes
 */
export function codegenConfig(outFile: string): CodegenConfig {
  return {
    schema: path.resolve(__dirname, "../../../schema/schema.graphql"),
    documents: [path.resolve(__dirname, "stories.graphql")],
    generates: {
      [outFile]: {
        plugins: ["typescript", "typescript-operations", "typed-document-node"],
        config: { scalars: { DateTime: "string" }, enumsAsTypes: true },
      },
    },
    silent: true,
  };
}
