/**
 * Only one process may open an embedded (PGlite) data folder: PGlite is single-process, and two writers would
 * corrupt it. The owner writes `<dataDir>.lock` holding its pid and role; another process finding a live owner
 * refuses with a message saying who holds it. A lock left by a dead process is taken over.
 */
import fs from "node:fs";
import path from "node:path";

/** Thrown when another live process holds the embedded data folder. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(
      `The embedded database at ${dataDir} is in use by a running ${holder.role} (pid ${holder.pid}, since ${holder.startedAt}). ` +
        (holder.role === "server"
          ? "Stop the server first (Ctrl-C), then run this command again; or point both at a PostgreSQL server with DATABASE_URL."
          : "Wait for it to finish, then run this command again."),
    );
    this.name = "DataDirLockedError";
  }
}

/** What the lock file records about its owner. */
export interface LockHolder {
  pid: number;
  /** What the owner is, for the refusal message: `server`, `ingest`, `migrate`… */
  role: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
}

/** A held lock; `release()` removes the file if this process still owns it. Safe to call twice. */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock of an embedded data folder.
 *
 * @param dataDir the PGlite data folder (its parent is created if missing)
 * @param role a word naming this process in the message another process would print
 * @throws DataDirLockedError when a live process holds the lock
 */
export function lockDataDir(dataDir: string, role: string): DataDirLock {
  const file = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, role, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
          if (holder.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder: LockHolder | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
      } catch {
        holder = null; // unreadable or half-written by a crashed process: treat as stale
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the lock ${file}: it keeps reappearing`);
}
