#!/usr/bin/env bash
# Durable write throughput through the whole stack: wrk POSTs new API keys
# (each one a committed transaction with an audit event) against the release
# build, on SQLite (group commit) and on a throwaway PostgreSQL.
# Loopback only; bounded. Usage: bench/writes.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
OUT=bench/out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/klipso-writes.XXXX)
PID=""
export KLIPSO_TEST_POSTGRES_PORT=${KLIPSO_BENCH_POSTGRES_PORT:-55433}
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  .ci/start-postgres.sh stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

swift build -c release --product klipso >/dev/null
BIN=$(swift build -c release --show-bin-path)/klipso
export KLIPSO_ADMIN_TOKEN=bench-admin-token-0123456789abcdef0123456789
export KLIPSO_BENCH_TOKEN=$KLIPSO_ADMIN_TOKEN
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run() { # label database-url
  local p; p=$(port)
  "$BIN" serve --host 127.0.0.1 --port "$p" --data-dir "$WORK/$1" --database "$2" --insecure-http --no-access-log 2>"$WORK/$1.log" &
  PID=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$p/health" && break; sleep 0.1; done
  local log="$WORK/wrk-$1.log"
  timeout $((DURATION + 30)) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/create-api-key.lua "http://127.0.0.1:$p" > "$log"
  printf "%s\t%s\t%s\t%s\t%s\n" "$1" "$CONNECTIONS" "$(awk '/Requests\/sec/ {print $2}' "$log")" \
    "$(awk '$1=="50%" {print $2}' "$log")" "$(awk '$1=="99%" {print $2}' "$log")" >> "$OUT/writes.tsv"
  grep -E "non_2xx" "$log" | sed "s/^/$1 /"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

printf "backend\tconnections\twrites_per_s\tp50\tp99\n" > "$OUT/writes.tsv"
run sqlite "$WORK/sqlite/klipso.sqlite"
eval "$(.ci/start-postgres.sh 2>/dev/null | tail -n 1)"
run postgres "$KLIPSO_TEST_POSTGRES_URL"
column -t -s $'\t' "$OUT/writes.tsv"
