# shellcheck shell=bash
# A private PostgreSQL server for the tests, on 127.0.0.1, removed again when the shell exits.
#
#   source .ci/postgres.sh      # exports NEWSGRAPH_TEST_PG_URL; server stops on shell exit
#   bash .ci/postgres.sh        # starts one, prints the export lines, leaves it running;
#   bash .ci/postgres.sh stop DIR   # stops the one whose folder was printed as NEWSGRAPH_TEST_PG_DIR
#
# When NEWSGRAPH_TEST_PG_URL is already set (a server of your own) it does nothing.
# Otherwise it installs Debian's postgresql if missing (as root, apt-get), creates a cluster
# in a temporary folder with initdb run as an unprivileged user (initdb refuses root: the
# `postgres` system user, created if absent), starts it on a free loopback port with its
# socket in that folder, creates database newsgraph_test owned by role newsgraph (trust
# authentication, loopback only) and exports
#   NEWSGRAPH_TEST_PG_URL=postgresql+psycopg://newsgraph@127.0.0.1:PORT/newsgraph_test
# (SQLAlchemy URL, psycopg 3 driver: the `postgres` extra).

_ng_pg_log() { echo "postgres.sh: $*" >&2; }

_ng_pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    return 1
}

_ng_pg_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        _ng_pg_log "PostgreSQL server programs not found, and not root with apt-get to install them"
        return 1
    fi
    _ng_pg_log "installing Debian's postgresql (apt-get)"
    apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

_ng_pg_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a command as the cluster's owner: the postgres user when we are root, else ourselves.
_ng_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

newsgraph_pg_stop() {
    local dir=${1:-${NEWSGRAPH_TEST_PG_DIR:-}}
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        _ng_pg_as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

newsgraph_pg_start() {
    local bindir dir port
    bindir=$(_ng_pg_bindir) || { _ng_pg_install && bindir=$(_ng_pg_bindir); } || return 1
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres || return 1
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-pg.XXXXXX") || return 1
    echo "$bindir" >"$dir/bindir"
    mkdir "$dir/sock"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    _ng_pg_as_owner "$bindir/initdb" -D "$dir/data" -U newsgraph --auth=trust --encoding=UTF8 \
        --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
        { _ng_pg_log "initdb failed:"; cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
    port=$(_ng_pg_free_port)
    _ng_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null ||
        { _ng_pg_log "server did not start:"; cat "$dir/server.log" >&2; newsgraph_pg_stop "$dir"; return 1; }
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U newsgraph newsgraph_test ||
        { newsgraph_pg_stop "$dir"; return 1; }
    export NEWSGRAPH_TEST_PG_DIR="$dir"
    export NEWSGRAPH_TEST_PG_URL="postgresql+psycopg://newsgraph@127.0.0.1:$port/newsgraph_test"
    _ng_pg_log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: start unless a server URL was given, and stop it when the shell exits.
    if [ -z "${NEWSGRAPH_TEST_PG_URL:-}" ]; then
        newsgraph_pg_start && trap 'newsgraph_pg_stop' EXIT
    fi
else
    set -euo pipefail
    case "${1:-start}" in
        start)
            if [ -n "${NEWSGRAPH_TEST_PG_URL:-}" ]; then echo "export NEWSGRAPH_TEST_PG_URL=$NEWSGRAPH_TEST_PG_URL"; exit 0; fi
            newsgraph_pg_start
            echo "export NEWSGRAPH_TEST_PG_URL=$NEWSGRAPH_TEST_PG_URL"
            echo "export NEWSGRAPH_TEST_PG_DIR=$NEWSGRAPH_TEST_PG_DIR"
            ;;
        stop) newsgraph_pg_stop "${2:?usage: postgres.sh stop DIR}" ;;
        *) echo "usage: postgres.sh [start | stop DIR]" >&2; exit 2 ;;
    esac
fi
