// @ts-check
/**
 * The benchmark's own PostgreSQL 15: a cluster made with initdb in a temporary folder, listening on loopback on
 * its own port, with pg_stat_statements preloaded, so the bench never touches the shared server's settings.
 *
 * initdb and postgres refuse to run as root; when the bench runs as root, they run as the `postgres` system user
 * (`runuser -u postgres --`) in a folder that user owns.
 */
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** Where the PostgreSQL 15 binaries are (Debian layout); override with PG_BIN. */
const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pgExec(binary, args, options = {}) {
  const full = path.join(PG_BIN, binary);
  const asRoot = process.getuid && process.getuid() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", full, ...args]] : [full, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", ...options });
  if (r.status !== 0) throw new Error(`${binary} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts a fresh cluster.
 *
 * @param {{ port: number, sharedBuffers?: string }} options
 * @returns {{ url: (db: string) => string, dir: string, pid: () => number | null, stop: () => void }}
 */
function startPostgres({ port, sharedBuffers = "256MB" }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-bench-pg-"));
  const asRoot = process.getuid && process.getuid() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  pgExec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  // Durability is irrelevant to a read benchmark and slows loading; the other settings match a small server.
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dir}'`,
    `shared_preload_libraries = 'pg_stat_statements'`,
    `pg_stat_statements.track = all`,
    `pg_stat_statements.max = 10000`,
    `shared_buffers = ${sharedBuffers}`,
    `max_connections = 100`,
    `fsync = off`,
    `synchronous_commit = off`,
    `full_page_writes = off`,
    `max_wal_size = 4GB`,
    `jit = off`,
  ].join("\n");
  fs.appendFileSync(path.join(data, "postgresql.conf"), `\n# storygraph bench\n${conf}\n`);
  pgExec("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const stop = () => {
    try {
      pgExec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return {
    dir,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    pid: () => {
      try {
        return Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      } catch {
        return null;
      }
    },
    stop,
  };
}

module.exports = { startPostgres };
