#!/usr/bin/env bash
# Validates openapi.yaml and runs schemathesis against a live server (plain
# HTTP on loopback, a fresh SQLite data directory, the admin's token): every
# response must conform to the spec and none may be a 5xx.
# Usage: .ci/schemathesis.sh [max-seconds]   (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_TIME=${1:-180}
VENV=.build/ci-venv
if [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis>=4,<5" "openapi-spec-validator>=0.7"
fi
"$VENV/bin/openapi-spec-validator" openapi.yaml

swift build --product klipso >/dev/null
BIN=$(swift build --show-bin-path)/klipso
DATA=$(mktemp -d /tmp/klipso-schemathesis.XXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TOKEN=schemathesis-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
KLIPSO_ADMIN_TOKEN=$TOKEN "$BIN" serve --host 127.0.0.1 --port "$PORT" --insecure-http --data-dir "$DATA" --no-access-log \
  > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.1; done

# The live queue is an endless server-sent-event stream: its tests live in
# Tests/APITests/QueueEventStreamTests.swift, not here.
ENDLESS_STREAMS='^/v1/queue/events$'

"$VENV/bin/schemathesis" run openapi.yaml --url "http://127.0.0.1:$PORT" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --exclude-path-regex "$ENDLESS_STREAMS" \
  --phases examples,coverage,fuzzing --max-time "$MAX_TIME" --seed 20261203 --warnings off \
  > "$DATA/schemathesis.log" 2>&1 || { sed -n '/FAILURES/,$p' "$DATA/schemathesis.log" | head -n 200; echo "schemathesis found failures" >&2; exit 1; }
sed -n '/SUMMARY/,$p' "$DATA/schemathesis.log"
