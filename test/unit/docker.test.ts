import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * What can be checked of the Docker set-up without Docker (not installed on CI machines): the compose file parses
 * and wires a pinned PostgreSQL with a healthcheck and a volume to the app, and every variable it or .env.example
 * sets is one the app reads. The image's start command from a production install is run by
 * `npm run test:production-start` (.ci/run).
 */
const ROOT = path.resolve(__dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

/** Every variable the app reads, as documented in the configuration table of src/config.ts. */
const knownVariables = new Set([...read("src/config.ts").matchAll(/^ \* \| `([A-Z_]+)`/gm)].map((m) => m[1]));

describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml"));

  it("runs PostgreSQL on a pinned major version, with a healthcheck and a named volume", () => {
    const pg = compose.services.postgres;
    expect(pg.image).toMatch(/^postgres:\d+(\.\d+)?(-[a-z]+)?$/);
    expect(pg.healthcheck.test.join(" ")).toMatch(/pg_isready/);
    expect(pg.volumes[0]).toMatch(/^postgres-data:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(compose.volumes)).toContain("postgres-data");
  });

  it("builds the app from the Dockerfile, starts it once PostgreSQL is healthy, and checks /health/ready", () => {
    const app = compose.services.app;
    expect(app.build).toBe(".");
    expect(app.depends_on.postgres.condition).toBe("service_healthy");
    expect(app.healthcheck.test.join(" ")).toMatch(/\/health\/ready/);
    expect(app.environment.DATABASE_URL).toMatch(/^postgres:\/\/storygraph:.*@postgres:5432\/storygraph$/);
  });

  it("sets only variables the app reads", () => {
    expect(knownVariables.size).toBeGreaterThan(10);
    for (const name of Object.keys(compose.services.app.environment)) expect(knownVariables, name).toContain(name);
  });
});

describe(".env.example", () => {
  it("names only variables the app or the compose file reads", () => {
    const composeText = read("docker-compose.yml");
    const names = read(".env.example")
      .split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.slice(0, l.indexOf("=")));
    expect(names).toContain("STORYGRAPH_ADMIN_TOKEN");
    for (const name of names) expect(knownVariables.has(name) || composeText.includes(`\${${name}:-`), name).toBe(true);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");

  it("builds in one stage and runs a production install as a non-root user in another", () => {
    expect(dockerfile.match(/^FROM node:20[\w.-]* AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it("starts the compiled server and checks readiness at /health/ready", () => {
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/ready/);
    expect(fs.existsSync(path.join(ROOT, "src/main.ts"))).toBe(true);
  });
});
