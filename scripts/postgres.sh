#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests and benchmarks.
#
#   scripts/postgres.sh start            create a cluster in a new temp dir, start it on 127.0.0.1 and a free
#                                        port, print the exports tests read (eval "$(scripts/postgres.sh start)")
#   scripts/postgres.sh stop DIR         stop the cluster and delete DIR
#   scripts/postgres.sh down DIR         stop the server, keep the cluster (fault tests: database unavailable)
#   scripts/postgres.sh up DIR           start the same cluster again, same port
#   scripts/postgres.sh restart DIR [S]  down, wait S seconds (default 0), up
#
# The server must run as user postgres: CI runs as root and PostgreSQL refuses to run as root.
# Everything but the exports goes to stderr, so `eval "$(scripts/postgres.sh start)"` works.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

ensure_installed() {
    if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir)/initdb" ]; then
        log "installing postgresql from apt"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; }
    fi
    BIN="$(pg_config --bindir)"
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

port_in_use() {
    # A connect succeeding means something listens there already.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_exports() {
    local dir="$1" port
    port="$(cat "$dir/port")"
    echo "export RECOMMENDER_TEST_POSTGRES=\"Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres\""
    echo "export RECOMMENDER_TEST_POSTGRES_DIR=\"$dir\""
}

server_up() {
    local dir="$1"
    as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2
}

cmd_start() {
    ensure_installed
    local dir
    dir="$(mktemp -d -t recommender-pg.XXXXXX)"
    chmod 755 "$dir"
    chown postgres:postgres "$dir" 2>/dev/null || true
    as_postgres "$BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
    local attempt port
    for attempt in $(seq 1 20); do
        port=$(( 20000 + RANDOM % 40000 ))
        port_in_use "$port" && continue
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $port"
            echo "unix_socket_directories = '$dir'"
            echo "max_connections = 200"
        } | as_postgres tee "$dir/data/postgresql.auto.conf" >/dev/null
        echo "$port" | as_postgres tee "$dir/port" >/dev/null
        if server_up "$dir"; then
            log "started in $dir on port $port"
            print_exports "$dir"
            return 0
        fi
        log "port $port did not work (attempt $attempt), trying another"
    done
    log "could not start PostgreSQL; see $dir/server.log"
    return 1
}

require_dir() {
    if [ -z "${1:-}" ] || [ ! -f "$1/data/PG_VERSION" ]; then
        log "usage: $0 $2 DIR (a directory printed by '$0 start')"
        exit 2
    fi
}

cmd_down() {
    require_dir "${1:-}" down
    ensure_installed
    as_postgres "$BIN/pg_ctl" -D "$1/data" -m fast -w -t 60 stop >&2 || true
}

cmd_up() {
    require_dir "${1:-}" up
    ensure_installed
    server_up "$1"
    print_exports "$1"
}

cmd_stop() {
    require_dir "${1:-}" stop
    cmd_down "$1"
    rm -rf "$1"
}

cmd_restart() {
    require_dir "${1:-}" restart
    cmd_down "$1"
    sleep "${2:-0}"
    cmd_up "$1"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop "${2:-}" ;;
    down) cmd_down "${2:-}" ;;
    up) cmd_up "${2:-}" ;;
    restart) cmd_restart "${2:-}" "${3:-0}" ;;
    *) log "usage: $0 start | stop DIR | down DIR | up DIR | restart DIR [SECONDS]"; exit 2 ;;
esac
