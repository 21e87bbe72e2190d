#!/usr/bin/env bash
# Side-by-side benchmark: klipso (release build) and nginx (one worker) serving
# the same GET /health bytes, plain HTTP and TLS, 64 and 256 keep-alive
# connections, then RSS with 10,000 idle keep-alive connections.
# Loopback only; every step bounded in time. Usage: bench/run.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OUT=bench/out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/klipso-bench.XXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx-light curl" >&2; exit 1; }
done
ulimit -n "$(ulimit -Hn)" || true

swift build -c release --product klipso >/dev/null
BIN=$(swift build -c release --show-bin-path)/klipso

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # url
  for _ in $(seq 1 300); do curl -sk -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not become ready" >&2; exit 1
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

K_PLAIN=$(free_port); K_TLS=$(free_port); N_PLAIN=$(free_port); N_TLS=$(free_port)
export KLIPSO_ADMIN_TOKEN=bench-admin-token-not-secret
"$BIN" serve --host 127.0.0.1 --port "$K_TLS" --data-dir "$WORK/k-tls" --no-access-log 2>"$WORK/k-tls.log" & PIDS+=($!); KTLS_PID=$!
wait_ready "https://127.0.0.1:$K_TLS/health"
CERT="$WORK/k-tls/tls/dev-cert.pem"; KEY="$WORK/k-tls/tls/dev-key.pem"
"$BIN" serve --host 127.0.0.1 --port "$K_PLAIN" --data-dir "$WORK/k-plain" --insecure-http --no-access-log 2>"$WORK/k-plain.log" & PIDS+=($!); KPLAIN_PID=$!
wait_ready "http://127.0.0.1:$K_PLAIN/health"

mkdir -p "$WORK/nginx"
sed -e "s#@DIR@#$WORK/nginx#g" -e "s#@PLAIN_PORT@#$N_PLAIN#g" -e "s#@TLS_PORT@#$N_TLS#g" \
    -e "s#@CERT@#$CERT#g" -e "s#@KEY@#$KEY#g" bench/nginx.conf.template > "$WORK/nginx/nginx.conf"
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/stderr.log" & PIDS+=($!)
wait_ready "http://127.0.0.1:$N_PLAIN/health"
NGINX_WORKER=$(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | head -1)

RESULTS="$OUT/results.tsv"
printf "server\ttransport\tconnections\treq_per_s\tp50_ms\tp99_ms\trss_mib\n" > "$RESULTS"
to_ms() { # wrk latency like 1.23ms / 850.00us / 1.2s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else if (v ~ /s$/) printf "%.3f", v*1000; else print v }'
}
run_wrk() { # name transport conns url pid
  local log="$WORK/wrk-$1-$2-$3.log"
  timeout $((DURATION + 30)) wrk -t2 -c"$3" -d"${DURATION}s" --latency "$4" > "$log"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$log")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' "$log")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' "$log")")
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%.1f\n" "$1" "$2" "$3" "$rps" "$p50" "$p99" "$(echo "$(rss_kib "$5") / 1024" | bc -l)" >> "$RESULTS"
}
for conns in 64 256; do
  run_wrk klipso plain "$conns" "http://127.0.0.1:$K_PLAIN/health" "$KPLAIN_PID"
  run_wrk nginx plain "$conns" "http://127.0.0.1:$N_PLAIN/health" "$NGINX_WORKER"
  run_wrk klipso tls "$conns" "https://127.0.0.1:$K_TLS/health" "$KTLS_PID"
  run_wrk nginx tls "$conns" "https://127.0.0.1:$N_TLS/health" "$NGINX_WORKER"
done

IDLE="$OUT/idle.txt"; : > "$IDLE"
echo "klipso plain: $(timeout 300 python3 bench/idle_connections.py --port "$K_PLAIN" --pid "$KPLAIN_PID" --count 10000)" >> "$IDLE"
echo "klipso tls:   $(timeout 300 python3 bench/idle_connections.py --port "$K_TLS" --pid "$KTLS_PID" --count 10000 --tls)" >> "$IDLE"
echo "nginx plain:  $(timeout 300 python3 bench/idle_connections.py --port "$N_PLAIN" --pid "$NGINX_WORKER" --count 10000)" >> "$IDLE"
echo "nginx tls:    $(timeout 300 python3 bench/idle_connections.py --port "$N_TLS" --pid "$NGINX_WORKER" --count 10000 --tls)" >> "$IDLE"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before the run $LOAD_BEFORE, klipso event loops: ${KLIPSO_THREADS:-default (one per core)}"
echo "== requests (wrk -t2 -d${DURATION}s --latency, GET /health)"
column -t -s $'\t' "$RESULTS"
echo "== ratios klipso/nginx"
awk -F'\t' 'NR>1 { key=$2" c="$3; if ($1=="klipso") {k[key]=$4; kp[key]=$6} else {n[key]=$4; np[key]=$6} }
  END { for (key in k) printf "%-12s req/s %.2fx   p99 %.2fx\n", key, k[key]/n[key], kp[key]/np[key] }' "$RESULTS" | sort
echo "== idle keep-alive connections"
cat "$IDLE"
