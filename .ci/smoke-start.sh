#!/usr/bin/env bash
# Starts `npm start` on the embedded database (no DATABASE_URL) in a temporary data folder, waits for it,
# POSTs the seed query over HTTP, checks the answer, and stops the server with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
set -m
env -u DATABASE_URL PORT="$port" STORYGRAPH_DATA_DIR="$tmp/pglite" npm start >"$tmp/server.log" 2>&1 &
pid=$!
set +m
cleanup() { kill -TERM -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q "Storygraph ready" "$tmp/server.log" && break
  kill -0 "$pid" 2>/dev/null || { echo "server exited:"; cat "$tmp/server.log"; exit 1; }
  sleep 1
done
query='{"query":"{ articles(first: 5) { edges { node { headline people { name articles { totalCount } } organisations { name } } } } }"}'
answer=$(curl -sf -H 'content-type: application/json' -d "$query" "http://127.0.0.1:$port/graphql")
echo "$answer" | head -c 600; echo
for name in "John Kerry" "Sergey Lavrov" "Barack Obama" "Al Jazeera"; do
  echo "$answer" | grep -q "\"$name\"" || { echo "smoke: $name missing from the answer"; exit 1; }
done
echo "smoke: ok"
