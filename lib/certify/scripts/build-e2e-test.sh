#!/usr/bin/env bash
# Builds Kubernetes' own e2e test binary (e2e.test) from the k8s.io/kubernetes Go module at a chosen
# version, the way build-kubernetes.sh builds the commands: a throwaway wrapper module that requires
# k8s.io/kubernetes and points every staging module at its published v0.X.Y, then
# `go test -c k8s.io/kubernetes/test/e2e`. No registry and no git clone: the module proxy (or a warm
# module cache) only.
# usage: build-e2e-test.sh VERSION OUT_FILE WORK_DIR
# Idempotent: an existing OUT_FILE is kept; the binary appears atomically.
set -euo pipefail
# shellcheck source=../../nodeimage/scripts/kubernetes-module.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../nodeimage/scripts/kubernetes-module.sh"
version=$1 out=$2 work=$3
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}
[ -x "$out" ] && { echo "e2e.test $version: present at $out"; exit 0; }

mkdir -p "$work" "$(dirname "$out")"
cd "$work"
kubernetes_wrapper_module build-e2e-test.sh inplace-e2e.local/e2e-test-build "$version"
echo "e2e.test $version with staging modules at $staging_version"
go get -t "k8s.io/kubernetes/test/e2e@$version" >/dev/null 2>&1 || go get -t "k8s.io/kubernetes/test/e2e@$version"

ld=$(kubernetes_version_ldflags "$version")
start=$(date +%s)
CGO_ENABLED=0 go test -c -trimpath -ldflags "-s -w $ld" -o "$out.tmp" k8s.io/kubernetes/test/e2e
mv -f "$out.tmp" "$out"
echo "built e2e.test $version in $(( $(date +%s) - start ))s"
