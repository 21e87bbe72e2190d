#!/usr/bin/env bash
# Builds the HTTP request parser fuzzer (outside SwiftPM) and runs it for N
# seconds (default 60) on a temporary copy of the seed corpus, so the repository
# is never modified. Exits non-zero when libFuzzer finds a crash; the crashing
# input is kept under .build/fuzz-artifacts/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

binary=.build/http-parser-fuzz
mkdir -p .build .build/fuzz-artifacts
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    Tests/Fuzz/HTTPParserFuzz.swift Sources/HTTPCore/*.swift \
    -module-name HTTPParserFuzz -o "$binary"

corpus="$(mktemp -d "${TMPDIR:-/tmp}/http-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$corpus"' EXIT
cp Tests/Fuzz/corpus/http/* "$corpus/"

log=.build/fuzz-artifacts/last-run.log
status=0
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix=.build/fuzz-artifacts/ -print_final_stats=1 > "$log" 2>&1 || status=$?
# libFuzzer is chatty: show its summary, and everything when it found something.
if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    echo "fuzzer found a failure (exit $status); input saved under .build/fuzz-artifacts/" >&2
    exit "$status"
fi
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ *DONE' "$log" || tail -n 5 "$log"
