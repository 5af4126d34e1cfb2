#!/usr/bin/env bash
# Builds Kubernetes commands from the k8s.io/kubernetes Go module at a chosen version.
# k8s.io/kubernetes replaces its staging modules with local paths, so `go install` of it fails;
# a throwaway wrapper module that requires it and points every staging module at its
# published v0.X.Y makes the commands buildable (see shared/notes/ci-host.md).
# usage: build-kubernetes.sh VERSION OUT_DIR WORK_DIR [command...]
set -euo pipefail
version=$1 out=$2 work=$3; shift 3
cmds=("$@")
[ ${#cmds[@]} -gt 0 ] || cmds=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy)
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}

mkdir -p "$work" "$out"
cd "$work"
modfile=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
[ -f "$modfile" ] || { echo "cannot download k8s.io/kubernetes@$version" >&2; exit 1; }
# staging modules are published as v0.<minor>.<patch> for v1.<minor>.<patch> (pre-release suffixes carry over)
staging_version="v0.${version#v1.}"
{
  echo "module inplace-e2e.local/kubernetes-build"
  grep -E '^(go|godebug) ' "$modfile"
  echo "require k8s.io/kubernetes $version"
  echo "replace ("
  grep -E '^\s*k8s.io/[a-z0-9-]+ => \./staging/' "$modfile" | awk -v v="$staging_version" '{print "\t" $1 " => " $1 " " v}'
  echo ")"
} > go.mod
[ -f go.sum ] || touch go.sum
for c in "${cmds[@]}"; do go get "k8s.io/kubernetes/cmd/$c@$version" >/dev/null 2>&1 || go get "k8s.io/kubernetes/cmd/$c@$version"; done

# Version stamping: kubeadm and node status read these, so the binaries must report the real version.
minor=$(echo "$version" | cut -d. -f2)
commit=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^\s*"Hash": "\(.*\)",$/\1/p' | head -1)
[ -n "$commit" ] || commit=0000000000000000000000000000000000000000
build_date=${SOURCE_DATE_EPOCH:+$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)}
build_date=${build_date:-1970-01-01T00:00:00Z}
ld=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitCommit=$commit -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done
for c in "${cmds[@]}"; do
  start=$(date +%s)
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ld" -o "$out/$c" "k8s.io/kubernetes/cmd/$c"
  echo "built $c in $(( $(date +%s) - start ))s"
done
