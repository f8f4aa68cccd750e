/**
 * The GraphQL IDE (GraphiQL), offline: `GET /graphql` from a browser (a request preferring `text/html`, without a
 * `query` parameter) and `GET /` answer the IDE page; its scripts and stylesheet come from `/ide/assets/*` on this
 * same server (see assets.ts). GraphQL clients' GET requests (`?query=…`, or `Accept: application/json`) pass
 * through to Apollo untouched.
 *
 * The page opens with EXAMPLE_QUERY, which walks article → people → their stories; the schema docs come from
 * introspection (the "Docs" pane). Its Content-Security-Policy allows nothing but this origin, so the IDE cannot
 * quietly depend on a CDN.
 */
import express from "express";
import fs from "node:fs";
import { IDE_ASSET_PREFIX, ideAssets, packageVersion, type IdeAsset } from "./assets";

/** The query the IDE opens with: articles, the people in each, and the other stories of those people (depth 8). */
export const EXAMPLE_QUERY = `# Welcome to Storygraph: news articles and the people, organisations and places they mention.
# Run this query with the ▶ button (or Ctrl-Enter). Open "Docs" (the book icon) to read every type and field.
# Writes need a header: {"Authorization": "Bearer <STORYGRAPH_ADMIN_TOKEN>"} in the Headers tab below.
query StoriesAndTheirPeople {
  articles(first: 3) {
    totalCount
    edges {
      node {
        headline
        publishedAt
        people {
          name
          articles(first: 5) {
            totalCount
            edges {
              node {
                headline
              }
            }
          }
        }
      }
    }
  }
}
`;

/** The page's Content-Security-Policy: this origin only (inline styles are GraphiQL's, never inline scripts). */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Escapes JSON for a `<script type="application/json">` element: `<` could close the element early. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The IDE page's HTML, querying `endpoint`; `version` (GraphiQL's) busts browser caches of the assets on upgrades. */
export function idePage(endpoint = "/graphql", version = "dev"): string {
  const asset = (name: string) => `${IDE_ASSET_PREFIX}/${name}?v=${encodeURIComponent(version)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Storygraph GraphQL IDE</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset("graphiql.min.css")}">
<style>html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script id="storygraph-ide-config" type="application/json">${jsonForScript({ endpoint, defaultQuery: EXAMPLE_QUERY })}</script>
<script src="${asset("react.production.min.js")}"></script>
<script src="${asset("react-dom.production.min.js")}"></script>
<script src="${asset("graphiql.min.js")}"></script>
<script src="${asset("storygraph-ide.js")}"></script>
</body>
</html>
`;
}

/** True for a browser navigation to the IDE: prefers HTML and carries no GraphQL operation. */
function wantsIde(req: express.Request): boolean {
  if (req.query.query !== undefined || req.query.extensions !== undefined) return false;
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

/** The IDE routes: the page at `GET /` and browser `GET /graphql`, and the assets under `/ide/assets/`. */
export function ideRouter(): express.Router {
  const router = express.Router();
  const assets = ideAssets();
  const version = packageVersion("graphiql");
  const page = idePage("/graphql", version);
  const loaded = new Map<string, Buffer>();
  const load = (name: string, asset: IdeAsset): Buffer => {
    let body = loaded.get(name);
    if (!body) {
      body = asset.content !== undefined ? Buffer.from(asset.content, "utf8") : fs.readFileSync(asset.file!);
      loaded.set(name, body);
    }
    return body;
  };

  const sendPage = (_req: express.Request, res: express.Response) => {
    res
      .status(200)
      .set({
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": IDE_CONTENT_SECURITY_POLICY,
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      })
      .send(page);
  };
  router.get("/", sendPage);
  router.get("/graphql", (req, res, next) => (wantsIde(req) ? sendPage(req, res) : next()));
  router.get(`${IDE_ASSET_PREFIX}/:name`, (req, res, next) => {
    const asset = assets[req.params.name];
    if (!asset) return next();
    res
      .status(200)
      .set({ "content-type": asset.contentType, "cache-control": "public, max-age=86400", "x-content-type-options": "nosniff" })
      .send(load(req.params.name, asset));
  });
  return router;
}
