/**
 * Compiles the project once before the tests: the end-to-end tests run the real `dist/` entry points as a
 * user would (`npm start`, `npm run ingest`).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(__dirname, "..");
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], {
    cwd: root,
    stdio: "inherit",
  });
}
