import { defineConfig } from "vitest/config";

// Decorators (type-graphql, TypeORM) need the legacy transform with metadata, and graphql must resolve to
// one copy or type-graphql's schema and Apollo's validation see two realms (see ../shared/STACK-NOTES.md).
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["reflect-metadata"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
