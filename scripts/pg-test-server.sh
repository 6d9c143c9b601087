#!/usr/bin/env bash
# Throw-away PostgreSQL 15 server for tests.
#
#   scripts/pg-test-server.sh start DIR   initdb + start in DIR, print the URL (one line)
#   scripts/pg-test-server.sh stop DIR    stop the server and remove DIR
#
# The server listens on a free TCP port on 127.0.0.1 only, with trust authentication, fsync off
# and its unix socket in DIR; its log is DIR/log. The database `clientele_test` belongs to the
# superuser role `clientele`. PostgreSQL refuses to run as root, so as root every server command
# runs as the `postgres` OS user. Starting on a DIR that already holds a server stops it and
# starts afresh; DIR must be empty or a data directory made by this script (it is deleted).
set -euo pipefail

readonly PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
readonly ROLE=clientele
readonly DATABASE=clientele_test

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

# Runs a command as the server's OS user (postgres when we are root). `cd /` first because
# the postgres user may not be allowed into the caller's working directory.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

is_running() {
  [[ -f "$1/PG_VERSION" ]] && as_server_user "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# A port is free when nothing listens on it; the server start is retried if we lose a race.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if [[ -z $(ss -Htln "sport = :$port") ]]; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Deletes DIR only when it is ours: a data directory or empty. Guards against `rm -rf` of a
# wrong path when this runs as root.
remove_dir() {
  local dir=$1
  [[ -e $dir ]] || return 0
  if [[ -f "$dir/PG_VERSION" || -z $(ls -A "$dir") ]]; then
    rm -rf -- "$dir"
  else
    die "$dir is not a PostgreSQL data directory; not removing it"
  fi
}

stop_server() {
  local dir=$1
  if is_running "$dir"; then
    as_server_user "$PG_BIN/pg_ctl" stop -D "$dir" -m fast -w >/dev/null
  fi
}

start_server() {
  local dir=$1 locale=C
  stop_server "$dir"
  remove_dir "$dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
  fi
  as_server_user test -w "$dir" ||
    die "the postgres user cannot write $dir (is a parent directory private?)"

  # C.UTF-8 keeps byte-order collation but lets lower()/upper() handle non-ASCII letters.
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
    locale=C.UTF-8
  fi
  # initdb needs an empty directory, so its output cannot go to a file in DIR.
  local output
  output=$(as_server_user "$PG_BIN/initdb" -D "$dir" -U "$ROLE" --auth=trust --encoding=UTF8 \
    --locale="$locale" 2>&1) || die "initdb failed: $output"
  # Durability is pointless for a throw-away server; these make tests much faster.
  cat >>"$dir/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port) || die "no free TCP port found"
    if as_server_user "$PG_BIN/pg_ctl" start -D "$dir" -l "$dir/log" -w -t 60 \
      -o "-p $port" >/dev/null 2>&1; then
      as_server_user "$PG_BIN/createdb" -h "$dir" -p "$port" -U "$ROLE" -O "$ROLE" "$DATABASE"
      echo "postgres://$ROLE@127.0.0.1:$port/$DATABASE"
      return 0
    fi
  done
  tail -n 20 "$dir/log" >&2 || true
  die "the server did not start (see $dir/log)"
}

[[ $# -eq 2 ]] || usage
[[ -n $2 ]] || usage
dir=$(realpath -m -- "$2")
[[ $dir != / ]] || die "refusing to use / as the data directory"

case $1 in
  start) start_server "$dir" ;;
  stop)
    stop_server "$dir"
    remove_dir "$dir"
    ;;
  *) usage ;;
esac
