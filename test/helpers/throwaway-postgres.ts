/**
 * A PostgreSQL server of the test's own: `initdb` into a temporary folder and `pg_ctl` on a free port, so fault
 * tests can stop and restart it without touching the shared server other tests use. Needs the PostgreSQL server
 * binaries (Debian: /usr/lib/postgresql/<version>/bin); `available()` says whether they are there. As root
 * (initdb refuses to run as root) the commands run as the `postgres` user through `runuser`.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./process";

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
function binDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Whether a throwaway server can be started here. */
export function throwawayPostgresAvailable(): boolean {
  return binDir() !== null && (!isRoot || fs.existsSync("/usr/sbin/runuser") || fs.existsSync("/sbin/runuser"));
}

/** A running throwaway server. */
export interface ThrowawayPostgres {
  port: number;
  /** URL of database `name` on this server. */
  url(name?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server: `fast` disconnects clients cleanly, `immediate` is a crash (recovery on next start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

/** Creates and starts a throwaway server (a few seconds). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found (set PG_BIN)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storygraph-pg-"));
  const data = path.join(dir, "data");
  if (isRoot) fs.chownSync(dir, uid("postgres"), gid("postgres"));
  const as = (file: string, args: string[]) =>
    isRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args]) : run(path.join(bin, file), args);
  await as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    await as("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
  };
  await start();
  const url = (name = "postgres") => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return {
    port,
    url,
    start,
    stop,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return url(name);
    },
    async destroy() {
      await stop("immediate").catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uid(user: string): number {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no user ${user}`);
  return Number(line.split(":")[2]);
}

function gid(user: string): number {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no user ${user}`);
  return Number(line.split(":")[3]);
}
