/**
 * The IDE page's start-up script, run by the browser (plain ES2017, no modules: it uses the `React`, `ReactDOM`
 * and `GraphiQL` globals of the UMD builds). Kept as a string here so `tsc` ships it in dist/ with the server; it
 * is served as a file (`/ide/assets/storygraph-ide.js`), not inlined, so the page's Content-Security-Policy can
 * forbid inline scripts.
 *
 * It reads the page's settings from the JSON in `<script id="storygraph-ide-config" type="application/json">`
 * (endpoint path, example query) and renders GraphiQL with a fetcher posting to the endpoint on this same origin.
 */
export const IDE_CLIENT_SCRIPT = `(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("storygraph-ide-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    })
  );
})();
`;
