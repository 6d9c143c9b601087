#!/usr/bin/env bash
# Throw-away SMTP server for tests (maildev from tools/node_modules): every e-mail it receives
# can be read back over its HTTP API (GET /email).
#
#   scripts/mail-test-server.sh start DIR   start in DIR, print "SMTP_HOST:PORT WEB_URL" (one line)
#   scripts/mail-test-server.sh stop DIR    stop the server and remove DIR
#
# Both ports are free ports on 127.0.0.1 only. DIR holds the received mail, the log and the pid.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly MAILDEV=$PWD/tools/node_modules/.bin/maildev

die() {
  echo "mail-test-server: $*" >&2
  exit 1
}

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

stop_server() {
  local dir=$1
  if [[ -f "$dir/pid" ]]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  if [[ -e $dir ]]; then
    [[ -f "$dir/pid" || -z $(ls -A "$dir") ]] || die "$dir is not a mail test server folder"
    rm -rf -- "$dir"
  fi
}

start_server() {
  local dir=$1 smtp web
  [[ -x $MAILDEV ]] || die "maildev is not installed: run scripts/install-deps.sh"
  stop_server "$dir"
  mkdir -p "$dir/mail"
  for _ in 1 2 3 4 5; do
    smtp=$(free_port) || die "no free TCP port found"
    web=$(free_port) || die "no free TCP port found"
    [[ $smtp != "$web" ]] || continue
    nohup "$MAILDEV" --smtp "$smtp" --web "$web" --ip 127.0.0.1 --web-ip 127.0.0.1 \
      --mail-directory "$dir/mail" >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
      if curl -sf "http://127.0.0.1:$web/email" >/dev/null 2>&1 &&
        [[ -n $(ss -Htln "sport = :$smtp") ]]; then
        echo "127.0.0.1:$smtp http://127.0.0.1:$web"
        return 0
      fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  done
  tail -n 20 "$dir/log" >&2 || true
  die "maildev did not start (see $dir/log)"
}

[[ $# -eq 2 && -n $2 ]] || die "usage: $0 start|stop DIR"
dir=$(realpath -m -- "$2")
[[ $dir != / ]] || die "refusing to use / as the folder"
case $1 in
  start) start_server "$dir" ;;
  stop) stop_server "$dir" ;;
  *) die "usage: $0 start|stop DIR" ;;
esac
