#!/usr/bin/env bash
# What the Docker image runs, without Docker: copies package.json, package-lock.json, dist/, seeds/ and schema/
# into a temporary folder (as the Dockerfile's run stage does), installs production dependencies only
# (`npm ci --omit=dev`), starts `node dist/src/main.js` (the image's CMD) as NODE_ENV=production on the embedded
# database, and checks /health/ready, a GraphQL query, the IDE page and one of its assets, /schema.graphql and
# /metrics. Run with `npm run test:production-start` (builds first); .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d)
cp package.json package-lock.json "$tmp/"
cp -r dist seeds schema "$tmp/"
(cd "$tmp" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
(cd "$tmp" && env -u DATABASE_URL NODE_ENV=production PORT="$port" STORYGRAPH_DATA_DIR="$tmp/data" node dist/src/main.js >"$tmp/server.log" 2>&1) &
pid=$!
cleanup() { pkill -TERM -P "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q "Storygraph ready" "$tmp/server.log" && break
  kill -0 "$pid" 2>/dev/null || { echo "production start: server exited:"; cat "$tmp/server.log"; exit 1; }
  sleep 1
done
base="http://127.0.0.1:$port"
curl -sf "$base/health/ready" | grep -q '"ready"' || { echo "production start: /health/ready is not ready"; exit 1; }
curl -sf -H 'content-type: application/json' -d '{"query":"{ articles(first: 1) { edges { node { headline } } } }"}' "$base/graphql" \
  | grep -q "US and Russia face off over Syria weapons" || { echo "production start: the seed query failed"; exit 1; }
curl -sf -H 'accept: text/html' "$base/graphql" | grep -q "/ide/assets/graphiql.min.js" || { echo "production start: no IDE page"; exit 1; }
curl -sf -o /dev/null "$base/ide/assets/graphiql.min.js" || { echo "production start: IDE asset missing"; exit 1; }
cmp -s <(curl -sf "$base/schema.graphql") "$root/schema/schema.graphql" || { echo "production start: /schema.graphql differs"; exit 1; }
curl -sf "$base/metrics" | grep -q "^storygraph_graphql_request_duration_seconds_count" || { echo "production start: metrics missing"; exit 1; }
echo "production start: ok (node dist/src/main.js from npm ci --omit=dev)"
