#!/usr/bin/env bash
# Regenerates src/modules/accounts/common_passwords.txt, the list shopper passwords are checked
# against: the passwords of 10 characters or more (shorter ones are refused anyway) from the
# frequency list of the npm package @zxcvbn-ts/language-common (MIT licence), lower-cased,
# printable ASCII, in the package's order (most common first), without repeats.
# Usage: scripts/update-common-passwords.sh (after `npm ci` in tools/).
set -euo pipefail
cd "$(dirname "$0")/.."
node -e '
const list = require("./tools/node_modules/@zxcvbn-ts/language-common/src/passwords.json");
const seen = new Set();
const out = [];
for (const p of list) {
  const l = p.toLowerCase();
  if ([...l].length >= 10 && /^[\x21-\x7e]+$/.test(l) && !seen.has(l)) {
    seen.add(l);
    out.push(l);
  }
}
require("fs").writeFileSync("src/modules/accounts/common_passwords.txt", out.join("\n") + "\n");
console.log(`${out.length} common passwords`);
'
