#!/usr/bin/env bash
# Builds Kubernetes commands from the k8s.io/kubernetes Go module at a chosen version.
# k8s.io/kubernetes replaces its staging modules with local paths, so `go install` of it fails;
# a throwaway wrapper module that requires it and points every staging module at its
# published v0.X.Y makes the commands buildable.
# usage: build-kubernetes.sh VERSION OUT_DIR WORK_DIR [command...]
#   VERSION: a release (v1.35.8) or any module version, e.g. a pseudo-version for a commit.
# env: KUBERNETES_STAGING_VERSION overrides the staging module version (default v0.X.Y for
#      v1.X.Y; for a commit pass the matching staging pseudo-version or the base release).
# Idempotent: commands whose binary exists in OUT_DIR are skipped; binaries appear atomically.
set -euo pipefail
version=$1 out=$2 work=$3; shift 3
cmds=("$@")
[ ${#cmds[@]} -gt 0 ] || cmds=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy)
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}

todo=()
for c in "${cmds[@]}"; do [ -x "$out/$c" ] || todo+=("$c"); done
[ ${#todo[@]} -gt 0 ] || { echo "kubernetes $version: all commands present in $out"; exit 0; }

mkdir -p "$work" "$out"
cd "$work"
info=$(go mod download -json "k8s.io/kubernetes@$version") \
  || { echo "build-kubernetes.sh: cannot download k8s.io/kubernetes@$version through the module proxy" >&2; exit 1; }
modfile=$(jq -r '.GoMod // empty' <<<"$info")
[ -f "$modfile" ] || { echo "build-kubernetes.sh: no go.mod for k8s.io/kubernetes@$version" >&2; exit 1; }
# staging modules are published as v0.<minor>.<patch> for v1.<minor>.<patch> (pre-release suffixes carry over)
staging_version=${KUBERNETES_STAGING_VERSION:-v0.${version#v1.}}
echo "kubernetes $version with staging modules at $staging_version"
{
  echo "module inplace-e2e.local/kubernetes-build"
  # GODEBUG defaults follow the main module's go line: keep kubernetes' own.
  grep -E '^(go|godebug) ' "$modfile"
  echo "require k8s.io/kubernetes $version"
  echo "replace ("
  grep -E '^\s*k8s.io/[a-z0-9-]+ => \./staging/' "$modfile" | awk -v v="$staging_version" '{print "\t" $1 " => " $1 " " v}'
  echo ")"
} > go.mod
[ -f go.sum ] || touch go.sum
for c in "${todo[@]}"; do go get "k8s.io/kubernetes/cmd/$c@$version" >/dev/null 2>&1 || go get "k8s.io/kubernetes/cmd/$c@$version"; done

# Version stamping: kubeadm and node status read these, so the binaries must report the real version.
minor=$(echo "$version" | cut -d. -f2)
# The proxy gives no commit for a tag; a pseudo-version carries its 12-digit prefix.
commit=$(sed -nE 's/.*[.-][0-9]{14}-([0-9a-f]{12})$/\1/p' <<<"$version")
commit=${commit:-0000000000000000000000000000000000000000}
# Build date: the module's publication time (reproducible, unlike "now"), unless SOURCE_DATE_EPOCH is set.
info_time=$(jq -r '.Info // empty' <<<"$info" | xargs -r jq -r '.Time // empty' 2>/dev/null || true)
build_date=${SOURCE_DATE_EPOCH:+$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)}
build_date=${build_date:-${info_time:-1970-01-01T00:00:00Z}}
ld=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitCommit=$commit -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done
for c in "${todo[@]}"; do
  start=$(date +%s)
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ld" -o "$out/.$c.tmp" "k8s.io/kubernetes/cmd/$c"
  mv -f "$out/.$c.tmp" "$out/$c"
  echo "built $c in $(( $(date +%s) - start ))s"
done
