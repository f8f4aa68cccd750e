// @ts-check
/**
 * `npm run bench`: Storygraph against PostGraphile v5 and a hand-written floor, on the same synthetic corpus in
 * a PostgreSQL 15 the bench starts for itself. See bench/README.md.
 *
 * For each corpus size: fresh database → the real migrations → the seeded corpus → the three servers → a check that
 * all answer each operation with the same data (normalised hash) → per operation a warm-up of each system, then
 * `runs` rounds in which the systems take turns (A B C A B C …) under autocannon at fixed concurrency for a fixed
 * duration → medians of requests/s, p50 and p99 latency and SQL statements per request (pg_stat_statements, reset
 * before each run), and each server's peak RSS (VmHWM). Prints the table and writes bench/results/latest.md.
 */
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT_DIR = path.resolve(__dirname, "..");
// The bench's own dependencies (PostGraphile, its Node 22, autocannon) live in bench/node_modules, apart from
// the server's: installed from bench/package-lock.json on first use.
if (!fs.existsSync(path.join(__dirname, "node_modules", "autocannon"))) {
  console.log("installing the bench's dependencies (bench/package.json)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: __dirname, stdio: "inherit" });
}
const { Client } = require("pg");
const autocannon = require("autocannon");
const { startPostgres } = require("./postgres");
const { generateCorpus, loadCorpus, rng } = require("./corpus");
const { OPERATIONS, PEER_SEARCH_FUNCTION, answerHash, normalise } = require("./queries");

const ROOT = ROOT_DIR;

/** Command-line flags with their defaults. */
function parseArgs(argv) {
  const o = { articles: [10000], duration: 20, runs: 3, warmup: 5, connections: 10, port: 55432, ops: ["Q1", "Q2", "Q3", "Q4"], pool: 10, out: path.join(__dirname, "results", "latest.md"), quick: false, serve: false, storygraphNodeOptions: "--max-semi-space-size=64" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--articles": o.articles = value().split(",").map(Number); break;
      case "--duration": o.duration = Number(value()); break;
      case "--runs": o.runs = Number(value()); break;
      case "--warmup": o.warmup = Number(value()); break;
      case "--connections": o.connections = Number(value()); break;
      case "--port": o.port = Number(value()); break;
      case "--ops": o.ops = value().split(","); break;
      case "--pool": o.pool = Number(value()); break;
      case "--out": o.out = path.resolve(value()); break;
      case "--serve": o.serve = true; break;
      case "--storygraph-node-options": o.storygraphNodeOptions = value(); break;
      case "--quick": o.quick = true; o.articles = [1000]; o.duration = 3; o.runs = 3; o.warmup = 1; break;
      case "--help":
        console.log(`npm run bench -- [--articles 1000|10000|100000[,…]] [--duration S] [--runs N] [--warmup S]
  [--connections N] [--ops Q1,Q2,Q3,Q4] [--pool N] [--port N] [--out FILE] [--quick] [--serve]
  [--storygraph-node-options "--max-semi-space-size=64"]
  --quick = --articles 1000 --duration 3 --runs 3 --warmup 1 (a smoke run; its figures mean little)
  --serve = load the first size, start the three servers, print their URLs and wait for Ctrl-C (no timing)
  --storygraph-node-options = NODE_OPTIONS for the Storygraph server only (default "--max-semi-space-size=64", as \`npm start\` and the Docker image run it)`);
        process.exit(0);
      default:
        throw new Error(`Unknown flag ${argv[i]} (see --help)`);
    }
  }
  for (const n of o.articles) if (!Number.isInteger(n) || n < 100) throw new Error(`--articles must be whole numbers ≥ 100, but got: ${n}`);
  // A run of zero or NaN seconds would still load the corpus and overwrite the results with empty figures.
  for (const [flag, value, min] of [["--duration", o.duration, 1], ["--runs", o.runs, 1], ["--warmup", o.warmup, 0], ["--connections", o.connections, 1], ["--pool", o.pool, 1], ["--port", o.port, 1]]) {
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag} must be a whole number ≥ ${min}, but got: ${value}`);
  }
  for (const op of o.ops) if (!OPERATIONS[op]) throw new Error(`--ops must name ${Object.keys(OPERATIONS).join(", ")}, but got: ${op}`);
  return o;
}

const median = (xs) => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Every server process started, so an interrupted bench stops them all. */
const children = new Set();

/** Starts a server process and resolves once it prints `ready`. */
function startServer(name, node, script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { cwd: ROOT, env: { ...process.env, ...env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.on("exit", () => children.delete(child));
    let err = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 120 s:\n${err}`)), 120_000);
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      if (String(d).includes("ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${err}`));
    });
  });
}

/** Peak resident set size of a process in MiB (VmHWM), or null. */
function peakRssMiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function post(url, query) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = await res.json();
  if (res.status !== 200 || body.errors) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** CPU time (user + system) a process has used, in ms. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/**
 * One timed autocannon run.
 *
 * @param queryOf the operation's text for one request (called per request when the operation varies per request)
 * @param pid the server process, whose CPU time per request is measured
 */
async function load(url, queryOf, perRequest, seconds, connections, pid) {
  const body = () => JSON.stringify({ query: queryOf() });
  const cpu0 = cpuMs(pid);
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body(),
    // A new body (e.g. another random article) for each request when the operation varies.
    requests: perRequest ? [{ setupRequest: (req) => ({ ...req, body: body() }) }] : undefined,
    connections,
    duration: seconds,
  });
  const cpu1 = cpuMs(pid);
  return {
    cpuPerRequest: cpu0 != null && cpu1 != null && result.requests.total ? (cpu1 - cpu0) / result.requests.total : null,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failed: result.errors + result.non2xx + result.timeouts,
  };
}

/**
 * SQL statements sent to the bench database since the last reset, and the time PostgreSQL spent executing them
 * (ms), excluding the bench's own bookkeeping.
 */
async function statementsSinceReset(control) {
  const { rows } = await control.query(
    `SELECT coalesce(sum(calls), 0)::bigint AS n, coalesce(sum(total_exec_time), 0)::float8 AS ms FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`,
  );
  return { count: Number(rows[0].n), ms: Number(rows[0].ms) };
}

/** Benchmarks one corpus size; returns its results. */
async function benchSize(pg, articles, o) {
  const dbName = `bench_${articles}`;
  const admin = new Client({ connectionString: pg.url("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = pg.url(dbName);

  // The real migrations, through Storygraph's own code.
  require("reflect-metadata");
  const { openDatabase } = require(path.join(ROOT, "dist/src/db/data-source"));
  const { runMigrations } = require(path.join(ROOT, "dist/src/db/migrate"));
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await runMigrations(db.dataSource);
  await db.close();

  const control = new Client({ connectionString: url });
  await control.connect();
  await control.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  const t0 = Date.now();
  const corpus = generateCorpus({ articles });
  await loadCorpus(control, corpus);
  // PostGraphile orders by plain columns (`PUBLISHED_AT_DESC, ID_DESC`) and only exposes orderings an index
  // serves; Storygraph's index is on the coalesce() expression. This index gives the peer the same access path.
  await control.query(`CREATE INDEX IF NOT EXISTS bench_article_published_id_idx ON article (published_at DESC, id DESC)`);
  await control.query(`ANALYZE article`);
  await control.query(PEER_SEARCH_FUNCTION);
  const loadSeconds = (Date.now() - t0) / 1000;
  const stats = { articles, entities: corpus.entities.length, links: corpus.links.length, loadSeconds };
  console.log(`corpus: ${articles} articles, ${stats.entities} entities, ${stats.links} links, loaded in ${loadSeconds.toFixed(1)} s`);

  const env = { DATABASE_URL: url, POOL_SIZE: String(o.pool) };
  const node22 = path.join(__dirname, "node_modules", ".bin", "node");
  const systems = {
    storygraph: { url: `http://127.0.0.1:${o.port + 1}/graphql`, proc: await startServer("storygraph", process.execPath, "bench/servers/storygraph.js", { ...env, PORT: String(o.port + 1), NODE_OPTIONS: o.storygraphNodeOptions }) },
    postgraphile: { url: `http://127.0.0.1:${o.port + 2}/graphql`, proc: await startServer("postgraphile", node22, "bench/servers/postgraphile.mjs", { ...env, PORT: String(o.port + 2) }) },
    floor: { url: `http://127.0.0.1:${o.port + 3}/`, proc: await startServer("floor", process.execPath, "bench/servers/floor.js", { ...env, PORT: String(o.port + 3) }) },
  };
  // Parameters: Q3 searches the surname of a fairly popular person; Q4 asks a random article's related stories
  // (a seeded stream of slugs under load, a fixed article when answers are compared).
  const person = corpus.entities.find((e) => e.slug === "person-5");
  const fixed = { search: person ? person.name.split(" ")[1] : "election", slug: `story-${Math.ceil(articles / 2)}` };
  const random = rng(7);
  const varied = () => ({ ...fixed, slug: `story-${1 + Math.floor(random() * articles)}` });
  const results = {};
  if (o.serve) {
    for (const [name, s] of Object.entries(systems)) console.log(`${name.padEnd(12)} ${s.url}  (pid ${s.proc.pid})`);
    console.log(`database     ${url}\nCtrl-C stops everything.`);
    await new Promise(() => undefined);
  }
  try {
    for (const op of o.ops) {
      const names = Object.keys(systems).filter((s) => s !== "floor" || OPERATIONS[op].floor);
      const queryOf = (s, params) => (s === "floor" ? "" : OPERATIONS[op][s](params));
      const fetchData = async (s, params) =>
        s === "floor" ? (await (await fetch(systems[s].url, { method: "POST" })).json()).data : post(systems[s].url, queryOf(s, params));
      // Same data from every system before any timing, and the statements one request sends (20 requests one
      // after the other, so none is cut off by the end of a run).
      const hashes = {};
      const sqlPerRequest = {};
      let size = 0;
      for (const s of names) {
        const data = await fetchData(s, fixed);
        hashes[s] = answerHash(op, data);
        size = normalise(op, data).length;
        await control.query(`SELECT pg_stat_statements_reset()`);
        for (let i = 0; i < 20; i++) await fetchData(s, fixed);
        const sent = await statementsSinceReset(control);
        sqlPerRequest[s] = { count: sent.count / 20, ms: sent.ms / 20 };
      }
      if (new Set(Object.values(hashes)).size !== 1) throw new Error(`${op}: the systems answer differently: ${JSON.stringify(hashes)}`);
      if (size === 0) throw new Error(`${op}: the answer is empty; the comparison would prove nothing`);
      console.log(`${op}: same answer from ${names.join(", ")} (hash ${hashes[names[0]]}, ${size} top-level items)`);

      const perRequest = Boolean(OPERATIONS[op].perRequest);
      const queryForLoad = (s) => () => queryOf(s, perRequest ? varied() : fixed);
      for (const s of names) await load(systems[s].url, queryForLoad(s), perRequest, o.warmup, o.connections, systems[s].proc.pid);
      const runs = Object.fromEntries(names.map((s) => [s, []]));
      for (let r = 0; r < o.runs; r++) {
        for (const s of names) {
          const m = await load(systems[s].url, queryForLoad(s), perRequest, o.duration, o.connections, systems[s].proc.pid);
          runs[s].push(m);
          console.log(`${op} run ${r + 1} ${s.padEnd(12)} ${m.rps.toFixed(1).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ${m.cpuPerRequest?.toFixed(2)} CPU ms/req${m.failed ? `  ${m.failed} FAILED` : ""}`);
        }
      }
      results[op] = {
        hash: hashes[names[0]],
        systems: Object.fromEntries(
          names.map((s) => [
            s,
            {
              rps: median(runs[s].map((m) => m.rps)),
              p50: median(runs[s].map((m) => m.p50)),
              p99: median(runs[s].map((m) => m.p99)),
              sql: sqlPerRequest[s].count,
              sqlMs: sqlPerRequest[s].ms,
              cpu: median(runs[s].map((m) => m.cpuPerRequest)),
              failed: runs[s].reduce((n, m) => n + m.failed, 0),
              runs: runs[s],
            },
          ]),
        ),
      };
    }
  } finally {
    for (const [name, s] of Object.entries(systems)) {
      s.rss = peakRssMiB(s.proc.pid);
      s.proc.kill("SIGTERM");
      await new Promise((r) => (s.proc.exitCode != null ? r(null) : s.proc.once("exit", r)));
      void name;
    }
    await control.end();
  }
  return { stats, results, rss: Object.fromEntries(Object.entries(systems).map(([k, s]) => [k, s.rss])) };
}

const fmt = (x, digits = 1) => (x == null ? "—" : x.toFixed(digits));
const ratio = (a, b) => (a == null || b == null || b === 0 ? "—" : `${(a / b).toFixed(2)}×`);

/** The markdown table of one corpus size. */
function table(size) {
  const lines = [
    `| operation | figure | Storygraph | PostGraphile | floor | Storygraph / PostGraphile | Storygraph / floor |`,
    `|---|---|---:|---:|---:|---:|---:|`,
  ];
  for (const [op, r] of Object.entries(size.results)) {
    const g = (s, k) => r.systems[s]?.[k] ?? null;
    for (const [k, label, digits] of [["rps", "requests/s", 1], ["p50", "p50 latency (ms)", 0], ["p99", "p99 latency (ms)", 0], ["sql", "SQL statements / request", 2], ["sqlMs", "SQL execution ms / request", 2], ["cpu", "server CPU ms / request", 2]]) {
      lines.push(`| ${op} | ${label} | ${fmt(g("storygraph", k), digits)} | ${fmt(g("postgraphile", k), digits)} | ${fmt(g("floor", k), digits)} | ${ratio(g("storygraph", k), g("postgraphile", k))} | ${ratio(g("storygraph", k), g("floor", k))} |`);
    }
  }
  const rss = size.rss;
  lines.push(`| all | peak RSS (MiB) | ${fmt(rss.storygraph, 0)} | ${fmt(rss.postgraphile, 0)} | ${fmt(rss.floor, 0)} | ${ratio(rss.storygraph, rss.postgraphile)} | ${ratio(rss.storygraph, rss.floor)} |`);
  return lines.join("\n");
}

function report(o, sizes, started) {
  const cpu = os.cpus();
  const out = [
    `# Benchmark results`,
    ``,
    `${started.toISOString()} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`,
    `Storygraph and the floor on Node ${process.versions.node}, PostGraphile 5.1.5 + pg-many-to-many 2.0.0-rc.2 on Node 22; PostgreSQL 15 started by the bench.`,
    `${o.storygraphNodeOptions ? `Storygraph ran with NODE_OPTIONS=${o.storygraphNodeOptions}. ` : ""}autocannon: ${o.connections} connections, ${o.duration} s per run, ${o.runs} runs per system after a ${o.warmup} s warm-up, systems alternating; medians. Pool: ${o.pool} connections per server.`,
    `Command: \`npm run bench -- ${process.argv.slice(2).join(" ")}\``,
    ``,
  ];
  for (const size of sizes) {
    const s = size.stats;
    out.push(`## ${s.articles} articles`, ``, `${s.entities} entities, ${s.links} article–entity links (Zipf); loaded in ${s.loadSeconds.toFixed(1)} s. Answers checked equal before timing (hashes: ${Object.entries(size.results).map(([op, r]) => `${op} ${r.hash}`).join(", ")}).`, ``, table(size), ``);
    const failures = Object.entries(size.results).flatMap(([op, r]) => Object.entries(r.systems).filter(([, m]) => m.failed).map(([sys, m]) => `${op} ${sys}: ${m.failed} failed requests`));
    if (failures.length) out.push(`**Failed requests:** ${failures.join("; ")}`, ``);
  }
  if (sizes.length > 1) {
    const first = sizes[0];
    const last = sizes[sizes.length - 1];
    const p = (size) => size.results.Q2?.systems.storygraph?.p50 ?? null;
    const q = (size, k) => size.results.Q2?.systems.storygraph?.[k] ?? null;
    out.push(
      `## Scaling`,
      ``,
      `Storygraph Q2 p50: ${fmt(p(first), 0)} ms at ${first.stats.articles} articles, ${fmt(p(last), 0)} ms at ${last.stats.articles} (${ratio(p(last), p(first))}); ` +
        `server CPU per request ${ratio(q(last, "cpu"), q(first, "cpu"))}, SQL execution time per request ${ratio(q(last, "sqlMs"), q(first, "sqlMs"))}.`,
      ``,
    );
  }
  return out.join("\n");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, "dist/src/server/create-server.js"))) throw new Error("Build first: npm run build");
  const started = new Date();
  console.log(`starting PostgreSQL 15 on port ${o.port}`);
  const pg = startPostgres({ port: o.port });
  const stop = () => pg.stop();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      for (const child of children) child.kill("SIGTERM");
      stop();
      process.exit(130);
    });
  }
  try {
    const sizes = [];
    for (const n of o.articles) sizes.push(await benchSize(pg, n, o));
    const md = report(o, sizes, started);
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    fs.writeFileSync(o.out, md + "\n");
    console.log(`\n${md}\n\nwritten to ${path.relative(process.cwd(), o.out)}`);
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
