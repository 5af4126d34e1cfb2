#!/usr/bin/env bash
# Builds Kubernetes' own e2e test binary (e2e.test) from the k8s.io/kubernetes Go module at a chosen
# version, the way build-kubernetes.sh builds the commands: a throwaway wrapper module that requires
# k8s.io/kubernetes and points every staging module at its published v0.X.Y, then
# `go test -c k8s.io/kubernetes/test/e2e`. No registry and no git clone: the module proxy (or a warm
# module cache) only.
# usage: build-e2e-test.sh VERSION OUT_FILE WORK_DIR
# Idempotent: an existing OUT_FILE is kept; the binary appears atomically.
set -euo pipefail
version=$1 out=$2 work=$3
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}
[ -x "$out" ] && { echo "e2e.test $version: present at $out"; exit 0; }

mkdir -p "$work" "$(dirname "$out")"
cd "$work"
info=$(go mod download -json "k8s.io/kubernetes@$version") \
  || { echo "build-e2e-test.sh: cannot download k8s.io/kubernetes@$version through the module proxy" >&2; exit 1; }
modfile=$(jq -r '.GoMod // empty' <<<"$info")
[ -f "$modfile" ] || { echo "build-e2e-test.sh: no go.mod for k8s.io/kubernetes@$version" >&2; exit 1; }
staging_version=${KUBERNETES_STAGING_VERSION:-v0.${version#v1.}}
echo "e2e.test $version with staging modules at $staging_version"
{
  echo "module inplace-e2e.local/e2e-test-build"
  grep -E '^(go|godebug) ' "$modfile"
  echo "require k8s.io/kubernetes $version"
  echo "replace ("
  grep -E '^\s*k8s.io/[a-z0-9-]+ => \./staging/' "$modfile" | awk -v v="$staging_version" '{print "\t" $1 " => " $1 " " v}'
  echo ")"
} > go.mod
[ -f go.sum ] || touch go.sum
go get -t "k8s.io/kubernetes/test/e2e@$version" >/dev/null 2>&1 || go get -t "k8s.io/kubernetes/test/e2e@$version"

minor=$(echo "$version" | cut -d. -f2)
ld=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
start=$(date +%s)
CGO_ENABLED=0 go test -c -trimpath -ldflags "-s -w $ld" -o "$out.tmp" k8s.io/kubernetes/test/e2e
mv -f "$out.tmp" "$out"
echo "built e2e.test $version in $(( $(date +%s) - start ))s"
