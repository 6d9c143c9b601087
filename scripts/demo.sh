#!/usr/bin/env bash
# Command 1 of the quick start: installs what is needed, builds, creates a demo store on the
# embedded SQLite database (first run only) and starts the server on 127.0.0.1:8080.
# Environment: DEMO_CUSTOMERS (default 20000), CLIENTELE_LISTEN, CLIENTELE_DB.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh

bin=build/clientele
export CLIENTELE_DB="${CLIENTELE_DB:-sqlite:./data/clientele.db}"
export CLIENTELE_LISTEN="${CLIENTELE_LISTEN:-127.0.0.1:8080}"
credentials=data/demo-credentials.txt
mkdir -p data

if [ ! -f "$credentials" ]; then
  "$bin" migrate
  "$bin" demo --customers "${DEMO_CUSTOMERS:-20000}" --seed 42 --spam-percent 3
  password="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" | "$bin" admin create --email owner@demo.store --name "Demo owner" --role owner
  token="$("$bin" token create --admin owner@demo.store --name "demo script")"
  umask 077
  cat > "$credentials" <<CREDS
admin e-mail:    owner@demo.store
admin password:  $password
API token:       $token
CREDS
fi

url="http://${CLIENTELE_LISTEN}"
token="$(sed -n 's/^API token: *//p' "$credentials")"
cat <<INFO

Clientele demo store is starting at $url/
  Admin UI:      $url/admin/
  Customer area: $url/account/ (shoppers register and sign in here; their confirmation
                 e-mails need an SMTP server: see "E-mail" in README.md for a local one)
  Health:   $url/healthz
  API docs: $url/api/openapi.json
  Try:      curl -H "Authorization: Bearer $token" "$url/api/admin/customers?q=muller&limit=5"
Login (also saved in $credentials):
$(cat "$credentials")
Stop with Ctrl-C.

INFO
exec "$bin" serve
