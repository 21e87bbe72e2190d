#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 for the Database tests, or stops it.
#
#   eval "$(.ci/start-postgres.sh)"      # start (or reuse) and export KLIPSO_TEST_POSTGRES_URL
#   .ci/start-postgres.sh stop           # stop it and delete its files
#   .ci/start-postgres.sh pause|resume   # stop / start the server, keeping its data
#                                        # (for tests of a database restart)
#
# The last line printed on stdout is the export; progress goes to stderr.
# fsync stays ON: durability tests rely on it. Must run as root (initdb runs as
# the postgres user, in a mktemp dir under /tmp, because it refuses root).
set -euo pipefail

PORT="${KLIPSO_TEST_POSTGRES_PORT:-55432}"
BIN=/usr/lib/postgresql/15/bin
STATE_FILE="/tmp/klipso-test-postgres-${PORT}.dir"
URL="postgresql://postgres@127.0.0.1:${PORT}/postgres"

log() { echo "start-postgres: $*" >&2; }

stop() {
    if [[ -f "$STATE_FILE" ]]; then
        local dir
        dir="$(cat "$STATE_FILE")"
        if [[ -d "$dir/data" ]]; then
            runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 || true
        fi
        rm -rf "$dir" "$STATE_FILE"
        log "stopped and removed $dir"
    else
        log "nothing to stop on port $PORT"
    fi
}

start_server() { # dir
    # The server outlives this script: it must not inherit our descriptors (a
    # caller's pipe or socket would otherwise stay open until PostgreSQL exits,
    # and a parent waiting for this script's end would wait forever). Close them
    # in a subshell so this script's own descriptors stay intact.
    (
        for fd in /proc/self/fd/*; do
            fd=${fd##*/}
            [[ "$fd" -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null
        done
        exec runuser -u postgres -- "$BIN/pg_ctl" -D "$1/data" -l "$1/log" -w -t 30 \
            -o "-p $PORT -k $1 -c listen_addresses=127.0.0.1 -c max_connections=200" start
    ) >&2
}

case "${1:-start}" in
    stop)
        stop
        exit 0 ;;
    pause)
        runuser -u postgres -- "$BIN/pg_ctl" -D "$(cat "$STATE_FILE")/data" -m fast -w -t 30 stop >&2
        exit 0 ;;
    resume)
        start_server "$(cat "$STATE_FILE")"
        exit 0 ;;
esac

if [[ ! -x "$BIN/initdb" ]]; then
    log "installing postgresql (initdb missing)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# Idempotent: reuse a running server we started earlier.
if [[ -f "$STATE_FILE" ]]; then
    dir="$(cat "$STATE_FILE")"
    if runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "already running from $dir"
        echo "export KLIPSO_TEST_POSTGRES_URL=$URL"
        exit 0
    fi
    log "stale state for $dir; starting afresh"
    rm -rf "$dir" "$STATE_FILE"
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    log "port $PORT is already in use by something else; set KLIPSO_TEST_POSTGRES_PORT"
    exit 1
fi

dir="$(mktemp -d /tmp/pg.XXXXXX)"
chown postgres:postgres "$dir"
chmod 700 "$dir"
runuser -u postgres -- "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
start_server "$dir"
echo "$dir" > "$STATE_FILE"
log "running from $dir (log: $dir/log)"
echo "export KLIPSO_TEST_POSTGRES_URL=$URL"
