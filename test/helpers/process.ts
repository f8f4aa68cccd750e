import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A child process with its output collected. */
export interface Running {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output matches `pattern`; rejects if the process exits first or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `node dist/<script>` with the given environment (DATABASE_URL removed unless given). */
export function runNode(script: string, args: string[], env: Record<string, string | undefined>): Running {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, "dist", script), ...args], {
    cwd: ROOT,
    env: { ...base, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setInterval(() => {
          if (pattern.test(out)) done(resolve);
          else if (child.exitCode !== null) done(() => reject(new Error(`process exited (${child.exitCode}) before ${pattern}:\n${out}`)));
        }, 50);
        const limit = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${out}`))), ms);
        function done(f: () => void) {
          clearInterval(timer);
          clearTimeout(limit);
          f();
        }
      });
    },
  };
}
