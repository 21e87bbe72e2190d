#!/usr/bin/env bash
# Instructions per GET /health request, measured with callgrind on the release
# binary (wall-clock numbers are too noisy on a shared 2-core machine).
# Usage: [KLIPSO_BIN=path] bench/profile.sh [plain|tls] [requests] [threads]
# Prints instructions/request; leaves the annotated profile in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-plain}; N=${2:-2000}; THREADS=${3:-1}
OUT=bench/out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/klipso-profile.XXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
# valgrind 3.19 cannot read the DWARF 5 Swift emits: profile a copy without it
# (the symbol table stays, so functions are still named).
objcopy --strip-debug "${KLIPSO_BIN:-$(swift build -c release --show-bin-path)/klipso}" "$WORK/klipso"
BIN=$WORK/klipso
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
FLAGS=(--host 127.0.0.1 --port "$PORT" --data-dir "$WORK/data" --no-access-log --threads "$THREADS")
SCHEME=https; TLSFLAG=--tls
if [ "$MODE" = plain ]; then FLAGS+=(--insecure-http); SCHEME=http; TLSFLAG=""; fi
export KLIPSO_ADMIN_TOKEN=bench-admin-token-not-secret
valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.%p" "$BIN" serve "${FLAGS[@]}" 2>"$WORK/server.log" &
PID=$!
for _ in $(seq 1 600); do curl -sk -o /dev/null "$SCHEME://127.0.0.1:$PORT/health" && break; sleep 0.2; done
# Warm up (connections, buffers), then count only the measured requests.
timeout 300 python3 bench/keepalive_requests.py --port "$PORT" --requests 200 --connections 8 $TLSFLAG >/dev/null
callgrind_control -z "$PID" >/dev/null 2>&1
timeout 600 python3 bench/keepalive_requests.py --port "$PORT" --requests "$N" --connections 8 $TLSFLAG >/dev/null
callgrind_control -d "$PID" >/dev/null 2>&1
sleep 1
FILE=$OUT/callgrind-$MODE.out
cp "$(ls -t "$WORK"/cg.* | head -1 || true)" "$FILE"
TOTAL=$(callgrind_annotate "$FILE" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1; exit}')
annotate() { # inclusive=yes|no
  { callgrind_annotate --threshold=100 --inclusive="$1" "$FILE" 2>/dev/null || true; } | grep -E '^ *[0-9,]+ \(' \
    | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | swift demangle --simplified | cut -c1-200 | head -"$2" || true
}
annotate yes 150 > "$OUT/profile-$MODE-inclusive.txt"
annotate no 60 > "$OUT/profile-$MODE-self.txt"
HANDSHAKE=$(awk '/ SSL_do_handshake$/ {gsub(",","",$1); print $1; exit}' "$OUT/profile-$MODE-inclusive.txt")
HANDSHAKE=${HANDSHAKE:-0}
echo "$MODE: $TOTAL instructions for $N requests = $((TOTAL / N)) per request; $(((TOTAL - HANDSHAKE) / N)) excluding TLS handshakes ($HANDSHAKE)"
