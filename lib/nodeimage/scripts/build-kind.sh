#!/usr/bin/env bash
# Installs the kind CLI from its Go module (its go.mod has no replace, so `go install` works).
# usage: build-kind.sh VERSION OUT_DIR
# Idempotent: an existing OUT_DIR/kind is kept.
set -euo pipefail
version=$1 out=$2
[ -x "$out/kind" ] && { echo "kind: $out/kind exists"; exit 0; }
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local} CGO_ENABLED=0
mkdir -p "$out"
tmp=$(mktemp -d "$out/.gobin.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
GOBIN=$tmp go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kind@$version"
mv -f "$tmp/kind" "$out/kind"
echo "kind: built $("$out/kind" version)"
