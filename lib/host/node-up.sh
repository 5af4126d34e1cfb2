#!/usr/bin/env bash
# A current Node.js for this harness, from the npm registry when the machine's is too old.
#
# Prints (on stdout) the one line that puts that Node first on PATH; everything else goes to stderr:
#
#   eval "$(bash lib/host/node-up.sh)"           # the machine's node if >= 22.19, else the pinned 24.x
#   eval "$(bash lib/host/node-up.sh 22.23.3)"   # exactly this version (to test on the oldest major)
#
# The binary is the `node` package of the npm registry at an exact version (its preinstall script
# fetches the platform package node-<os>-<arch> of the same version, from the same registry), so it
# works wherever `npm ci` works, with no access to nodejs.org. It is installed once into
# $INPLACE_E2E_CACHE/node/<version> (outside any repository) and reused by later runs.
set -euo pipefail

PINNED=24.21.0   # the default: Node 24 LTS, the newest 24.x on the registry when this was written
MIN=22.19.0      # engines.node in package.json; @kubernetes/client-node 2.x needs it (undici 8)

cache="${INPLACE_E2E_CACHE:-$HOME/.cache/inplace-e2e}"
want="${1:-}"
say() { echo "node-up: $*" >&2; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

if [ -z "$want" ]; then
  have=$(node -p 'process.versions.node' 2>/dev/null || true)
  if [ -n "$have" ] && version_ge "$have" "$MIN"; then
    say "the machine's node v$have is >= $MIN; PATH unchanged"
    echo ':'
    exit 0
  fi
  if [ -n "$have" ]; then why="v$have, older than $MIN"; else why="missing"; fi
  say "the machine's node is $why; using Node $PINNED from the npm registry"
  want=$PINNED
fi
case "$want" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) say "give an exact version (like $PINNED), not \"$want\""; exit 2 ;;
esac

dir="$cache/node/$want"
bin="$dir/node_modules/node/bin"
if [ "$("$bin/node" -p 'process.versions.node' 2>/dev/null || true)" != "$want" ]; then
  command -v npm >/dev/null 2>&1 || { say "npm is needed to fetch Node $want (install Node.js and npm from your distribution first)"; exit 1; }
  mkdir -p "$cache/node"
  tmp=$(mktemp -d "$cache/node/.install-$want.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # allowScripts: npm 11 runs a dependency's install scripts only when the project allows them;
  # the `node` package's preinstall is what fetches the binary. Older npm ignores the field.
  printf '{"private":true,"dependencies":{"node":"%s"},"allowScripts":{"node@%s":true}}\n' "$want" "$want" >"$tmp/package.json"
  started=$(date +%s)
  say "installing node@$want into $dir"
  (cd "$tmp" && npm install --no-audit --no-fund --loglevel=error >&2)
  got=$("$tmp/node_modules/node/bin/node" -p 'process.versions.node' 2>/dev/null || true)
  if [ "$got" != "$want" ]; then
    say "node@$want installed, but $tmp/node_modules/node/bin/node reports \"${got:-nothing}\" (did npm skip the package's preinstall script?)"
    exit 1
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
  say "Node $want ready in $(( $(date +%s) - started ))s"
fi
say "using $bin/node (v$want)"
printf 'export PATH=%q:"$PATH"\n' "$bin"
# The pinned npm looks for its global npmrc under its own prefix, so settings the machine's npm keeps in its
# global npmrc (here: cafile, for a TLS-inspecting proxy) would be lost: keep pointing at that file.
# (Measured: without NODE_EXTRA_CA_CERTS in the environment, the pinned npm's `npm ci` failed with
# SELF_SIGNED_CERT_IN_CHAIN while the machine's npm, reading /usr/etc/npmrc, had installed Node fine.)
if [ -z "${npm_config_globalconfig:-}" ] && command -v npm >/dev/null 2>&1; then
  global=$(npm config get globalconfig 2>/dev/null || true)
  if [ -n "$global" ] && [ -f "$global" ]; then
    say "the pinned npm keeps reading the machine's global npmrc $global"
    printf 'export npm_config_globalconfig=%q\n' "$global"
  fi
fi
