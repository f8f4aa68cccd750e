#!/usr/bin/env bash
# The newsroom check of the ingest command (issue 8), on the embedded database in a temporary folder:
#   1. `npm run ingest -- ../shared/corpus/bbc-news` loads every valid file, names the one that is not UTF-8
#      (sport/199.txt) with its reason, and exits non-zero because of it;
#   2. a second run reports every valid file unchanged (and the bad one failed again).
set -uo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bbc-news}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export STORYGRAPH_DATA_DIR="$tmp/pglite"
unset DATABASE_URL
valid=$(( $(find "$corpus" -name '*.txt' | wc -l) - 1 ))

npm run --silent ingest -- --progress lines "$corpus" >"$tmp/first.log" 2>&1; first=$?
tail -5 "$tmp/first.log"
[ "$first" -ne 0 ] || { echo "ingest-corpus: the first run exited 0 despite a non-UTF-8 file"; exit 1; }
grep -q "sport/199.txt.*UTF-8" "$tmp/first.log" || { echo "ingest-corpus: the non-UTF-8 file was not named"; exit 1; }
grep -qE "\b$valid ingested\b" "$tmp/first.log" || { echo "ingest-corpus: expected $valid ingested"; exit 1; }

npm run --silent ingest -- --progress lines "$corpus" >"$tmp/second.log" 2>&1; second=$?
tail -3 "$tmp/second.log"
[ "$second" -ne 0 ] || { echo "ingest-corpus: the second run exited 0 despite the non-UTF-8 file"; exit 1; }
grep -qE "\b$valid unchanged\b" "$tmp/second.log" || { echo "ingest-corpus: expected $valid unchanged on the second run"; exit 1; }
echo "ingest-corpus: ok ($valid valid files ingested, then unchanged; the bad one named both times)"
