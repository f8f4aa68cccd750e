/**
 * Compiles the project once before the tests: the end-to-end tests run the real `dist/` entry points as a
 * user would (`npm start`, `npm run ingest`).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  // For quick runs of tests that do not start dist/ processes (e.g. while another change is half-compiled).
  if (process.env.STORYGRAPH_SKIP_BUILD === "1") return;
  const root = path.resolve(__dirname, "..");
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], {
    cwd: root,
    stdio: "inherit",
  });
}
