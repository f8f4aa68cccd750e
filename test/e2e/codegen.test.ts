import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { generate } from "@graphql-codegen/cli";
import { ingestPaths } from "../../src/ingest/ingest";
import { createServer, type StorygraphServer } from "../../src/server/create-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { ROOT } from "../helpers/process";
import { codegenConfig } from "./codegen/codegen.config";

const execFileAsync = promisify(execFile);
/** Runs a command, failing with its output (compiler errors) when it fails. */
async function run(cmd: string, args: string[], options: { cwd: string }): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(cmd, args, options);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/**
 * Client tooling against the contract: GraphQL Code Generator turns schema/schema.graphql and a client query into
 * TypeScript types, a client program typed by them compiles under `strict`, and it runs the query through Apollo
 * Client against the running server.
 */
describe("client tooling: GraphQL Code Generator and Apollo Client", () => {
  // Inside the project, so the generated code resolves @apollo/client from its node_modules.
  const work = path.join(ROOT, "test/e2e/codegen", `.out-${process.pid}`);
  let t: TestDatabase;
  let server: StorygraphServer;
  let url: string;

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    t = await createTestDatabase();
    await ingestPaths(t.db, [path.resolve(__dirname, "../../seeds")]);
    server = await createServer({ db: t.db, logger: pino({ level: "silent" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("generates types for a client query, compiles a typed client, and runs the query against the server", async () => {
    const generated = path.join(work, "generated.ts");
    await generate(codegenConfig(generated), true);
    const source = fs.readFileSync(generated, "utf8");
    expect(source).toMatch(/export type StoriesWithPeopleQuery = \{/);
    expect(source).toMatch(/export const StoriesWithPeopleDocument = .* as unknown as DocumentNode<StoriesWithPeopleQuery, StoriesWithPeopleQueryVariables>/s);

    fs.copyFileSync(path.join(__dirname, "codegen/client.ts.txt"), path.join(work, "client.ts"));
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    await run(process.execPath, [tsc, "--ignoreConfig", "--strict", "--target", "ES2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "--types", "node", "--outDir", work, path.join(work, "client.ts")], { cwd: work });

    const { stdout } = await run(process.execPath, [path.join(work, "client.js"), url], { cwd: work });
    const result = JSON.parse(stdout);
    expect(result.total).toBeGreaterThan(0);
    expect(result.headlines).toContain("US and Russia face off over Syria weapons");
    expect(result.people).toContain("John Kerry");
  }, 120_000);
});
