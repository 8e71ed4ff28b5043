#!/usr/bin/env bash
# The `mizan serve` benchmark (docs/performance.md): POST /v1/evaluate with raabigh records over
# 64 keep-alive connections for 30 s, without and with `--log`, and the server's resident memory
# before and after (flat is the target). Needs `wrk` (Debian: apt-get install wrk).
#
#   Benchmarks/serve/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
swift build -c release --product mizan >/dev/null
binary=.build/release/mizan
scratch=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT

run() {
  local label=$1
  shift
  MIZAN_TODAY=2024-03-10 "$binary" serve --port 18089 "$@" 2>"$scratch/stderr" &
  server=$!
  sleep 1
  echo "== $label: RSS at start $(grep VmRSS /proc/$server/status | tr -s ' ' | cut -d' ' -f2-)"
  wrk -t2 -c64 -d"${seconds}s" --latency -s Benchmarks/serve/evaluate.lua http://127.0.0.1:18089/ \
    | grep -E "requests in|Requests/sec|p50|non-2xx"
  echo "   RSS after: $(grep VmRSS /proc/$server/status | tr -s ' ' | cut -d' ' -f2-)," \
    "peak $(grep VmHWM /proc/$server/status | tr -s ' ' | cut -d' ' -f2-)"
  kill -TERM "$server"
  wait "$server" || true
}

run "without a log"
run "with --log" --log "$scratch/decisions.log"
echo "   log: $(wc -l <"$scratch/decisions.log") entries; replay: $("$binary" replay "$scratch/decisions.log" | tail -1)"
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
