/**
 * The files the GraphQL IDE page loads, all served by our own server from installed npm packages (no CDN, so the
 * IDE works offline and behind firewalls): GraphiQL 3's UMD build and stylesheet, React 18 and ReactDOM 18 UMD
 * builds, and our small start-up script (`ide-client.ts`).
 *
 * Why UMD builds and not a bundler: GraphiQL 3 ships a self-contained UMD build that needs only the `React` and
 * `ReactDOM` globals; loading the three files with `<script>` tags gives a working IDE with no build step of ours
 * (GraphiQL 5 is Monaco-based and would need a bundler with web-worker set-up; see ../shared/STACK-NOTES.md).
 */
import fs from "node:fs";
import path from "node:path";
import { IDE_CLIENT_SCRIPT } from "./ide-client";

/** One servable file: its content type and where it is read from (or its content). */
export interface IdeAsset {
  contentType: string;
  /** Absolute path of the file in node_modules, read once on first request. */
  file?: string;
  /** Inline content (our own script). */
  content?: string;
}

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The version of an installed package, for cache-busting asset URLs. */
export function packageVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

/** URL path prefix of the assets. */
export const IDE_ASSET_PREFIX = "/ide/assets";

/** Every asset by file name (the last segment of its URL). Nothing else under the prefix is served. */
export function ideAssets(): Record<string, IdeAsset> {
  const js = "application/javascript; charset=utf-8";
  return {
    "react.production.min.js": { contentType: js, file: path.join(packageDir("react"), "umd/react.production.min.js") },
    "react-dom.production.min.js": { contentType: js, file: path.join(packageDir("react-dom"), "umd/react-dom.production.min.js") },
    "graphiql.min.js": { contentType: js, file: path.join(packageDir("graphiql"), "graphiql.min.js") },
    "graphiql.min.css": { contentType: "text/css; charset=utf-8", file: path.join(packageDir("graphiql"), "graphiql.min.css") },
    "storygraph-ide.js": { contentType: js, content: IDE_CLIENT_SCRIPT },
  };
}
