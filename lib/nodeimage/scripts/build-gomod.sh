#!/usr/bin/env bash
# Builds main packages of one Go module at a pinned version, static (CGO_ENABLED=0).
# A throwaway wrapper module requires MODULE@VERSION; that also works for modules whose own
# go.mod has replace directives (etcd's server/v3), which `go install pkg@version` refuses.
# usage: build-gomod.sh MODULE VERSION OUT_DIR WORK_DIR LDFLAGS PACKAGE=NAME...
#   PACKAGE is a full import path, NAME the output file in OUT_DIR.
# Idempotent: packages whose output exists are skipped; outputs appear atomically.
set -euo pipefail
module=$1 version=$2 out=$3 work=$4 ldflags=$5; shift 5
[ $# -gt 0 ] || { echo "build-gomod.sh: no PACKAGE=NAME given" >&2; exit 2; }
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local} CGO_ENABLED=0

todo=()
for spec in "$@"; do
  [ -x "$out/${spec#*=}" ] || todo+=("$spec")
done
[ ${#todo[@]} -gt 0 ] || { echo "$module@$version: all outputs present in $out"; exit 0; }

mkdir -p "$work" "$out"
cd "$work"
modfile=$(go mod download -json "$module@$version" | jq -r '.GoMod // empty') \
  || { echo "build-gomod.sh: cannot download $module@$version through the module proxy" >&2; exit 1; }
[ -f "$modfile" ] || { echo "build-gomod.sh: no go.mod for $module@$version" >&2; exit 1; }
{
  echo "module inplace-e2e.local/build"
  # GODEBUG defaults follow the main module's go line: keep the upstream module's.
  grep -E '^(go|godebug) ' "$modfile" || true
  echo "require $module $version"
} > go.mod
touch go.sum
for spec in "${todo[@]}"; do
  pkg=${spec%%=*}
  go get "$pkg@$version" >/dev/null 2>&1 || go get "$pkg@$version"
done
for spec in "${todo[@]}"; do
  pkg=${spec%%=*} name=${spec#*=}
  start=$(date +%s)
  go build -trimpath -ldflags "-s -w $ldflags" -o "$out/.$name.tmp" "$pkg"
  mv -f "$out/.$name.tmp" "$out/$name"
  echo "built $name ($module@$version) in $(( $(date +%s) - start ))s"
done
