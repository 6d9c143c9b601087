#!/usr/bin/env bash
# Regenerates src/modules/moderation/disposable_domains.txt, the disposable e-mail domains spam
# scoring knows out of the box: the exact and the wildcard lists of the npm package
# disposable-email-domains (MIT licence), lower-cased, one per line, sorted, without repeats.
# Store owners add and remove domains on top of it in the admin UI.
# Usage: scripts/update-disposable-domains.sh (after `npm ci` in tools/).
set -euo pipefail
cd "$(dirname "$0")/.."
node -e '
const pkg = "./tools/node_modules/disposable-email-domains/";
const all = [...require(pkg + "index.json"), ...require(pkg + "wildcard.json")];
const out = [...new Set(all.map((d) => d.trim().toLowerCase()))]
  .filter((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))
  .sort();
require("fs").writeFileSync("src/modules/moderation/disposable_domains.txt", out.join("\n") + "\n");
console.log(`${out.length} disposable domains`);
'
